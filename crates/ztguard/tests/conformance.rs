//! Conformance with public test cases: the gatekeeper-library suites in
//! `../shared/conformance` (inputs and verdicts only). For each suite with a ztguard
//! counterpart, the constraint's parameters are translated into the counterpart rule's
//! parameters, every case object is evaluated, and the counterpart's findings must agree with
//! the suite's expected violations: in total, and per container type where the suite counts
//! by message. Suites without a counterpart are listed with the reason.

#![expect(
    clippy::print_stdout,
    reason = "the test reports its agreement, as the README asks"
)]
#![expect(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test harness fails by panicking; indexing suite JSON yields null when absent"
)]

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use ztguard::facts::ContainerType;
use ztguard::input::Inputs;
use ztguard::{Engine, Facts};

fn library() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/conformance/gatekeeper-library/library")
}

/// A ztguard counterpart of a gatekeeper-library policy.
struct Counterpart {
    suite: &'static str,
    rule: &'static str,
    /// Builds the rule's parameters from the constraint's `spec.parameters`.
    params: fn(&Value) -> Value,
}

fn strings(value: &Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Gatekeeper's `repos` are string prefixes. A prefix ending in `/` names a path, which is a
/// whole-segment pattern in ztguard (`acme/` becomes `acme/*`, `registry.io/` becomes
/// `registry.io`); ztguard never matches partial segments, by design.
fn repo_prefix_to_pattern(prefix: &str) -> String {
    match prefix.strip_suffix('/') {
        Some(path) if !path.contains('/') && (path.contains('.') || path.contains(':')) => {
            path.to_owned()
        }
        Some(path) => format!("{path}/*"),
        None => prefix.to_owned(),
    }
}

const COUNTERPARTS: &[Counterpart] = &[
    Counterpart {
        suite: "general/allowedrepos",
        rule: "ZT-IMG-002",
        params: |p| json!({"allowed": strings(p, "repos").iter().map(|r| repo_prefix_to_pattern(r)).collect::<Vec<_>>()}),
    },
    Counterpart {
        suite: "general/allowedreposv2",
        rule: "ZT-IMG-002",
        params: |p| json!({"allowed": strings(p, "allowedImages")}),
    },
    Counterpart {
        suite: "general/disallowedrepos",
        rule: "ZT-IMG-003",
        params: |p| json!({"denied": strings(p, "repos").iter().map(|r| repo_prefix_to_pattern(r)).collect::<Vec<_>>()}),
    },
    Counterpart {
        suite: "general/disallowedtags",
        rule: "ZT-IMG-001",
        params: |p| json!({"mutable_tags": strings(p, "tags"), "exempt_images": strings(p, "exemptImages")}),
    },
    Counterpart {
        suite: "general/imagedigests",
        rule: "ZT-IMG-004",
        params: |_| json!({"namespaces": ["*"]}),
    },
];

/// Suites with no counterpart yet, and why.
const NOT_COVERED: &[(&str, &str)] = &[
    (
        "general/automount-serviceaccount-token",
        "service account token rules come with the least-privilege pillar (#4)",
    ),
    (
        "general/block-endpoint-edit-default-role",
        "RBAC analysis comes with the least-privilege pillar (#4)",
    ),
    (
        "general/block-loadbalancer-services",
        "exposure rules come with the segmentation pillar (#5)",
    ),
    (
        "general/block-nodeport-services",
        "exposure rules come with the segmentation pillar (#5)",
    ),
    (
        "general/block-wildcard-ingress",
        "exposure rules come with the segmentation pillar (#5)",
    ),
    (
        "general/disallowanonymous",
        "RBAC analysis comes with the least-privilege pillar (#4)",
    ),
    (
        "general/disallowinteractive",
        "interactive containers (stdin, tty) come with the least-privilege pillar (#4)",
    ),
    (
        "general/externalip",
        "exposure rules come with the segmentation pillar (#5)",
    ),
    (
        "general/noupdateserviceaccount",
        "update checks on service accounts are admission-time RBAC (#4)",
    ),
    (
        "general/requiredlabels",
        "label requirements are not a zero-trust control; a user policy covers them",
    ),
    (
        "pod-security-policy/*",
        "Pod Security Standards controls come with the least-privilege pillar (#4)",
    ),
];

/// Cases where ztguard deliberately judges otherwise, and why.
const DISAGREEMENTS: &[(&str, &str)] = &[];

struct Outcome {
    agreed: usize,
    total: usize,
    failures: Vec<String>,
}

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let docs = ztguard::document::parse_documents(&path.display().to_string(), &text)
        .unwrap_or_else(|e| panic!("{e}"));
    docs.into_iter().next().map(|d| d.value).unwrap_or_default()
}

