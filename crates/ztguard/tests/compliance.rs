//! The compliance view: the catalogues against the built-in rules' mappings, and a report
//! through each framework.

use ztguard::compliance::{self, Status};
use ztguard::{Engine, Report, facts_from_paths};

const FRAMEWORKS: [&str; 5] = [
    "cis-kubernetes",
    "nist-800-190",
    "nist-800-53",
    "pci-dss-4.0",
    "soc2",
];

fn quickstart() -> Result<(Engine, Report), String> {
    let engine = Engine::builtin().map_err(|e| e.to_string())?;
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/examples/quickstart"
    );
    let facts = facts_from_paths(&[dir]).map_err(|e| e.to_string())?;
    let report = engine.evaluate(&facts).map_err(|e| e.to_string())?;
    Ok((engine, report))
}

#[test]
fn every_control_a_builtin_rule_names_is_in_its_catalogue() -> Result<(), String> {
    let engine = Engine::builtin().map_err(|e| e.to_string())?;
    let empty = engine
        .evaluate(&ztguard::Facts::new())
        .map_err(|e| e.to_string())?;
    for id in FRAMEWORKS {
        let framework = compliance::framework(id).map_err(|e| e.to_string())?;
        let assessed = compliance::assess(&framework, engine.rules(), &empty);
        assert!(
            assessed.unknown_controls.is_empty(),
            "{id}: {:?}",
            assessed.unknown_controls
        );
    }
    Ok(())
}

#[test]
fn every_builtin_rule_maps_to_the_broad_frameworks() -> Result<(), String> {
    let engine = Engine::builtin().map_err(|e| e.to_string())?;
    for rule in engine.rules() {
        for framework in ["nist-800-190", "nist-800-53", "pci-dss-4.0", "soc2"] {
            let ids = rule.metadata.controls.get(framework);
            assert!(
                ids.is_some_and(|ids| !ids.is_empty()),
                "{} maps to no control of {framework}",
                rule.metadata.id
            );
        }
    }
    Ok(())
}

#[test]
fn controls_fail_by_the_findings_that_name_them() -> Result<(), String> {
    let (engine, report) = quickstart()?;
    for id in FRAMEWORKS {
        let framework = compliance::framework(id).map_err(|e| e.to_string())?;
        let assessed = compliance::assess(&framework, engine.rules(), &report);
        let s = &assessed.summary;
        assert_eq!(s.pass + s.fail + s.not_covered, s.controls, "{id}");
        assert_eq!(s.controls, framework.controls.len());
        for c in &assessed.controls {
            match c.status {
                Status::Fail => assert!(!c.findings.is_empty() && !c.rules.is_empty()),
                Status::Pass => assert!(c.findings.is_empty() && !c.rules.is_empty()),
                Status::NotCovered => assert!(c.rules.is_empty() && c.findings.is_empty()),
            }
            for f in &c.findings {
                assert!(f.controls[id].contains(&c.id), "{} under {}", f.rule, c.id);
            }
        }
        let counted: usize = s.findings.values().flat_map(|m| m.values()).sum();
        assert_eq!(counted, report.findings.len());
    }
    Ok(())
}

#[test]
fn a_finding_counts_only_against_the_controls_it_narrows_to() -> Result<(), String> {
    // The quickstart DaemonSet shares the host's network and process namespaces, not IPC.
    let (engine, report) = quickstart()?;
    let framework = compliance::framework("cis-kubernetes").map_err(|e| e.to_string())?;
    let assessed = compliance::assess(&framework, engine.rules(), &report);
    let status = |id: &str| {
        assessed
            .controls
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.status)
    };
    assert_eq!(status("5.2.3"), Some(Status::Fail));
    assert_eq!(status("5.2.4"), Some(Status::Pass));
    assert_eq!(status("5.2.5"), Some(Status::Fail));
    assert_eq!(status("5.1.9"), Some(Status::NotCovered));
    Ok(())
}

#[test]
fn a_finding_cannot_claim_a_control_its_rule_does_not_list() -> Result<(), String> {
    let policy = r#"package ztguard.rules.acme.claims

metadata := {
	"id": "ACME-CLM-001", "title": "t", "pillar": "image", "severity": "low", "action": "warn",
	"stages": ["build"], "remediation": "r", "controls": {"soc2": ["CC6.1"]},
}

findings contains {"resource": {"kind": "Pod", "name": w.name}, "message": "m",
	"controls": {"soc2": ["CC7.2"]}} if some w in input.workloads
"#;
    let engine = Engine::builder()
        .without_builtin_rules()
        .policy("claims.rego", policy)
        .build()
        .map_err(|e| e.to_string())?;
    let facts = ztguard::facts_from_text(
        "pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\nspec: {containers: []}\n",
    )
    .map_err(|e| e.to_string())?;
    let error = engine.evaluate(&facts).err().map(|e| e.to_string());
    assert_eq!(
        error.as_deref(),
        Some(
            "rule `data.ztguard.rules.acme.claims.findings` failed: finding names \
             control `CC7.2` of `soc2`, which the rule's metadata does not list"
        )
    );
    Ok(())
}

#[test]
fn the_html_page_holds_everything_and_fetches_nothing() -> Result<(), String> {
    let (engine, report) = quickstart()?;
    let framework = compliance::framework("nist-800-53").map_err(|e| e.to_string())?;
    let assessed = compliance::assess(&framework, engine.rules(), &report);
    let html = assessed.to_html();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for needle in ["<script", "src=", "<link", "@import", "url("] {
        assert!(!html.contains(needle), "the page refers to `{needle}`");
    }
    let failing = html.matches("data-status=\"fail\"").count();
    assert_eq!(failing, assessed.summary.fail);
    let bars = html.matches("<rect ").count();
    let nonzero = assessed
        .summary
        .findings
        .values()
        .flat_map(|m| m.values())
        .filter(|n| **n > 0)
        .count();
    assert_eq!(
        bars, nonzero,
        "one bar segment per pillar and severity found"
    );
    Ok(())
}
