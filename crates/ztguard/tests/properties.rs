//! Properties that state what a part must do for every input, checked on generated inputs:
//! label selectors against a reference reading of the Kubernetes rules, RBAC permissions
//! growing with bindings, waivers hiding only what they name, and reports that are ordered and
//! serialized the same way whatever order their findings came in.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use serde_json::{Value, json};
use ztguard::facts::{Binding, ObjectRef, PolicyRule, Rbac, Role, Subject};
use ztguard::{Action, Finding, Pillar, Report, Resource, Severity, Waivers};

// ---- label selectors ----------------------------------------------------------------------

const KEYS: [&str; 3] = ["app", "tier", "env"];
const VALUES: [&str; 3] = ["web", "db", "prod"];

fn labels() -> impl Strategy<Value = BTreeMap<String, String>> {
    prop::collection::btree_map(
        prop::sample::select(KEYS.to_vec()).prop_map(str::to_owned),
        prop::sample::select(VALUES.to_vec()).prop_map(str::to_owned),
        0..=3,
    )
}

#[derive(Debug, Clone)]
enum Requirement {
    In(String, BTreeSet<String>),
    NotIn(String, BTreeSet<String>),
    Exists(String),
    DoesNotExist(String),
}

fn requirement() -> impl Strategy<Value = Requirement> {
    let key = prop::sample::select(KEYS.to_vec()).prop_map(str::to_owned);
    let values = prop::collection::btree_set(
        prop::sample::select(VALUES.to_vec()).prop_map(str::to_owned),
        1..=2,
    );
    prop_oneof![
        (key.clone(), values.clone()).prop_map(|(k, v)| Requirement::In(k, v)),
        (key.clone(), values).prop_map(|(k, v)| Requirement::NotIn(k, v)),
        key.clone().prop_map(Requirement::Exists),
        key.prop_map(Requirement::DoesNotExist),
    ]
}

/// The Kubernetes rules, read as set membership: every pair of `matchLabels` is in the labels,
/// and each requirement holds.
fn reference_match(
    wanted: &BTreeMap<String, String>,
    requirements: &[Requirement],
    labels: &BTreeMap<String, String>,
) -> bool {
    let pairs: BTreeSet<(&String, &String)> = labels.iter().collect();
    wanted.iter().all(|pair| pairs.contains(&pair))
        && requirements.iter().all(|r| match r {
            Requirement::In(k, vs) => vs.iter().any(|v| pairs.contains(&(k, v))),
            Requirement::NotIn(k, vs) => vs.iter().all(|v| !pairs.contains(&(k, v))),
            Requirement::Exists(k) => labels.keys().any(|key| key == k),
            Requirement::DoesNotExist(k) => labels.keys().all(|key| key != k),
        })
}

fn selector_json(wanted: &BTreeMap<String, String>, requirements: &[Requirement]) -> Value {
    let expressions: Vec<Value> = requirements
        .iter()
        .map(|r| match r {
            Requirement::In(k, vs) => json!({"key": k, "operator": "In", "values": vs}),
            Requirement::NotIn(k, vs) => json!({"key": k, "operator": "NotIn", "values": vs}),
            Requirement::Exists(k) => json!({"key": k, "operator": "Exists"}),
            Requirement::DoesNotExist(k) => json!({"key": k, "operator": "DoesNotExist"}),
        })
        .collect();
    json!({"matchLabels": wanted, "matchExpressions": expressions})
}

proptest! {
    #[test]
    fn selectors_match_as_kubernetes_defines(
        wanted in labels(),
        requirements in prop::collection::vec(requirement(), 0..=3),
        object in labels(),
    ) {
        let selector = selector_json(&wanted, &requirements);
        prop_assert_eq!(
            ztguard::selector::matches(&selector, &object),
            reference_match(&wanted, &requirements, &object),
            "selector {} on labels {:?}", selector, object
        );
    }
}

// ---- RBAC ---------------------------------------------------------------------------------

const ROLES: [&str; 3] = ["reader", "writer", "admin"];
const NAMESPACES: [&str; 2] = ["shop", "ops"];

