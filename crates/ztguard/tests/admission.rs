//! Admission requests answered through the Rust API, including when judging fails.

use std::time::Duration;

use serde_json::Value;
use ztguard::Engine;
use ztguard::admission::AdmissionRequest;

fn request(name: &str) -> Result<AdmissionRequest, String> {
    let path = format!(
        "{}/../../testdata/admission/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    AdmissionRequest::from_text(name, &text).map_err(|e| e.to_string())
}

#[test]
fn a_denied_request_names_its_findings_and_warns_of_the_rest() -> Result<(), String> {
    let engine = Engine::builtin().map_err(|e| e.to_string())?;
    let request = request("privileged-pod.json")?;
    let answer = engine.admit(&request);
    let response = &answer["response"];
    assert_eq!(response["uid"], "3c9f5a2e-8d41-4b7a-9e0c-6f2d1b8a7c55");
    assert_eq!(response["allowed"], false);
    assert_eq!(response["status"]["reason"], "Forbidden");
    let report = engine.evaluate(&request.facts).map_err(|e| e.to_string())?;
    let denying = report
        .findings
        .iter()
        .filter(|f| f.action == ztguard::Action::Deny)
        .count();
    let message = response["status"]["message"].as_str().unwrap_or_default();
    assert_eq!(message.matches("; [").count() + 1, denying, "{message}");
    let warnings = response["warnings"].as_array().map_or(0, Vec::len);
    assert_eq!(warnings + denying, report.findings.len());
    Ok(())
}

#[test]
fn a_request_that_cannot_be_judged_is_denied_with_the_error() -> Result<(), String> {
    // A rule that only runs long when there are workloads: the engine builds, the request
    // times out.
    let slow = std::fs::read_to_string(format!(
        "{}/../../testdata/cases/error-time-limit/slow.rego",
        env!("CARGO_MANIFEST_DIR")
    ))
    .map_err(|e| e.to_string())?;
    let engine = Engine::builder()
        .policy("slow.rego", slow)
        .time_limit(Duration::from_millis(100))
        .build()
        .map_err(|e| e.to_string())?;
    let answer = engine.admit(&request("privileged-pod.json")?);
    let response = &answer["response"];
    assert_eq!(response["allowed"], false);
    assert_eq!(response["status"]["code"], 500);
    let message = response["status"]["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("ztguard could not judge the request: "),
        "{message}"
    );
    assert!(message.contains("time limit"), "{message}");
    Ok(())
}

#[test]
fn requests_from_a_webhook_framework_read_as_values() -> Result<(), String> {
    let text = std::fs::read_to_string(format!(
        "{}/../../testdata/admission/hardened-pod.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .map_err(|e| e.to_string())?;
    let value: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let request = AdmissionRequest::from_value(&value).map_err(|e| e.to_string())?;
    assert_eq!(request.uid, "b51e0d7a-2f6c-4c19-8a3e-91d7c4e2f0aa");
    assert_eq!(request.facts.workloads.len(), 1);
    Ok(())
}

#[test]
fn a_known_uid_gets_an_answer_whatever_fails_after() -> Result<(), String> {
    let engine = Engine::builtin().map_err(|e| e.to_string())?;
    let path = format!(
        "{}/../../testdata/admission/malformed-object.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
    assert!(AdmissionRequest::from_text("r.json", &text).is_err());
    let answer = engine
        .admit_text("r.json", &text)
        .map_err(|e| e.to_string())?;
    assert_eq!(
        answer["response"]["uid"],
        "0d5b2c8e-71f4-4a36-b9e2-5c1a7f3d9e04"
    );
    assert_eq!(answer["response"]["status"]["code"], 400);
    // Without a uid there is nobody to answer.
    let error = engine
        .admit_text(
            "r.json",
            r#"{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview"}"#,
        )
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        error.as_deref(),
        Some("r.json:1 at `/request/uid`: the review has no `request.uid` to answer to")
    );
    Ok(())
}

#[test]
fn a_long_first_reason_is_cut_not_dropped() -> Result<(), String> {
    let engine = Engine::builtin().map_err(|e| e.to_string())?;
    let name = "x".repeat(1500);
    let review = serde_json::json!({
        "apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
        "request": {"uid": "u", "operation": "CREATE", "namespace": "shop", "object": {
            "apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
            "spec": {"containers": [{"name": "c", "image": "nginx:latest",
                "securityContext": {"privileged": true}}]}}}
    });
    let request = AdmissionRequest::from_value(&review).map_err(|e| e.to_string())?;
    let answer = engine.admit(&request);
    let message = answer["response"]["status"]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.starts_with("denied by ztguard: [ZT-PRV-001] Pod shop/xxx"),
        "{message}"
    );
    assert!(message.chars().count() <= ztguard::admission::MAX_MESSAGE_CHARS);
    assert!(message.ends_with(" more"), "{message}");
    assert!(!message.contains("; and"), "{message}");
    Ok(())
}
