//! The engine's public contract: reports match their schema, evaluation is deterministic and
//! shareable across threads, and errors carry codes and locations.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers fail the test by panicking"
)]

use std::path::{Path, PathBuf};

use serde_json::Value;
use ztguard::{Engine, ErrorCode, Facts, Severity};

fn quickstart() -> Facts {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/examples/quickstart");
    let paths: Vec<PathBuf> = vec![dir.join("manifests.yaml"), dir.join("runtime.json")];
    ztguard::facts_from_paths(&paths).unwrap()
}

#[test]
fn reports_match_the_report_schema() {
    let report = Engine::builtin().unwrap().evaluate(&quickstart()).unwrap();
    let schema: Value = serde_json::from_str(ztguard::report::REPORT_SCHEMA).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let json = serde_json::to_value(&report).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let back: ztguard::Report = serde_json::from_value(json).unwrap();
    assert_eq!(
        back, report,
        "the JSON report reads back into the same report"
    );
}

#[test]
fn findings_carry_evidence_and_source() {
    let report = Engine::builtin().unwrap().evaluate(&quickstart()).unwrap();
    let privileged = report
        .findings
        .iter()
        .find(|f| f.rule == "ZT-PRV-001")
        .unwrap();
    let evidence = privileged.evidence.as_ref().unwrap();
    assert_eq!(
        evidence.pointer,
        "/workloads/1/containers/0/security/privileged"
    );
    assert_eq!(evidence.value, Value::Bool(true));
    let source = privileged.source.as_ref().unwrap();
    assert!(source.file.ends_with("manifests.yaml"));
    assert_eq!(source.line, Some(45), "the line of the container entry");
    assert_eq!(
        report
            .summary
            .by_pillar
            .values()
            .filter(|n| **n > 0)
            .count(),
        4
    );
}

#[test]
fn findings_on_the_network_summary_point_at_the_workload() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/examples/three-tier");
    let facts = ztguard::facts_from_paths(&[dir.join("before/app.yaml")]).unwrap();
    let report = Engine::builtin().unwrap().evaluate(&facts).unwrap();
    let isolation = report
        .findings
        .iter()
        .find(|f| f.rule == "ZT-SEG-003" && f.message.contains("`postgres`"))
        .unwrap();
    assert!(
        isolation
            .evidence
            .as_ref()
            .unwrap()
            .pointer
            .starts_with("/network/workloads/")
    );
    let source = isolation.source.as_ref().unwrap();
    assert!(source.file.ends_with("before/app.yaml"));
    assert_eq!(source.line, Some(35), "the line of the StatefulSet");
}

#[test]
fn order_does_not_depend_on_input_order() {
    let engine = Engine::builtin().unwrap();
    let facts = quickstart();
    let mut reversed = facts.clone();
    reversed.workloads.reverse();
    reversed.runtime.events.reverse();
    let key = |facts: &Facts| -> Vec<(String, String, String)> {
        let report = engine.evaluate(facts).unwrap();
        report
            .findings
            .iter()
            .map(|f| {
                (
                    f.rule.clone(),
                    ztguard::table::resource_label(&f.resource),
                    f.message.clone(),
                )
            })
            .collect()
    };
    assert_eq!(key(&facts), key(&reversed));
}

#[test]
fn one_engine_serves_many_threads() {
    let engine = Engine::builtin().unwrap();
    let facts = quickstart();
    let expected = engine.evaluate(&facts).unwrap();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    (0..5)
                        .map(|_| engine.evaluate(&facts).unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            for report in handle.join().unwrap() {
                assert_eq!(report, expected);
            }
        }
    });
}

#[test]
fn json_input_is_parsed_and_validated() {
    let engine = Engine::builtin().unwrap();
    let parse = engine.evaluate_json("{\"apiVersion\": ").unwrap_err();
    assert_eq!(parse.code(), ErrorCode::Parse);
    let schema = engine
        .evaluate_json(r#"{"apiVersion": "ztguard.dev/v1", "kind": "Facts", "images": 3}"#)
        .unwrap_err();
    assert_eq!(schema.code(), ErrorCode::Schema);
    assert_eq!(
        schema
            .record()
            .violations
            .first()
            .map(|v| v.pointer.as_str()),
        Some("/images")
    );
    let ok = engine
        .evaluate_json(r#"{"apiVersion": "ztguard.dev/v1", "kind": "Facts"}"#)
        .unwrap();
    assert!(ok.allowed && ok.findings.is_empty());
}

#[test]
fn thresholds_compare_by_severity() {
    let report = Engine::builtin().unwrap().evaluate(&quickstart()).unwrap();
    assert!(report.has_findings_at_least(Severity::Critical));
    let clean = Engine::builtin().unwrap().evaluate(&Facts::new()).unwrap();
    assert!(!clean.has_findings_at_least(Severity::Low));
}

#[test]
fn error_records_serialize_code_and_location() {
    let error = Engine::builder()
        .policy("bad.rego", "package x\nf if {")
        .build()
        .unwrap_err();
    let record = serde_json::to_value(error.record()).unwrap();
    assert_eq!(record["code"], "policy");
    assert_eq!(record["location"]["file"], "bad.rego");
    assert_eq!(record["location"]["line"], 2);
}

#[test]
fn the_builtin_catalogue_covers_every_pillar() {
    let engine = Engine::builtin().unwrap();
    for pillar in ztguard::Pillar::ALL {
        assert!(
            engine.rules().iter().any(|r| r.metadata.pillar == pillar),
            "no {pillar} rule"
        );
    }
    assert!(
        engine
            .rules()
            .windows(2)
            .all(|w| w[0].metadata.id < w[1].metadata.id)
    );
}

#[test]
fn a_file_past_the_size_limit_is_refused_before_it_is_read() {
    let limits = ztguard::limits::Limits {
        input_bytes: 64,
        ..ztguard::limits::Limits::default()
    };
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/examples/quickstart/manifests.yaml"
    );
    let error = ztguard::input::Inputs::with_limits(limits)
        .add_paths(&[file])
        .err()
        .map(|e| (e.code().to_string(), e.to_string()));
    let (code, message) = error.unwrap_or_default();
    assert_eq!(code, "limit");
    assert!(
        message.ends_with("more than the limit of 64 (input_bytes)"),
        "{message}"
    );
    assert!(message.starts_with(file), "{message}");
}
