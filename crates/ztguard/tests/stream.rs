//! Streaming evaluation: the same findings as evaluating the whole stream at once, and a
//! stream that goes on past its bad lines.

use std::io::Cursor;

use serde_json::json;
use ztguard::facts::{EventType, RuntimeEvent};
use ztguard::runtime::{Detection, EventStream, Monitor, StreamItem, event_from_value};
use ztguard::{Engine, Facts, Response, Severity};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn shell(uid: i64) -> serde_json::Value {
    json!({
        "type": "process_exec", "time": "2026-12-01T10:00:00Z",
        "workload": {"kind": "Deployment", "namespace": "shop", "name": "web"},
        "pod": "web-6d8f7c9b5-x2k4p", "container": "app",
        "process": {"binary": "/bin/bash", "args": [], "uid": uid, "tty": true,
                    "parents": ["/usr/bin/containerd-shim-runc-v2"]},
    })
}

fn benign(i: usize) -> serde_json::Value {
    json!({
        "type": "file_open", "time": "2026-12-01T10:00:01Z",
        "workload": {"kind": "Deployment", "namespace": "shop", "name": "web"},
        "container": "app",
        "process": {"binary": "/usr/sbin/nginx", "uid": 101},
        "file": {"path": format!("/usr/share/nginx/html/{i}.html"), "access": "read"},
    })
}

fn root_shell_findings(detections: &[Detection]) -> Vec<(String, Severity, Option<Response>)> {
    detections
        .iter()
        .filter(|d| d.finding.rule == "ZT-RUN-001")
        .map(|d| {
            (
                d.finding.message.clone(),
                d.finding.severity,
                d.finding.response,
            )
        })
        .collect()
}

#[test]
fn a_root_shell_is_critical_and_asks_for_a_kill() -> TestResult {
    let mut monitor = Monitor::new(Engine::builtin()?);
    let detections = monitor.observe(event_from_value(&shell(0))?)?;
    assert_eq!(
        root_shell_findings(&detections),
        vec![(
            "shell `/bin/bash` started in container `app` as root".to_owned(),
            Severity::Critical,
            Some(Response::Kill)
        )]
    );
    let event = &detections[0].event;
    assert_eq!(event.pod.as_deref(), Some("web-6d8f7c9b5-x2k4p"));
    Ok(())
}

#[test]
fn the_root_shell_response_is_configurable() -> TestResult {
    let engine = Engine::builder()
        .data(json!({"ztguard": {"params": {"ZT-RUN-001": {"root_response": "alert"}}}}))
        .build()?;
    let detections = Monitor::new(engine).observe(event_from_value(&shell(0))?)?;
    let found = root_shell_findings(&detections);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].1, found[0].2),
        (Severity::Critical, Some(Response::Alert))
    );
    Ok(())
}

#[test]
fn the_rust_api_and_the_stream_agree_on_the_root_shell() -> TestResult {
    let mut facts = Facts::new();
    facts.runtime.events.push(event_from_value(&shell(0))?);
    let report = Engine::builtin()?.evaluate(&facts)?;
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule == "ZT-RUN-001")
        .ok_or("no ZT-RUN-001 finding")?;
    assert_eq!(finding.severity, Severity::Critical);
    assert_eq!(finding.response, Some(Response::Kill));
    Ok(())
}