fn policy_rule() -> impl Strategy<Value = PolicyRule> {
    (
        prop::sample::select(vec!["", "apps", "*"]),
        prop::sample::select(vec!["pods", "secrets", "pods/exec", "deployments", "*"]),
        prop::sample::subsequence(vec!["get", "list", "create", "delete", "*"], 1..=3),
    )
        .prop_map(|(group, resource, verbs)| PolicyRule::new(&[group], &[resource], &verbs))
}

fn role() -> impl Strategy<Value = Role> {
    (
        any::<bool>(),
        prop::sample::select(NAMESPACES.to_vec()),
        prop::sample::select(ROLES.to_vec()),
        prop::collection::vec(policy_rule(), 1..=3),
    )
        .prop_map(|(cluster, namespace, name, rules)| Role {
            kind: if cluster { "ClusterRole" } else { "Role" }.to_owned(),
            namespace: (!cluster).then(|| namespace.to_owned()),
            name: name.to_owned(),
            labels: BTreeMap::new(),
            rules,
            aggregation_selectors: Vec::new(),
            source: None,
        })
}

fn binding(index: usize) -> impl Strategy<Value = Binding> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(NAMESPACES.to_vec()),
        prop::sample::select(ROLES.to_vec()),
        prop::sample::select(vec!["alice", "bob", "ci"]),
    )
        .prop_map(
            move |(cluster, cluster_role, namespace, role, user)| Binding {
                kind: if cluster {
                    "ClusterRoleBinding"
                } else {
                    "RoleBinding"
                }
                .to_owned(),
                namespace: (!cluster).then(|| namespace.to_owned()),
                name: format!("binding-{index}"),
                role_ref: ObjectRef {
                    kind: if cluster || cluster_role {
                        "ClusterRole"
                    } else {
                        "Role"
                    }
                    .to_owned(),
                    namespace: None,
                    name: role.to_owned(),
                },
                subjects: vec![Subject {
                    kind: "User".to_owned(),
                    name: user.to_owned(),
                    namespace: None,
                }],
                source: None,
            },
        )
}

/// What each subject may do where: the permissions, without which binding grants them.
fn grants(rbac: &Rbac) -> BTreeSet<String> {
    let mut rbac = rbac.clone();
    ztguard::rbac::analyse(&mut rbac);
    rbac.permissions
        .iter()
        .map(|p| format!("{:?} {:?} {:?}", p.subject, p.namespace, p.rule))
        .collect()
}

proptest! {
    #[test]
    fn a_binding_more_never_takes_a_permission_away(
        roles in prop::collection::vec(role(), 1..=4),
        bindings in prop::collection::vec((0..100usize).prop_flat_map(binding), 0..=4),
        extra in binding(100),
    ) {
        // Roles of one kind, namespace and name are one role: keep the first.
        let mut seen = BTreeSet::new();
        let roles: Vec<Role> = roles
            .into_iter()
            .filter(|r| seen.insert((r.kind.clone(), r.namespace.clone(), r.name.clone())))
            .collect();
        let before = Rbac { roles: roles.clone(), bindings: bindings.clone(), ..Rbac::default() };
        let mut more = bindings;
        more.push(extra);
        let after = Rbac { roles, bindings: more, ..Rbac::default() };
        let (before, after) = (grants(&before), grants(&after));
        let lost: Vec<&String> = before.difference(&after).collect();
        prop_assert!(lost.is_empty(), "lost {:?}", lost);
    }
}

// ---- findings, waivers and reports --------------------------------------------------------

const RULES: [&str; 3] = ["ZT-IMG-001", "ZT-PRV-001", "ZT-SEG-001"];

fn resource() -> impl Strategy<Value = Resource> {
    (
        prop::sample::select(vec!["Deployment", "Pod"]),
        prop::sample::select(NAMESPACES.to_vec()),
        prop::sample::select(vec!["web", "db"]),
        prop::option::of(prop::sample::select(vec!["app", "sidecar"])),
    )
        .prop_map(|(kind, namespace, name, container)| Resource {
            kind: kind.to_owned(),
            namespace: Some(namespace.to_owned()),
            name: name.to_owned(),
            container: container.map(str::to_owned),
            image: None,
        })
}

