//! Table-driven tests of NetworkPolicy semantics, one manifest set per case, and properties.

use proptest::prelude::*;

use super::*;

/// Namespaces `front` (team: web) and `back` (team: api), and pods `front/web` (app: web),
/// `back/api` (app: api, port `http` 8080), `back/db` (app: db, port 5432), `other/tool`.
const CLUSTER: &str = r#"
apiVersion: v1
kind: Namespace
metadata: {name: front, labels: {team: web}}
---
apiVersion: v1
kind: Namespace
metadata: {name: back, labels: {team: api}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: front, labels: {app: web}}
spec: {containers: [{name: c, image: "nginx:1"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: back, labels: {app: api}}
spec: {containers: [{name: c, image: "api:1", ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: back, labels: {app: db}}
spec: {containers: [{name: c, image: "db:1", ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: tool, namespace: other, labels: {app: tool}}
spec: {containers: [{name: c, image: "tool:1"}]}
"#;

fn facts(policies: &str) -> Facts {
    crate::facts_from_text("cluster.yaml", &format!("{CLUSTER}{policies}"))
        .unwrap_or_else(|e| unreachable!("{e}"))
}

fn index(facts: &Facts, name: &str) -> usize {
    facts
        .workloads
        .iter()
        .position(|w| w.name == name)
        .unwrap_or_else(|| unreachable!("{name}"))
}

/// Every allowed edge, as `from->to`.
fn edges(policies: &str) -> Vec<String> {
    let facts = facts(policies);
    let analysis = Analysis::new(&facts);
    let mut out: Vec<String> = analysis
        .edges()
        .iter()
        .filter_map(|e| {
            Some(format!(
                "{}->{}",
                facts.workloads.get(e.from)?.name,
                facts.workloads.get(e.to)?.name
            ))
        })
        .collect();
    out.sort();
    out
}

/// Edges into `to`, by sender name.
fn into(policies: &str, to: &str) -> Vec<String> {
    let suffix = format!("->{to}");
    edges(policies)
        .into_iter()
        .filter_map(|e| e.strip_suffix(&suffix).map(str::to_owned))
        .collect()
}

fn ingress_policy(namespace: &str, selector: &str, from: &str) -> String {
    format!(
        "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p, namespace: {namespace}}}\nspec:\n  podSelector: {selector}\n  policyTypes: [Ingress]\n  ingress:\n  - from: {from}\n"
    )
}

#[test]
fn without_policies_everything_reaches_everything() {
    assert_eq!(edges("").len(), 12);
    let f = facts("");
    let analysis = Analysis::new(&f);
    assert!(!analysis.isolated(index(&f, "db"), Direction::Ingress));
}

#[test]
fn a_default_deny_policy_isolates_every_pod_of_its_namespace() {
    let deny = "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: back}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n";
    assert!(into(deny, "api").is_empty());
    assert!(into(deny, "db").is_empty());
    assert_eq!(into(deny, "web"), ["api", "db", "tool"]);
}

#[test]
fn a_pod_selector_alone_selects_pods_of_the_policy_namespace() {
    let policy = ingress_policy(
        "back",
        "{matchLabels: {app: db}}",
        "[{podSelector: {matchLabels: {app: api}}}]",
    );
    assert_eq!(into(&policy, "db"), ["api"]);
    assert_eq!(
        into(&policy, "api"),
        ["db", "tool", "web"],
        "api is not selected, so not isolated"
    );
}

#[test]
fn a_namespace_selector_alone_selects_every_pod_of_those_namespaces() {
    let policy = ingress_policy(
        "back",
        "{matchLabels: {app: db}}",
        "[{namespaceSelector: {matchLabels: {team: web}}}]",
    );
    assert_eq!(into(&policy, "db"), ["web"]);
    let by_name = ingress_policy(
        "back",
        "{matchLabels: {app: db}}",
        "[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: other}}}]",
    );
    assert_eq!(
        into(&by_name, "db"),
        ["tool"],
        "every namespace carries its name as a label"
    );
}

#[test]
fn an_empty_namespace_selector_selects_every_namespace() {
    let policy = ingress_policy(
        "back",
        "{matchLabels: {app: db}}",
        "[{namespaceSelector: {}}]",
    );
    assert_eq!(into(&policy, "db"), ["api", "tool", "web"]);
}

#[test]
fn both_selectors_in_one_peer_must_both_hold_but_two_peers_are_either() {
    let and = ingress_policy(
        "back",
        "{matchLabels: {app: db}}",
        "[{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: api}}}]",
    );
    assert!(
        into(&and, "db").is_empty(),
        "no pod labelled api lives in a team=web namespace"
    );
    let or = ingress_policy(
        "back",
        "{matchLabels: {app: db}}",
        "[{namespaceSelector: {matchLabels: {team: web}}}, {podSelector: {matchLabels: {app: api}}}]",
    );
    assert_eq!(into(&or, "db"), ["api", "web"]);
}

#[test]
fn ip_blocks_name_addresses_outside_the_cluster_not_workloads() {
    let policy = ingress_policy(
        "back",
        "{matchLabels: {app: db}}",
        "[{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]",
    );
    assert!(into(&policy, "db").is_empty());
}

#[test]
fn an_absent_or_empty_from_allows_every_peer() {
    let absent = "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: back}\nspec:\n  podSelector: {matchLabels: {app: db}}\n  ingress:\n  - ports: [{port: 5432}]\n";
    assert_eq!(into(absent, "db"), ["api", "tool", "web"]);
    let empty = ingress_policy("back", "{matchLabels: {app: db}}", "[]");
    assert_eq!(into(&empty, "db"), ["api", "tool", "web"]);
}

#[test]
fn ports_named_ports_and_ranges_must_meet_on_both_sides() {
    let ingress_named = "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: in, namespace: back}\nspec:\n  podSelector: {matchLabels: {app: api}}\n  ingress:\n  - ports: [{port: http}]\n";
    let f = facts(ingress_named);
    let analysis = Analysis::new(&f);
    let edge = analysis
        .edge(index(&f, "web"), index(&f, "api"))
        .unwrap_or_else(|| unreachable!());
    assert_eq!(
        edge.ports,
        [PortRange {
            protocol: Protocol::Tcp,
            first: 8080,
            last: 8080
        }]
    );

    let egress_range = "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: out, namespace: front}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ports: [{port: 9000, endPort: 9100}]\n";
    let both = format!("{ingress_named}{egress_range}");
    let f = facts(&both);
    let analysis = Analysis::new(&f);
    assert!(
        analysis.edge(index(&f, "web"), index(&f, "api")).is_none(),
        "8080 is outside 9000-9100"
    );
    assert!(analysis.edge(index(&f, "web"), index(&f, "tool")).is_some());
}

#[test]
fn egress_rules_without_policy_types_isolate_egress_too() {
    let policy = "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: front}\nspec:\n  podSelector: {}\n  egress:\n  - to: [{podSelector: {}}]\n";
    let f = facts(policy);
    let analysis = Analysis::new(&f);
    let web = index(&f, "web");
    assert!(
        analysis.isolated(web, Direction::Ingress) && analysis.isolated(web, Direction::Egress)
    );
    assert!(
        edges(policy).iter().all(|e| !e.starts_with("web->")),
        "web may talk only within front"
    );
}

#[test]
fn edges_name_the_policies_that_allow_them() {
    let policy = ingress_policy(
        "back",
        "{matchLabels: {app: db}}",
        "[{podSelector: {matchLabels: {app: api}}}]",
    );
    let f = facts(&policy);
    let analysis = Analysis::new(&f);
    let edge = analysis
        .edge(index(&f, "api"), index(&f, "db"))
        .unwrap_or_else(|| unreachable!());
    assert_eq!(
        edge.ingress,
        Allowance::Policy {
            namespace: "back".into(),
            name: "p".into(),
            rule: 0
        }
    );
    assert_eq!(edge.egress, Allowance::NotIsolated);
}

fn selector() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{}".to_owned()),
        prop::sample::select(vec!["web", "api", "db", "tool"])
            .prop_map(|a| format!("{{matchLabels: {{app: {a}}}}}")),
    ]
}

fn peer() -> impl Strategy<Value = String> {
    prop_oneof![
        selector().prop_map(|s| format!("{{podSelector: {s}}}")),
        prop::sample::select(vec!["web", "api"])
            .prop_map(|t| format!("{{namespaceSelector: {{matchLabels: {{team: {t}}}}}}}")),
        Just("{ipBlock: {cidr: 10.0.0.0/8}}".to_owned()),
    ]
}

fn policy(name: usize) -> impl Strategy<Value = String> {
    // At least one peer: an empty list means every peer, which adding one would narrow.
    (prop::sample::select(vec!["front", "back", "other"]), selector(), prop::collection::vec(peer(), 1..3), any::<bool>()).prop_map(
        move |(ns, sel, peers, egress)| {
            let (kind, field) = if egress { ("Egress", "to") } else { ("Ingress", "from") };
            format!(
                "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p{name}, namespace: {ns}}}\nspec:\n  podSelector: {sel}\n  policyTypes: [{kind}]\n  {}:\n  - {field}: [{}]\n",
                kind.to_lowercase(),
                peers.join(", ")
            )
        },
    )
}

fn policies() -> impl Strategy<Value = String> {
    prop::collection::vec((0..1000usize).prop_flat_map(policy), 0..5).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn adding_a_deny_all_policy_never_adds_an_edge(existing in policies(), ns in prop::sample::select(vec!["front", "back", "other"])) {
        let before = edges(&existing);
        let deny = format!("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: deny-all, namespace: {ns}}}\nspec: {{podSelector: {{}}, policyTypes: [Ingress, Egress]}}\n");
        let after = edges(&format!("{existing}{deny}"));
        prop_assert!(after.iter().all(|e| before.contains(e)), "{:?} appeared", after.iter().find(|e| !before.contains(e)));
    }

    #[test]
    fn adding_a_rule_to_a_policy_never_removes_an_edge(existing in policies(), extra in peer()) {
        let before = edges(&existing);
        // The same policies with one more peer in each rule list: every rule allows more.
        let widened = existing.replace("from: [", &format!("from: [{extra}, ")).replace("to: [", &format!("to: [{extra}, "));
        let after = edges(&widened);
        prop_assert!(before.iter().all(|e| after.contains(e)), "{:?} disappeared", before.iter().find(|e| !after.contains(e)));
    }
}
