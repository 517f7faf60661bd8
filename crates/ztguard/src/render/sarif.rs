//! SARIF 2.1.0: one run, the loaded rules as the driver's rules, one result per finding.
//! Waived findings are results too, with an accepted external suppression that carries the
//! waiver's reason, so dashboards show them as suppressed rather than not at all.

use serde_json::{Map, Value, json};

use super::fingerprint;
use crate::engine::Rule;
use crate::metadata::Severity;
use crate::report::{Finding, Report};
use crate::table::resource_label;
use crate::waivers::Waiver;

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// SARIF's level for a severity: GitHub and most viewers show `error`, `warning` and `note`.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// The `security-severity` score GitHub code scanning ranks by: over 9.0 is critical, 7.0 to
/// 8.9 high, 4.0 to 6.9 medium, below that low.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

pub(super) fn render(report: &Report, rules: &[Rule]) -> String {
    let driver_rules: Vec<Value> = rules.iter().map(rule_descriptor).collect();
    let mut results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| result(f, rules, None))
        .collect();
    results.extend(
        report
            .waived
            .iter()
            .map(|w| result(&w.finding, rules, Some(&w.waiver))),
    );
    let notifications: Vec<Value> = report
        .expired_waivers
        .iter()
        .map(|w| {
            let mut n = object(json!({
                "level": "error",
                "message": {"text": format!(
                    "the waiver for {} ({}) expired {} and no longer applies",
                    w.rule, w.owner, w.expires
                )},
                "descriptor": {"id": "expired-waiver"},
            }));
            if let Some(source) = &w.source {
                let location = physical(&source.file, source.line);
                n.insert("locations".to_owned(), json!([location]));
            }
            Value::Object(n)
        })
        .collect();
    let mut invocation = object(json!({"executionSuccessful": true}));
    if !notifications.is_empty() {
        invocation.insert(
            "toolConfigurationNotifications".to_owned(),
            Value::Array(notifications),
        );
    }
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "ztguard",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": driver_rules,
            }},
            "invocations": [invocation],
            "results": results,
        }],
    });
    format!("{log:#}\n")
}

fn rule_descriptor(rule: &Rule) -> Value {
    let m = &rule.metadata;
    let help = format!("{}\n\nRemediation: {}", m.title, m.remediation);
    let mut tags: Vec<String> = vec!["security".to_owned(), m.pillar.to_string()];
    tags.extend(m.stages.iter().map(|s| format!("stage:{s}")));
    let controls: Map<String, Value> = m
        .controls
        .iter()
        .map(|(framework, ids)| (framework.clone(), json!(ids)))
        .collect();
    json!({
        "id": m.id,
        "name": m.id,
        "shortDescription": {"text": m.title},
        "fullDescription": {"text": m.description.as_deref().unwrap_or(&m.title)},
        "help": {"text": help, "markdown": format!("**{}**\n\n{}", m.title, m.remediation)},
        "defaultConfiguration": {"level": level(m.severity)},
        "properties": {
            "security-severity": security_severity(m.severity),
            "tags": tags,
            "pillar": m.pillar,
            "action": m.action,
            "controls": controls,
        },
    })
}

fn result(finding: &Finding, rules: &[Rule], waiver: Option<&Waiver>) -> Value {
    let mut properties = object(json!({
        "severity": finding.severity,
        "security-severity": security_severity(finding.severity),
        "action": finding.action,
        "resource": finding.resource,
        "remediation": finding.remediation,
    }));
    if let Some(response) = finding.response {
        properties.insert("response".to_owned(), json!(response));
    }
    if let Some(evidence) = &finding.evidence {
        properties.insert("pointer".to_owned(), json!(evidence.pointer));
    }
    let mut location = match &finding.source {
        Some(source) => physical(&source.file, source.line),
        None => Map::new(),
    };
    location.insert(
        "logicalLocations".to_owned(),
        json!([{
            "fullyQualifiedName": resource_label(&finding.resource),
            "kind": "resource",
        }]),
    );
    let mut out = object(json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {"ztguardFinding/v1": fingerprint(finding)},
        "properties": properties,
    }));
    if let Some(index) = rules.iter().position(|r| r.metadata.id == finding.rule) {
        out.insert("ruleIndex".to_owned(), json!(index));
    }
    if let Some(waiver) = waiver {
        out.insert(
            "suppressions".to_owned(),
            json!([{
                "kind": "external",
                "status": "accepted",
                "justification": format!(
                    "{} (owner {}, expires {})", waiver.reason, waiver.owner, waiver.expires
                ),
            }]),
        );
    }
    Value::Object(out)
}

/// The map of a `json!` object literal.
fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn physical(file: &str, line: Option<usize>) -> Map<String, Value> {
    let mut physical = object(json!({"artifactLocation": {"uri": uri(file)}}));
    if let Some(line) = line {
        physical.insert("region".to_owned(), json!({"startLine": line}));
    }
    object(json!({ "physicalLocation": physical }))
}

/// A file path as a URI reference: relative paths stay relative (viewers resolve them against
/// the checkout), absolute ones become `file://` URIs; characters URIs reserve are escaped.
fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("deploy/web.yaml"), "deploy/web.yaml");
        assert_eq!(
            uri("/srv/my app/a#1.yaml"),
            "file:///srv/my%20app/a%231.yaml"
        );
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("é.yaml"), "%C3%A9.yaml");
    }

    #[test]
    fn severities_rank_as_code_scanning_expects() {
        let scores: Vec<f64> = Severity::ALL
            .iter()
            .filter_map(|s| security_severity(*s).parse().ok())
            .collect();
        let [critical, high, medium, low] = scores.as_slice() else {
            unreachable!("four severities, four scores: {scores:?}");
        };
        assert!(*critical > 9.0 && (7.0..9.0).contains(high));
        assert!((4.0..7.0).contains(medium) && *low < 4.0);
    }
}