fn facts_of(path: &Path) -> Facts {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut inputs = Inputs::new();
    inputs
        .add_text(&path.display().to_string(), &text, "2026-12-01T00:00:00Z")
        .unwrap_or_else(|e| panic!("{e}"));
    inputs.finish()
}

fn run_suite(counterpart: &Counterpart, outcome: &mut Outcome) {
    let dir = library().join(counterpart.suite);
    let suite = load(&dir.join("suite.yaml"));
    for test in suite["tests"].as_array().into_iter().flatten() {
        let constraint = load(&dir.join(test["constraint"].as_str().unwrap_or_default()));
        let params = (counterpart.params)(&constraint["spec"]["parameters"]);
        let engine = Engine::builder()
            .data(json!({"ztguard": {"params": {counterpart.rule: params}}}))
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        for case in test["cases"].as_array().into_iter().flatten() {
            let name = format!(
                "{}/{}",
                counterpart.suite,
                case["name"].as_str().unwrap_or_default()
            );
            outcome.total += 1;
            if let Some((_, why)) = DISAGREEMENTS.iter().find(|(n, _)| *n == name) {
                println!("conformance: {name}: disagrees by design: {why}");
                continue;
            }
            let object = dir.join(case["object"].as_str().unwrap_or_default());
            let facts = facts_of(&object);
            let report = engine
                .evaluate(&facts)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let findings: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.rule == counterpart.rule)
                .collect();
            // Containers may share names across lists: the evidence pointer says which one.
            let container_type = |f: &ztguard::Finding| -> Option<ContainerType> {
                let pointer = &f.evidence.as_ref()?.pointer;
                let mut parts = pointer.trim_start_matches('/').split('/');
                let (_, w, _, c) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
                let workload = facts.workloads.get(w.parse::<usize>().ok()?)?;
                Some(workload.containers.get(c.parse::<usize>().ok()?)?.kind)
            };
            let mut problems = Vec::new();
            for assertion in case["assertions"].as_array().into_iter().flatten() {
                let counted: Vec<_> = match assertion["message"].as_str() {
                    None => findings.clone(),
                    Some(message) => {
                        let kind = match message {
                            "initContainer" => Some(ContainerType::Init),
                            "ephemeralContainer" => Some(ContainerType::Ephemeral),
                            "container" => Some(ContainerType::Container),
                            _ => None,
                        };
                        findings
                            .iter()
                            .filter(|f| container_type(f) == kind)
                            .copied()
                            .collect()
                    }
                };
                let agrees = match &assertion["violations"] {
                    Value::String(s) if s == "yes" => !counted.is_empty(),
                    Value::String(s) if s == "no" => counted.is_empty(),
                    Value::Number(n) => n.as_u64() == Some(counted.len() as u64),
                    Value::Null => true,
                    other => panic!("{name}: unknown assertion {other}"),
                };
                if !agrees {
                    problems.push(format!("expected {assertion}, found {}", counted.len()));
                }
            }
            if problems.is_empty() {
                outcome.agreed += 1;
            } else {
                outcome
                    .failures
                    .push(format!("{name}: {}", problems.join("; ")));
            }
        }
    }
}

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let mut outcome = Outcome {
        agreed: 0,
        total: 0,
        failures: Vec::new(),
    };
    let missing = !library().is_dir();
    if !missing {
        for counterpart in COUNTERPARTS {
            run_suite(counterpart, &mut outcome);
        }
        for (suite, why) in NOT_COVERED {
            println!("conformance: {suite}: not covered: {why}");
        }
        // Printed outside the test harness so that it shows in every run, not only on failure.
        println!(
            "conformance: gatekeeper-library agreed {} of {} cases",
            outcome.agreed, outcome.total
        );
    }
    let trial = libtest_mimic::Trial::test("gatekeeper_library_image_cases_agree", move || {
        if missing {
            return Err(
                format!("the conformance cases are missing: {}", library().display()).into(),
            );
        }
        if outcome.total == 0 {
            return Err("no conformance case ran".into());
        }
        if outcome.failures.is_empty() {
            Ok(())
        } else {
            Err(format!("disagreements:\n{}", outcome.failures.join("\n")).into())
        }
    });
    libtest_mimic::run(&args, vec![trial]).exit();
}