#[test]
fn streaming_in_any_batch_size_finds_what_one_evaluation_finds() -> TestResult {
    let engine = Engine::builtin()?;
    let events: Vec<RuntimeEvent> = (0..40)
        .map(|i| match i % 10 {
            3 => event_from_value(&shell(0)),
            7 => event_from_value(&shell(1000)),
            _ => event_from_value(&benign(i)),
        })
        .collect::<Result<_, _>>()?;
    let mut facts = Facts::new();
    facts.time = Some("2026-12-01T10:00:00Z".to_owned());
    facts.runtime.events = events.clone();
    let whole: Vec<_> = engine
        .evaluate(&facts)?
        .findings
        .into_iter()
        .filter(|f| f.pillar == ztguard::Pillar::Runtime)
        .map(|f| (f.rule, f.message, f.evidence.map(|e| e.pointer)))
        .collect();
    assert!(
        whole.len() >= 8,
        "expected a finding per shell, got {whole:?}"
    );
    for batch in [1, 3, 16, 40] {
        let mut monitor = Monitor::new(engine.clone());
        let mut streamed = Vec::new();
        for chunk in events.chunks(batch) {
            streamed.extend(monitor.observe_batch(chunk.to_vec())?);
        }
        let mut streamed: Vec<_> = streamed
            .into_iter()
            .map(|d| {
                (
                    d.finding.rule,
                    d.finding.message,
                    d.finding.evidence.map(|e| e.pointer),
                )
            })
            .collect();
        let mut expected = whole.clone();
        streamed.sort();
        expected.sort();
        assert_eq!(streamed, expected, "batch {batch}");
        assert_eq!(monitor.seen(), events.len());
    }
    Ok(())
}

#[test]
fn rules_see_only_the_event_types_they_declare() -> TestResult {
    let monitor = Monitor::new(Engine::builtin()?);
    let ids = |t| {
        monitor
            .rules_for(t)
            .map(|r| r.metadata.id.clone())
            .collect::<Vec<_>>()
    };
    assert!(ids(EventType::ProcessExec).contains(&"ZT-RUN-001".to_owned()));
    assert!(!ids(EventType::FileOpen).contains(&"ZT-RUN-001".to_owned()));
    for t in EventType::ALL {
        assert!(
            monitor.rules_for(t).all(|r| r.metadata.events.contains(&t)),
            "{t}"
        );
    }
    // A rule that declares no event types is never run on a stream, even when it reads
    // runtime events.
    let engine = Engine::builder()
        .without_builtin_rules()
        .policy(
            "any.rego",
            r#"package ztguard.rules.acme.any
metadata := {"id": "ACME-RUN-001", "title": "t", "pillar": "runtime", "severity": "low",
  "action": "alert", "stages": ["runtime"], "remediation": "r", "controls": {}}
findings contains {"resource": {"kind": "Pod", "name": "x"}, "message": "m"} if some _ in input.runtime.events
"#,
        )
        .build()?;
    let detections = Monitor::new(engine).observe(event_from_value(&shell(0))?)?;
    assert_eq!(detections, Vec::new());
    Ok(())
}

#[test]
fn a_stream_goes_on_past_bad_lines_and_names_each() -> TestResult {
    let lines = [
        shell(0).to_string(),
        "{\"type\": \"process_exec\", \"time\": ".to_owned(),
        benign(1).to_string(),
        String::new(),
        "{\"hello\": \"world\"}".to_owned(),
        shell(1000)
            .to_string()
            .replace("\"uid\":1000", "\"uid\":\"nobody\""),
        shell(1000).to_string(),
    ];
    let text = lines.join("\n");
    let mut monitor = Monitor::new(Engine::builtin()?);
    let mut errors = Vec::new();
    let mut found = Vec::new();
    for item in EventStream::new("events.jsonl", Cursor::new(text)) {
        match item {
            StreamItem::Event { line, event } => {
                for d in monitor.observe(*event)? {
                    found.push((line, d.finding.rule));
                }
            }
            StreamItem::Ignored { line, reason } => {
                errors.push((line, format!("ignored: {reason}")))
            }
            StreamItem::Error { line, error } => errors.push((line, error.to_string())),
        }
    }
    assert_eq!(
        found,
        vec![(1, "ZT-RUN-001".to_owned()), (7, "ZT-RUN-001".to_owned())]
    );
    assert_eq!(
        errors,
        vec![
            (2, "events.jsonl:2:32: EOF while parsing a value".to_owned()),
            (
                5,
                "events.jsonl:5: unknown event format: not a Tetragon event, a Kubernetes audit \
                 event or a ztguard event (an object whose `type` is process_exec, file_open, \
                 network_connect or api_request)"
                    .to_owned()
            ),
            (
                6,
                "`events.jsonl` breaks the facts schema\n  line 6, at `/process/uid`: \
                 \"nobody\" is not of type \"integer\""
                    .to_owned()
            ),
        ]
    );
    Ok(())
}

