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
use ztguard::{Engine, Facts, Finding};

fn library() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/conformance/gatekeeper-library/library")
}

/// A ztguard counterpart of a gatekeeper-library policy.
struct Counterpart {
    suite: &'static str,
    /// The rules whose findings count.
    rules: &'static [&'static str],
    /// Builds `ztguard.params` from the constraint's `spec.parameters`.
    params: fn(&Value) -> Value,
    /// Which of those rules' findings the policy is about (some rules check more), given the
    /// constraint's parameters.
    keep: fn(&Finding, &Value) -> bool,
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

fn all(_: &Finding, _: &Value) -> bool {
    true
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

fn exempt(p: &Value) -> Value {
    json!(strings(p, "exemptImages"))
}

/// Gatekeeper's profile names (`runtime/default`, `localhost/x`, `RuntimeDefault`, `Localhost`)
/// as ztguard's profile types and `Localhost` names.
fn profiles(list: &[String]) -> (Vec<&'static str>, Vec<String>) {
    let mut types = Vec::new();
    let mut names = Vec::new();
    for p in list {
        match p.as_str() {
            "runtime/default" | "docker/default" | "RuntimeDefault" => types.push("RuntimeDefault"),
            "unconfined" | "Unconfined" => types.push("Unconfined"),
            "Localhost" => types.push("Localhost"),
            "*" => types.extend(["RuntimeDefault", "Localhost", "Unconfined"]),
            other => {
                if let Some(name) = other.strip_prefix("localhost/") {
                    types.push("Localhost");
                    names.push(name.to_owned());
                }
            }
        }
    }
    types.dedup();
    (types, names)
}

const COUNTERPARTS: &[Counterpart] = &[
    Counterpart {
        suite: "general/allowedrepos",
        rules: &["ZT-IMG-002"],
        params: |p| json!({"ZT-IMG-002": {"allowed": strings(p, "repos").iter().map(|r| repo_prefix_to_pattern(r)).collect::<Vec<_>>()}}),
        keep: all,
    },
    Counterpart {
        suite: "general/allowedreposv2",
        rules: &["ZT-IMG-002"],
        params: |p| json!({"ZT-IMG-002": {"allowed": strings(p, "allowedImages")}}),
        keep: all,
    },
    Counterpart {
        suite: "general/disallowedrepos",
        rules: &["ZT-IMG-003"],
        params: |p| json!({"ZT-IMG-003": {"denied": strings(p, "repos").iter().map(|r| repo_prefix_to_pattern(r)).collect::<Vec<_>>()}}),
        keep: all,
    },
    Counterpart {
        suite: "general/disallowedtags",
        rules: &["ZT-IMG-001"],
        params: |p| json!({"ZT-IMG-001": {"mutable_tags": strings(p, "tags"), "exempt_images": strings(p, "exemptImages")}}),
        keep: all,
    },
    Counterpart {
        suite: "general/imagedigests",
        rules: &["ZT-IMG-004"],
        params: |_| json!({"ZT-IMG-004": {"namespaces": ["*"]}}),
        keep: all,
    },
    Counterpart {
        suite: "general/automount-serviceaccount-token",
        rules: &["ZT-PRV-016"],
        params: |_| json!({}),
        keep: all,
    },
    Counterpart {
        suite: "general/block-nodeport-services",
        rules: &["ZT-SEG-010"],
        params: |_| json!({}),
        keep: all,
    },
    Counterpart {
        suite: "general/block-loadbalancer-services",
        rules: &["ZT-SEG-011"],
        params: |_| json!({}),
        keep: all,
    },
    Counterpart {
        suite: "general/externalip",
        rules: &["ZT-SEG-012"],
        params: |p| json!({"ZT-SEG-012": {"allowed_ips": strings(p, "allowedIPs")}}),
        keep: all,
    },
    Counterpart {
        suite: "general/block-wildcard-ingress",
        rules: &["ZT-SEG-013"],
        params: |_| json!({}),
        keep: all,
    },
    Counterpart {
        suite: "general/disallowanonymous",
        rules: &["ZT-PRV-027"],
        params: |p| {
            let include_authenticated = p
                .get("disallowAuthenticated")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            json!({"ZT-PRV-027": {"allowed_roles": strings(p, "allowedRoles"), "include_authenticated": include_authenticated}})
        },
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/allow-privilege-escalation",
        rules: &["ZT-PRV-004"],
        params: |p| json!({"ZT-PRV-004": {"exempt_images": exempt(p)}}),
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/apparmor",
        rules: &["ZT-PRV-009"],
        params: |p| {
            let (types, names) = profiles(&strings(p, "allowedProfiles"));
            let names = if names.is_empty() || names.iter().any(|n| n == "*") {
                vec!["*".to_owned()]
            } else {
                names
            };
            json!({"ZT-PRV-009": {"allowed": types, "localhost_profiles": names, "required": true, "exempt_images": exempt(p)}})
        },
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/capabilities",
        rules: &["ZT-PRV-006"],
        params: |p| json!({"ZT-PRV-006": {"allowed": strings(p, "allowedCapabilities"), "required_drop": strings(p, "requiredDropCapabilities"), "exempt_images": exempt(p)}}),
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/forbidden-sysctls",
        rules: &["ZT-PRV-013"],
        params: |p| {
            let allowed = match p.get("allowedSysctls") {
                None => vec!["*".to_owned()],
                Some(_) => strings(p, "allowedSysctls"),
            };
            json!({"ZT-PRV-013": {"allowed": allowed, "forbidden": strings(p, "forbiddenSysctls")}})
        },
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/host-filesystem",
        rules: &["ZT-PRV-007"],
        params: |p| {
            let allowed: Vec<Value> = p
                .get("allowedHostPaths")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|a| json!({"path_prefix": a.get("pathPrefix").cloned().unwrap_or_default(), "read_only": a.get("readOnly").cloned().unwrap_or(json!(false))}))
                .collect();
            json!({"ZT-PRV-007": {"allowed": allowed}})
        },
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/host-namespaces",
        rules: &["ZT-PRV-002"],
        params: |_| json!({}),
        keep: |f, _| {
            f.evidence
                .as_ref()
                .is_some_and(|e| !e.pointer.ends_with("/host_network"))
        },
    },
    Counterpart {
        suite: "pod-security-policy/host-network-ports",
        rules: &["ZT-PRV-002", "ZT-PRV-008"],
        params: |p| {
            let allowed = match (p.get("min"), p.get("max")) {
                (Some(min), Some(max)) => json!([{"min": min, "max": max}]),
                _ => json!([]),
            };
            json!({"ZT-PRV-008": {"allowed": allowed, "exempt_images": exempt(p)}})
        },
        keep: |f, p| {
            let host_network_allowed = p
                .get("hostNetwork")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let host_network = f
                .evidence
                .as_ref()
                .is_some_and(|e| e.pointer.ends_with("/host_network"));
            f.rule == "ZT-PRV-008" || (host_network && !host_network_allowed)
        },
    },
    Counterpart {
        suite: "pod-security-policy/host-process",
        rules: &["ZT-PRV-005"],
        params: |_| json!({}),
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/privileged-containers",
        rules: &["ZT-PRV-001"],
        params: |p| json!({"ZT-PRV-001": {"exempt_images": exempt(p)}}),
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/proc-mount",
        rules: &["ZT-PRV-011"],
        params: |p| json!({"ZT-PRV-011": {"exempt_images": exempt(p)}}),
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/read-only-root-filesystem",
        rules: &["ZT-PRV-015"],
        params: |p| json!({"ZT-PRV-015": {"exempt_images": exempt(p)}}),
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/seccomp",
        rules: &["ZT-PRV-012"],
        params: seccomp_params,
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/seccompv2",
        rules: &["ZT-PRV-012"],
        params: seccomp_params,
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/selinux",
        rules: &["ZT-PRV-010"],
        params: |p| {
            let types: Vec<Value> = p
                .get("allowedSELinuxOptions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|o| o.get("type").cloned())
                .collect();
            json!({"ZT-PRV-010": {"allowed_types": types, "exempt_images": exempt(p)}})
        },
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/users",
        rules: &["ZT-PRV-003"],
        params: |p| json!({"ZT-PRV-003": {"exempt_images": exempt(p)}}),
        keep: all,
    },
    Counterpart {
        suite: "pod-security-policy/volumes",
        rules: &["ZT-PRV-014"],
        params: |p| json!({"ZT-PRV-014": {"allowed": strings(p, "volumes")}}),
        keep: all,
    },
];

fn seccomp_params(p: &Value) -> Value {
    let listed = strings(p, "allowedProfiles");
    let (types, mut names) = profiles(&listed);
    names.extend(strings(p, "allowedLocalhostFiles"));
    if names.is_empty() || names.iter().any(|n| n == "*") {
        names = vec!["*".to_owned()];
    }
    let required = !listed.iter().any(|l| l == "not configured" || l == "*");
    json!({"ZT-PRV-012": {"allowed": types, "localhost_profiles": names, "required": required, "exempt_images": exempt(p)}})
}

/// Suites with no counterpart yet, and why.
const NOT_COVERED: &[(&str, &str)] = &[
    (
        "general/block-endpoint-edit-default-role",
        "it judges the content of one ClusterRole (endpoint writes, CVE-2021-25740); the RBAC rules judge what subjects are granted",
    ),
    (
        "general/disallowinteractive",
        "interactive containers (stdin, tty) have no rule yet",
    ),
    (
        "general/noupdateserviceaccount",
        "it compares the old and new object of an UPDATE; ztguard judges the object as admitted, not the change",
    ),
    (
        "general/requiredlabels",
        "label requirements are not a zero-trust control; a user policy covers them",
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
            .data(json!({"ztguard": {"params": params}}))
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
                .filter(|f| {
                    counterpart.rules.contains(&f.rule.as_str())
                        && (counterpart.keep)(f, &constraint["spec"]["parameters"])
                })
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
                // Messages naming a container list count findings about that list. Any other
                // message counts the findings whose message contains it (a subject's name, say);
                // a sentence none of them contains is gatekeeper's own wording, and every
                // finding counts.
                let kind = match assertion["message"].as_str() {
                    Some("initContainer") => Some(Some(ContainerType::Init)),
                    Some("ephemeralContainer") => Some(Some(ContainerType::Ephemeral)),
                    Some("container") => Some(Some(ContainerType::Container)),
                    _ => None,
                };
                let text = assertion["message"].as_str().unwrap_or_default();
                let mentioning: Vec<_> = findings
                    .iter()
                    .filter(|f| f.message.contains(text))
                    .copied()
                    .collect();
                let counted: Vec<_> = match kind {
                    // A single word (a subject, a sysctl) is an identifier our messages name.
                    None if !text.is_empty() && (!mentioning.is_empty() || !text.contains(' ')) => {
                        mentioning
                    }
                    None => findings.clone(),
                    Some(kind) => findings
                        .iter()
                        .filter(|f| container_type(f) == kind)
                        .copied()
                        .collect(),
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