fn finding() -> impl Strategy<Value = Finding> {
    (
        prop::sample::select(RULES.to_vec()),
        prop::sample::select(Severity::ALL.to_vec()),
        prop::sample::select(Action::ALL.to_vec()),
        resource(),
        prop::sample::select(vec!["a", "b"]),
    )
        .prop_map(|(rule, severity, action, resource, message)| {
            let finding = json!({
                "rule": rule, "title": "t", "pillar": Pillar::Image, "severity": severity,
                "action": action, "stages": ["build"], "resource": resource,
                "message": message, "remediation": "r", "controls": {},
            });
            serde_json::from_value(finding).unwrap_or_else(|e| unreachable!("{e}"))
        })
}

/// A waiver naming a rule and some of the resource fields, as JSON (which is YAML).
fn waiver() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(RULES.to_vec()),
        prop::option::of(prop::sample::select(NAMESPACES.to_vec())),
        prop::sample::select(vec!["web", "db"]),
        prop::option::of(prop::sample::select(vec!["app", "sidecar"])),
        any::<bool>(),
    )
        .prop_map(|(rule, namespace, name, container, expired)| {
            let mut selector = serde_json::Map::new();
            selector.insert("name".to_owned(), json!(name));
            if let Some(namespace) = namespace {
                selector.insert("namespace".to_owned(), json!(namespace));
            }
            if let Some(container) = container {
                selector.insert("container".to_owned(), json!(container));
            }
            json!({
                "rule": rule, "resource": selector, "owner": "team@example.com",
                "reason": "accepted", "expires": if expired { "2020-01-01" } else { "2099-01-01" },
            })
        })
}

fn named_by(waiver: &Value, finding: &Finding) -> bool {
    let field = |key: &str, have: Option<&String>| {
        waiver["resource"]
            .get(key)
            .and_then(Value::as_str)
            .is_none_or(|want| Some(want) == have.map(String::as_str))
    };
    waiver["rule"] == finding.rule.as_str()
        && field("name", Some(&finding.resource.name))
        && field("namespace", finding.resource.namespace.as_ref())
        && field("container", finding.resource.container.as_ref())
}

/// Now, for the waivers: 2026-12-01.
const NOW: i64 = 1_796_083_200;

proptest! {
    #[test]
    fn waivers_hide_only_the_findings_they_name(
        findings in prop::collection::vec(finding(), 0..12),
        waivers in prop::collection::vec(waiver(), 0..4),
    ) {
        let text = json!({"apiVersion": "ztguard.dev/v1", "kind": "Waivers", "waivers": waivers}).to_string();
        let set = Waivers::from_text("w.json", &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut report = Report::new(findings.clone(), Vec::new());
        let total = report.findings.len();
        report.apply_waivers(&set, NOW);
        prop_assert_eq!(report.findings.len() + report.waived.len(), total);
        let live: Vec<&Value> = waivers.iter().filter(|w| w["expires"] == "2099-01-01").collect();
        for w in &report.waived {
            prop_assert!(
                live.iter().any(|l| named_by(l, &w.finding)),
                "{:?} was waived by no live waiver that names it", w.finding.resource
            );
        }
        for f in &report.findings {
            prop_assert!(!live.iter().any(|l| named_by(l, f)), "{:?} is named but not waived", f.resource);
        }
    }

    #[test]
    fn findings_come_out_in_one_order_whatever_order_they_came_in(
        findings in prop::collection::vec(finding(), 0..12),
        seed in any::<u64>(),
    ) {
        let mut shuffled = findings.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let j = usize::try_from(state % (i as u64 + 1)).unwrap_or(0);
            shuffled.swap(i, j);
        }
        let (a, b) = (Report::new(findings, Vec::new()), Report::new(shuffled, Vec::new()));
        prop_assert_eq!(a, b);
    }

    #[test]
    fn reports_round_trip_through_json(
        findings in prop::collection::vec(finding(), 0..12),
        waivers in prop::collection::vec(waiver(), 0..3),
    ) {
        let text = json!({"apiVersion": "ztguard.dev/v1", "kind": "Waivers", "waivers": waivers}).to_string();
        let set = Waivers::from_text("w.json", &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut report = Report::new(findings, Vec::new());
        report.apply_waivers(&set, NOW);
        let json = report.to_json_pretty();
        let back: Report = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &report);
        prop_assert_eq!(back.to_json_pretty(), json);
    }
}