#[test]
fn monitors_move_between_threads() {
    fn assert_send<T: Send>() {}
    assert_send::<Monitor>();
}

/// The monitor runs the rules on regorus' virtual machine; `Engine::evaluate` on its
/// interpreter. On realistic streams both must find exactly the same.
#[test]
fn the_virtual_machine_and_the_interpreter_agree_on_the_sample_streams() -> TestResult {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/events");
    let engine = Engine::builtin()?;
    for stream in ["tetragon.jsonl", "audit.jsonl"] {
        let facts = ztguard::facts_from_paths(&[dir.join(stream), dir.join("workloads.yaml")])?;
        let key = |f: ztguard::Finding| {
            (
                f.rule,
                f.message,
                f.severity,
                f.response,
                f.evidence.map(|e| (e.pointer, e.value)),
                f.source,
            )
        };
        let mut interpreted: Vec<_> = engine
            .evaluate(&facts)?
            .findings
            .into_iter()
            .filter(|f| f.pillar == ztguard::Pillar::Runtime)
            .map(key)
            .collect();
        let mut monitor = Monitor::new(engine.clone()).with_workloads(&facts);
        assert!(monitor.is_compiled());
        let mut compiled: Vec<_> = monitor
            .observe_batch(facts.runtime.events.clone())?
            .into_iter()
            .map(|d| key(d.finding))
            .collect();
        interpreted.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        compiled.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        assert!(interpreted.len() >= 5, "{stream}: {interpreted:?}");
        assert_eq!(compiled, interpreted, "{stream}");
    }
    Ok(())
}

#[test]
fn an_overlong_line_is_one_error_and_the_stream_goes_on() {
    let limits = ztguard::limits::Limits {
        line_bytes: 600,
        ..ztguard::limits::Limits::default()
    };
    let long = format!(
        "{{\"type\": \"process_exec\", \"padding\": \"{}\"}}",
        "x".repeat(5000)
    );
    let text = format!("{}\n{long}\n{}\n", benign(1), benign(2));
    let mut events = Vec::new();
    let mut errors = Vec::new();
    for item in EventStream::new("events.jsonl", Cursor::new(text)).with_limits(limits) {
        match item {
            StreamItem::Event { line, .. } => events.push(line),
            StreamItem::Error { line, error } => errors.push((line, error.to_string())),
            StreamItem::Ignored { .. } => {}
        }
    }
    assert_eq!(events, [1, 3]);
    assert_eq!(
        errors,
        [(
            2,
            format!(
                "events.jsonl:2: the line is {} bytes, more than the limit of 600 (line_bytes)",
                long.len() + 1
            )
        )]
    );
}

#[test]
fn a_whole_stream_is_summed_up_in_any_batch_size() -> TestResult {
    let text = format!("{}\nnot json\n{}\n{}\n", shell(0), benign(1), benign(2));
    let mut sums = Vec::new();
    for batch in [0, 1, 2, 256] {
        let mut monitor = Monitor::new(Engine::builtin()?);
        let summary = monitor.observe_stream(
            EventStream::new("e.jsonl", Cursor::new(text.clone())),
            batch,
        )?;
        let rules: Vec<String> = summary
            .detections
            .iter()
            .map(|d| d.finding.rule.clone())
            .collect();
        let lines: Vec<usize> = summary.errors.iter().map(|(line, _)| *line).collect();
        sums.push((rules, lines, summary.events, summary.ignored));
    }
    assert!(sums.iter().all(|s| *s == sums[0]), "{sums:?}");
    let (rules, lines, events, _) = &sums[0];
    assert!(rules.iter().any(|r| r == "ZT-RUN-001"));
    assert_eq!((lines.as_slice(), *events), (&[2][..], 3));
    Ok(())
}
