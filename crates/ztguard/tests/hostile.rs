//! The hostile-input corpus (`testdata/hostile`): malformed and hostile manifests, evidence,
//! events, policies and admission requests, each with the exact outcome it must have. The
//! Python and Node tests run the same corpus through their bindings and expect the same.
//!
//! `cases.json` lists the cases; each names a `file` and a `kind`:
//!
//! - `input`: the file is read as `ztguard check` reads it and judged by the built-in rules;
//! - `policy`: the file is the only policy of an engine (with `time_limit_ms`), which judges
//!   the `input` file when it builds;
//! - `events`: the file is a stream for a monitor of the built-in rules; `expect` holds every
//!   unreadable line's `{line, code, message}` and the rules detected;
//! - `admission`: the file is an `AdmissionReview` request answered by the built-in rules;
//!   `expect` is the error, or the response's `allowed` and status `code`.
//!
//! Files are named by their bare name in messages. `ZTGUARD_BLESS=1` rewrites the expectations
//! from what the Rust API does.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};
use ztguard::input::Inputs;
use ztguard::runtime::{EventStream, Monitor, StreamItem};
use ztguard::{Engine, Error};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/hostile")
}

fn read(name: &str) -> Result<String, String> {
    std::fs::read_to_string(dir().join(name)).map_err(|e| format!("{name}: {e}"))
}

fn error_value(error: &Error) -> Value {
    json!({"code": error.code().to_string(), "message": error.to_string()})
}

fn builtin() -> Result<Engine, String> {
    Engine::builtin().map_err(|e| e.to_string())
}

fn judge(engine: &Engine, file: &str) -> Result<Value, String> {
    let mut inputs = Inputs::new();
    if let Err(e) = inputs.add_text(file, &read(file)?, "2026-12-01T11:00:00Z") {
        return Ok(json!({"error": error_value(&e)}));
    }
    let mut facts = inputs.finish();
    facts
        .time
        .get_or_insert_with(|| "2026-12-01T12:00:00Z".to_owned());
    Ok(match engine.evaluate(&facts) {
        Ok(report) => json!({"findings": report.summary.total}),
        Err(e) => json!({"error": error_value(&e)}),
    })
}

fn outcome(case: &Value) -> Result<Value, String> {
    let file = case["file"].as_str().ok_or("a case without `file`")?;
    match case["kind"].as_str() {
        Some("input") => judge(&builtin()?, file),
        Some("policy") => {
            let mut builder = Engine::builder()
                .without_builtin_rules()
                .policy(file, read(file)?);
            if let Some(ms) = case["time_limit_ms"].as_u64() {
                builder = builder.time_limit(Duration::from_millis(ms));
            }
            match builder.build() {
                Err(e) => Ok(json!({"error": error_value(&e)})),
                Ok(engine) => judge(&engine, case["input"].as_str().ok_or("no `input`")?),
            }
        }
        Some("events") => {
            let mut monitor = Monitor::new(builtin()?);
            let (mut errors, mut rules) = (Vec::new(), Vec::new());
            let text = read(file)?;
            for item in EventStream::new(file, text.as_bytes()) {
                match item {
                    StreamItem::Event { event, .. } => {
                        let detections = monitor.observe(*event).map_err(|e| e.to_string())?;
                        rules.extend(detections.into_iter().map(|d| d.finding.rule));
                    }
                    StreamItem::Error { line, error } => errors.push(json!({
                        "code": error.code().to_string(),
                        "message": error.to_string(),
                        "line": line,
                    })),
                    StreamItem::Ignored { .. } => {}
                }
            }
            rules.sort();
            rules.dedup();
            Ok(json!({"errors": errors, "rules": rules}))
        }
        Some("admission") => Ok(match builtin()?.admit_text(file, &read(file)?) {
            Err(e) => json!({"error": error_value(&e)}),
            Ok(answer) => json!({
                "allowed": answer.pointer("/response/allowed"),
                "code": answer.pointer("/response/status/code"),
            }),
        }),
        other => Err(format!("unknown kind {other:?}")),
    }
}

#[test]
fn every_hostile_input_ends_as_expected() -> Result<(), String> {
    let path = dir().join("cases.json");
    let mut corpus: Value =
        serde_json::from_str(&read("cases.json")?).map_err(|e| e.to_string())?;
    let cases = corpus
        .get_mut("cases")
        .and_then(Value::as_array_mut)
        .ok_or("cases.json has no `cases` list")?;
    assert!(cases.len() >= 15, "the corpus has {} cases", cases.len());
    let bless = std::env::var_os("ZTGUARD_BLESS").is_some();
    let mut problems = Vec::new();
    for case in cases.iter_mut() {
        let actual = outcome(case)?;
        let Some(case) = case.as_object_mut() else {
            return Err("a case that is not an object".to_owned());
        };
        if bless {
            case.insert("expect".to_owned(), actual);
        } else if case.get("expect") != Some(&actual) {
            problems.push(format!(
                "{:?}: expected {:?}\n  got {actual}",
                case.get("file"),
                case.get("expect")
            ));
        }
    }
    if bless {
        let text = serde_json::to_string_pretty(&corpus).map_err(|e| e.to_string())?;
        return std::fs::write(&path, text + "\n").map_err(|e| e.to_string());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}
