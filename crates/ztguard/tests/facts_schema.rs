//! The facts JSON Schema and the typed model describe the same contract: every facts
//! document under `testdata/` passes both (and its normalized form passes the schema again),
//! and every document in an `invalid` folder or an `error-*` case fails both.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers fail the test by panicking"
)]

use std::path::{Path, PathBuf};

use serde_json::Value;
use ztguard::facts::{self, Facts};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

/// Every facts document under `testdata/`, with whether it is meant to be broken.
fn facts_documents() -> Vec<(PathBuf, Value, bool)> {
    let mut files = Vec::new();
    let mut pending = vec![testdata()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "json" || e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut documents = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(docs) = ztguard::document::parse_documents(&path.display().to_string(), &text)
        else {
            continue;
        };
        for doc in docs {
            if facts::is_facts_document(&doc.value) {
                let invalid = path.components().any(|c| {
                    let c = c.as_os_str().to_string_lossy();
                    c == "invalid" || c.starts_with("error-")
                });
                documents.push((path.clone(), doc.value, invalid));
            }
        }
    }
    documents
}

#[test]
fn schema_and_structs_agree_on_every_valid_facts_document() {
    let documents = facts_documents();
    let valid: Vec<_> = documents
        .iter()
        .filter(|(_, _, invalid)| !invalid)
        .collect();
    assert!(
        valid.len() >= 3,
        "expected facts documents under testdata, found {}",
        valid.len()
    );
    for (path, value, _) in valid {
        facts::validate(value, None).unwrap_or_else(|e| panic!("{}: schema: {e}", path.display()));
        let typed: Facts = serde_json::from_value(value.clone())
            .unwrap_or_else(|e| panic!("{}: structs: {e}", path.display()));
        let normalized = serde_json::to_value(&typed).unwrap();
        facts::validate(&normalized, None).unwrap_or_else(|e| {
            panic!("{}: normalized form breaks the schema: {e}", path.display())
        });
        let again: Facts = serde_json::from_value(normalized).unwrap();
        assert_eq!(
            again,
            typed,
            "{}: normalization is not stable",
            path.display()
        );
    }
}

#[test]
fn broken_facts_documents_fail_schema_and_structs_alike() {
    let documents = facts_documents();
    let invalid: Vec<_> = documents
        .iter()
        .filter(|(_, _, invalid)| *invalid)
        .collect();
    assert!(
        invalid.len() >= 5,
        "expected broken facts documents, found {}",
        invalid.len()
    );
    for (path, value, _) in invalid {
        let schema = facts::validate(value, None);
        let structs = serde_json::from_value::<Facts>(value.clone());
        assert!(schema.is_err(), "{}: the schema accepts it", path.display());
        assert!(
            structs.is_err(),
            "{}: the structs accept it",
            path.display()
        );
    }
}

#[test]
fn schema_errors_carry_json_pointers() {
    let value: Value = serde_json::from_str(
        r#"{"apiVersion": "ztguard.dev/v1", "kind": "Facts",
            "workloads": [{"kind": "Pod", "name": "a", "host_pid": "no"}]}"#,
    )
    .unwrap();
    let error = facts::from_value(&value, Some("f.json")).unwrap_err();
    assert_eq!(error.code(), ztguard::ErrorCode::Schema);
    assert_eq!(
        error.to_string(),
        "`f.json` breaks the facts schema\n  at `/workloads/0/host_pid`: \"no\" is not of type \"boolean\""
    );
    assert_eq!(
        error.location().pointer.as_deref(),
        Some("/workloads/0/host_pid")
    );
}

#[test]
fn times_policies_cannot_compare_are_refused_on_reading() {
    let value = serde_json::json!({
        "apiVersion": "ztguard.dev/v1", "kind": "Facts", "time": "2999-01-01T00:00:00Z"
    });
    let error = facts::from_value(&value, Some("f.json"))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        error.as_deref(),
        Some(
            "f.json at `/time`: `time` `2999-01-01T00:00:00Z` is outside the times policies \
             can compare (1678 to 2261)"
        )
    );
}

#[test]
fn a_malformed_time_the_format_check_lets_through_is_refused() {
    // Found by the facts_evaluate fuzz target: the schema's date-time check passed it, and
    // the scan freshness rule then failed on it.
    let value = serde_json::json!({
        "apiVersion": "ztguard.dev/v1", "kind": "Facts", "time": "2026-12-01T12:00:00Z",
        "images": [{"reference": "ghcr.io/acme/api:2.3.1", "evidence": {"scans": [
            {"scanner": "trivy", "observed_at": "/026-12-01T00:00:00+01:00",
             "vulnerabilities": 0, "matched_by": "reference"}
        ]}}]
    });
    let error = facts::from_value(&value, None).err().map(|e| e.to_string());
    assert_eq!(
        error.as_deref(),
        Some(
            "at `/images/0/evidence/scans/0/observed_at`: `observed_at` \
             `/026-12-01T00:00:00+01:00` is not an RFC 3339 date and time"
        )
    );
}
