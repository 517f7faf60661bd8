//! RBAC analysis: from roles and bindings, what each subject can effectively do, and how a
//! subject can become stronger.
//!
//! Aggregated ClusterRoles take the rules of every ClusterRole their selectors match (to a
//! fixed point). A RoleBinding grants in its namespace, a ClusterRoleBinding cluster-wide.
//! Escalation follows three kinds of step: creating pods (or workloads) in a namespace lets a
//! subject run as any service account there; `impersonate` lets it act as anyone; `bind` or
//! `escalate` on roles lets it grant itself any permission.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use crate::facts::{Escalation, ObjectRef, Permission, PolicyRule, Rbac, Role, Subject};

/// The longest chain of steps followed when looking for escalations.
const MAX_CHAIN: usize = 4;

/// Workload resources whose creation runs pods with any service account of the namespace.
const POD_CREATORS: &[(&str, &str)] = &[
    ("", "pods"),
    ("apps", "deployments"),
    ("apps", "statefulsets"),
    ("apps", "daemonsets"),
    ("apps", "replicasets"),
    ("batch", "jobs"),
    ("batch", "cronjobs"),
    ("", "replicationcontrollers"),
];

/// Computes permissions, dangling bindings, unbound roles and escalations into `rbac`,
/// replacing any given before.
pub fn analyse(rbac: &mut Rbac) {
    add_default_roles(rbac);
    aggregate(&mut rbac.roles);
    let roles: HashMap<(String, Option<String>, String), &Role> = rbac
        .roles
        .iter()
        .map(|r| ((r.kind.clone(), r.namespace.clone(), r.name.clone()), r))
        .collect();

    let mut permissions = Vec::new();
    let mut dangling = Vec::new();
    let mut bound: BTreeSet<(String, Option<String>, String)> = BTreeSet::new();
    for binding in &rbac.bindings {
        let scope = if binding.kind == "ClusterRoleBinding" {
            None
        } else {
            binding.namespace.clone()
        };
        let role_namespace = if binding.role_ref.kind == "Role" {
            binding.namespace.clone()
        } else {
            None
        };
        let key = (
            binding.role_ref.kind.clone(),
            role_namespace.clone(),
            binding.role_ref.name.clone(),
        );
        let binding_ref = ObjectRef {
            kind: binding.kind.clone(),
            namespace: binding.namespace.clone(),
            name: binding.name.clone(),
        };
        let Some(role) = roles.get(&key) else {
            dangling.push(binding_ref);
            continue;
        };
        bound.insert(key.clone());
        let role_ref = ObjectRef {
            kind: key.0.clone(),
            namespace: key.1.clone(),
            name: key.2.clone(),
        };
        for subject in &binding.subjects {
            let mut subject = subject.clone();
            if subject.kind == "ServiceAccount"
                && subject.namespace.as_deref().is_none_or(str::is_empty)
            {
                subject.namespace = binding.namespace.clone();
            }
            for rule in &role.rules {
                let mut permission = Permission {
                    subject: subject.clone(),
                    namespace: scope.clone(),
                    rule: rule.clone(),
                    role: role_ref.clone(),
                    binding: binding_ref.clone(),
                    capabilities: Vec::new(),
                    source: binding.source.clone(),
                };
                permission.capabilities = capabilities(&permission)
                    .into_iter()
                    .map(|c| c.what.to_owned())
                    .collect();
                permissions.push(permission);
            }
        }
    }

    let aggregated_into_bound = |role: &Role| {
        rbac.roles.iter().any(|other| {
            bound.contains(&(
                other.kind.clone(),
                other.namespace.clone(),
                other.name.clone(),
            )) && other
                .aggregation_selectors
                .iter()
                .any(|s| crate::selector::matches(s, &role.labels))
        })
    };
    let unbound = rbac
        .roles
        .iter()
        .filter(|r| !bound.contains(&(r.kind.clone(), r.namespace.clone(), r.name.clone())))
        .filter(|r| !aggregated_into_bound(r))
        .map(|r| ObjectRef {
            kind: r.kind.clone(),
            namespace: r.namespace.clone(),
            name: r.name.clone(),
        })
        .collect();

    rbac.escalations = escalations(&permissions);
    rbac.permissions = permissions;
    rbac.dangling_bindings = dangling;
    rbac.unbound_roles = unbound;
}

/// Kubernetes' default user-facing ClusterRoles, as their rules stand in recent releases (the
/// permissions that matter for least privilege; read-only details are folded together).
fn default_role(name: &str) -> Option<Vec<PolicyRule>> {
    let rule = |groups: &[&str], resources: &[&str], verbs: &[&str]| {
        let own = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect();
        PolicyRule {
            api_groups: own(groups),
            resources: own(resources),
            verbs: own(verbs),
            ..PolicyRule::default()
        }
    };
    let read = ["get", "list", "watch"];
    let write = [
        "create",
        "delete",
        "deletecollection",
        "patch",
        "update",
        "get",
        "list",
        "watch",
    ];
    let workloads = ["deployments", "statefulsets", "daemonsets", "replicasets"];
    let core = [
        "pods",
        "services",
        "configmaps",
        "persistentvolumeclaims",
        "replicationcontrollers",
        "endpoints",
    ];
    let edit = vec![
        rule(&[""], &core, &write),
        rule(&[""], &["secrets"], &write),
        rule(
            &[""],
            &["pods/exec", "pods/attach", "pods/portforward"],
            &["create", "get"],
        ),
        rule(&[""], &["serviceaccounts"], &["impersonate"]),
        rule(&["apps"], &workloads, &write),
        rule(&["batch"], &["jobs", "cronjobs"], &write),
    ];
    match name {
        "cluster-admin" => Some(vec![
            rule(&["*"], &["*"], &["*"]),
            PolicyRule {
                non_resource_urls: vec!["*".to_owned()],
                verbs: vec!["*".to_owned()],
                ..PolicyRule::default()
            },
        ]),
        "admin" => {
            let mut rules = edit;
            rules.push(rule(
                &["rbac.authorization.k8s.io"],
                &["roles", "rolebindings"],
                &write,
            ));
            Some(rules)
        }
        "edit" => Some(edit),
        "view" => Some(vec![
            rule(&[""], &core, &read),
            rule(&["apps"], &workloads, &read),
            rule(&["batch"], &["jobs", "cronjobs"], &read),
        ]),
        _ => None,
    }
}

/// Adds Kubernetes' default ClusterRoles that bindings name but the input does not hold, so a
/// binding to `cluster-admin` grants what it grants in a cluster.
fn add_default_roles(rbac: &mut Rbac) {
    let mut missing: Vec<String> = rbac
        .bindings
        .iter()
        .filter(|b| b.role_ref.kind == "ClusterRole")
        .map(|b| b.role_ref.name.clone())
        .filter(|name| {
            !rbac
                .roles
                .iter()
                .any(|r| r.kind == "ClusterRole" && r.name == *name)
        })
        .collect();
    missing.sort();
    missing.dedup();
    for name in missing {
        if let Some(rules) = default_role(&name) {
            rbac.roles.push(Role {
                kind: "ClusterRole".to_owned(),
                namespace: None,
                name,
                labels: BTreeMap::from([(
                    "kubernetes.io/bootstrapping".to_owned(),
                    "rbac-defaults".to_owned(),
                )]),
                rules,
                aggregation_selectors: Vec::new(),
                source: None,
            });
        }
    }
}

/// Fills aggregated ClusterRoles with the rules of the ClusterRoles they select.
fn aggregate(roles: &mut [Role]) {
    for _ in 0..roles.len() {
        let mut changed = false;
        for i in 0..roles.len() {
            let Some(role) = roles.get(i) else { continue };
            if role.kind != "ClusterRole" || role.aggregation_selectors.is_empty() {
                continue;
            }
            let selectors = role.aggregation_selectors.clone();
            let mut gathered: Vec<PolicyRule> = Vec::new();
            for (j, other) in roles.iter().enumerate() {
                if j != i
                    && other.kind == "ClusterRole"
                    && selectors
                        .iter()
                        .any(|s| crate::selector::matches(s, &other.labels))
                {
                    gathered.extend(other.rules.iter().cloned());
                }
            }
            // The aggregation controller replaces the role's rules with those it selects.
            let mut unique: Vec<PolicyRule> = Vec::new();
            for rule in gathered {
                if !unique.contains(&rule) {
                    unique.push(rule);
                }
            }
            if let Some(role) = roles.get_mut(i) {
                if role.rules != unique {
                    role.rules = unique;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// What a subject can do that matters for escalation, with its scope (`None`: cluster-wide).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Capability {
    what: &'static str,
    namespace: Option<String>,
}

impl Capability {
    fn describe(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{} in namespace `{ns}`", self.what),
            None => format!("{} cluster-wide", self.what),
        }
    }

    /// Whether holding `self` already gives `other`.
    fn covers(&self, other: &Capability) -> bool {
        self.what == other.what && (self.namespace.is_none() || self.namespace == other.namespace)
    }
}

fn list_has(list: &[String], value: &str) -> bool {
    list.iter().any(|v| v == "*" || v == value)
}

/// Whether `rule` allows `verb` on `group`/`resource` for every name.
pub fn allows(rule: &PolicyRule, verb: &str, group: &str, resource: &str) -> bool {
    rule.resource_names.is_empty() && allows_any_name(rule, verb, group, resource)
}

/// Whether `rule` allows `verb` on `group`/`resource` for at least some names. A resource
/// pattern `*/sub` covers every resource's `sub` subresource.
fn allows_any_name(rule: &PolicyRule, verb: &str, group: &str, resource: &str) -> bool {
    let subresource = resource.split_once('/').map(|(_, sub)| format!("*/{sub}"));
    list_has(&rule.verbs, verb)
        && list_has(&rule.api_groups, group)
        && (list_has(&rule.resources, resource)
            || subresource.is_some_and(|s| rule.resources.contains(&s)))
}

fn capabilities(permission: &Permission) -> Vec<Capability> {
    let rule = &permission.rule;
    let at = |what| Capability {
        what,
        namespace: permission.namespace.clone(),
    };
    let mut out = Vec::new();
    if list_has(&rule.verbs, "*")
        && list_has(&rule.resources, "*")
        && list_has(&rule.api_groups, "*")
    {
        out.push(at("every permission"));
    }
    if ["get", "list", "watch"]
        .iter()
        .any(|v| allows(rule, v, "", "secrets"))
    {
        out.push(at("read secrets"));
    }
    if POD_CREATORS
        .iter()
        .any(|(g, r)| allows(rule, "create", g, r))
    {
        out.push(at("create pods"));
    }
    let exec = [
        ("create", "pods/exec"),
        ("get", "pods/exec"),
        ("create", "pods/attach"),
        ("create", "pods/portforward"),
    ];
    if exec.iter().any(|(v, r)| allows(rule, v, "", r)) {
        out.push(at("exec into pods"));
    }
    // `bind` and `escalate` count even when limited to named roles: binding `cluster-admin`
    // by name is the whole point of an escalation.
    let rbac = "rbac.authorization.k8s.io";
    let on_roles = |verb: &str| {
        ["roles", "clusterroles"]
            .iter()
            .any(|r| allows_any_name(rule, verb, rbac, r))
    };
    if on_roles("bind") {
        out.push(at("bind roles"));
    }
    if on_roles("escalate") {
        out.push(at("escalate roles"));
    }
    if ["rolebindings", "clusterrolebindings"]
        .iter()
        .any(|r| allows(rule, "create", rbac, r))
    {
        out.push(at("create role bindings"));
    }
    if ["update", "patch"].iter().any(|v| {
        ["roles", "clusterroles"]
            .iter()
            .any(|r| allows(rule, v, rbac, r))
    }) {
        out.push(at("update roles"));
    }
    if allows(rule, "impersonate", "", "serviceaccounts") {
        out.push(at("impersonate service accounts"));
    }
    if ["users", "groups"]
        .iter()
        .any(|r| allows(rule, "impersonate", "", r))
    {
        out.push(at("impersonate users or groups"));
    }
    if allows(rule, "get", "", "nodes/proxy") || allows(rule, "create", "", "nodes/proxy") {
        out.push(at("proxy to nodes"));
    }
    out
}

fn label(subject: &Subject) -> String {
    match &subject.namespace {
        Some(ns) => format!("{} `{ns}/{}`", subject.kind, subject.name),
        None => format!("{} `{}`", subject.kind, subject.name),
    }
}

/// For every subject, the stronger subjects it can reach, each by its shortest chain.
fn escalations(permissions: &[Permission]) -> Vec<Escalation> {
    let mut caps: BTreeMap<&Subject, Vec<Capability>> = BTreeMap::new();
    for p in permissions {
        caps.entry(&p.subject).or_default().extend(capabilities(p));
    }
    // Service accounts by namespace, so each step looks only where it can reach.
    let mut by_namespace: BTreeMap<&str, Vec<&Subject>> = BTreeMap::new();
    for subject in caps.keys().copied().filter(|s| s.kind == "ServiceAccount") {
        let namespace = subject.namespace.as_deref().unwrap_or_default();
        by_namespace.entry(namespace).or_default().push(subject);
    }

    let mut out = Vec::new();
    for (subject, own) in &caps {
        if let Some(how) = self_grant(own) {
            out.push(Escalation {
                subject: (*subject).clone(),
                reaches: (*subject).clone(),
                chain: vec![format!(
                    "{} {how}: it can give itself any permission",
                    label(subject)
                )],
                gains: vec!["every permission".to_owned()],
            });
        }
        if let Some(c) = own
            .iter()
            .find(|c| c.what == "impersonate users or groups" && c.namespace.is_none())
        {
            out.push(Escalation {
                subject: (*subject).clone(),
                reaches: Subject {
                    kind: "Group".to_owned(),
                    name: "system:masters".to_owned(),
                    namespace: None,
                },
                chain: vec![format!("{} can {}", label(subject), c.describe())],
                gains: vec!["every permission (as `system:masters`)".to_owned()],
            });
        }
        // Breadth first over "can run as" steps; each service account is reached once, by its
        // shortest chain.
        let mut seen: BTreeSet<&Subject> = BTreeSet::from([*subject]);
        let mut queue: VecDeque<(&Subject, Vec<String>)> = VecDeque::from([(*subject, Vec::new())]);
        while let Some((current, chain)) = queue.pop_front() {
            if chain.len() >= MAX_CHAIN {
                continue;
            }
            let current_caps = caps.get(current).map(Vec::as_slice).unwrap_or_default();
            let reachable: Vec<&Subject> = current_caps
                .iter()
                .filter(|c| c.what == "create pods" || c.what == "impersonate service accounts")
                .flat_map(|c| match c.namespace.as_deref() {
                    Some(ns) => by_namespace.get(ns).cloned().unwrap_or_default(),
                    None => by_namespace.values().flatten().copied().collect(),
                })
                .collect();
            for target in reachable {
                if seen.contains(target) {
                    continue;
                }
                let Some(step) = step(current, current_caps, target) else {
                    continue;
                };
                seen.insert(target);
                let mut next = chain.clone();
                next.push(step);
                let gains: Vec<String> = caps
                    .get(target)
                    .into_iter()
                    .flatten()
                    .filter(|c| !own.iter().any(|o| o.covers(c)))
                    .map(Capability::describe)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                if !gains.is_empty() {
                    out.push(Escalation {
                        subject: (*subject).clone(),
                        reaches: (*target).clone(),
                        chain: next.clone(),
                        gains,
                    });
                }
                queue.push_back((target, next));
            }
        }
    }
    out
}

/// How a subject holding `caps` can grant itself any role: `bind` with creating role bindings,
/// or `escalate` with updating roles, in the same scope or cluster-wide.
fn self_grant(caps: &[Capability]) -> Option<String> {
    let pairs = [
        (
            "bind roles",
            "create role bindings",
            "can bind roles and create role bindings",
        ),
        (
            "escalate roles",
            "update roles",
            "can escalate and update roles",
        ),
    ];
    pairs.iter().find_map(|(first, second, how)| {
        caps.iter().filter(|c| c.what == *first).find_map(|a| {
            caps.iter()
                .filter(|c| c.what == *second)
                .find(|b| {
                    a.namespace.is_none() || b.namespace.is_none() || a.namespace == b.namespace
                })
                .map(|b| {
                    let scope = if a.namespace.is_none() && b.namespace.is_none() {
                        "cluster-wide".to_owned()
                    } else {
                        format!(
                            "in namespace `{}`",
                            a.namespace
                                .as_deref()
                                .or(b.namespace.as_deref())
                                .unwrap_or_default()
                        )
                    };
                    format!("{how} {scope}")
                })
        })
    })
}

/// The sentence saying how `from` (holding `caps`) can act as service account `to`, if it can.
fn step(from: &Subject, caps: &[Capability], to: &Subject) -> Option<String> {
    let namespace = to.namespace.as_deref()?;
    caps.iter().find_map(|c| {
        let in_scope = c.namespace.as_deref().is_none_or(|ns| ns == namespace);
        match c.what {
            "create pods" if in_scope => Some(format!(
                "{} can create pods in namespace `{namespace}`, so it can run as {}",
                label(from),
                label(to)
            )),
            "impersonate service accounts" if in_scope => {
                Some(format!("{} can impersonate {}", label(from), label(to)))
            }
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Binding;

    fn rule(groups: &[&str], resources: &[&str], verbs: &[&str]) -> PolicyRule {
        let own = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect();
        PolicyRule {
            api_groups: own(groups),
            resources: own(resources),
            verbs: own(verbs),
            ..PolicyRule::default()
        }
    }

    fn role(kind: &str, namespace: Option<&str>, name: &str, rules: Vec<PolicyRule>) -> Role {
        Role {
            kind: kind.into(),
            namespace: namespace.map(str::to_owned),
            name: name.into(),
            labels: BTreeMap::new(),
            rules,
            aggregation_selectors: Vec::new(),
            source: None,
        }
    }

    fn subject(kind: &str, namespace: Option<&str>, name: &str) -> Subject {
        Subject {
            kind: kind.into(),
            name: name.into(),
            namespace: namespace.map(str::to_owned),
        }
    }

    fn binding(
        kind: &str,
        namespace: Option<&str>,
        role_kind: &str,
        role: &str,
        subjects: Vec<Subject>,
    ) -> Binding {
        Binding {
            kind: kind.into(),
            namespace: namespace.map(str::to_owned),
            name: format!("{role}-binding"),
            role_ref: ObjectRef {
                kind: role_kind.into(),
                namespace: None,
                name: role.into(),
            },
            subjects,
            source: None,
        }
    }

    fn classified(rule: PolicyRule) -> Vec<&'static str> {
        let permission = Permission {
            subject: subject("User", None, "u"),
            namespace: None,
            rule,
            role: ObjectRef {
                kind: "ClusterRole".into(),
                namespace: None,
                name: "r".into(),
            },
            binding: ObjectRef {
                kind: "ClusterRoleBinding".into(),
                namespace: None,
                name: "b".into(),
            },
            capabilities: Vec::new(),
            source: None,
        };
        capabilities(&permission)
            .into_iter()
            .map(|c| c.what)
            .collect()
    }

    #[test]
    fn permissions_are_classified_by_what_they_allow() {
        assert_eq!(
            classified(rule(&[""], &["secrets"], &["list"])),
            ["read secrets"]
        );
        assert_eq!(
            classified(rule(&["apps"], &["deployments"], &["create"])),
            ["create pods"]
        );
        assert_eq!(
            classified(rule(&[""], &["pods/portforward"], &["create"])),
            ["exec into pods"]
        );
        let mut named_bind = rule(&["rbac.authorization.k8s.io"], &["clusterroles"], &["bind"]);
        named_bind.resource_names = vec!["cluster-admin".into()];
        assert_eq!(classified(named_bind), ["bind roles"]);
        assert_eq!(
            classified(rule(&[""], &["serviceaccounts"], &["impersonate"])),
            ["impersonate service accounts"]
        );
        assert_eq!(
            classified(rule(&[""], &["*/exec"], &["create"])),
            ["exec into pods"]
        );
        assert_eq!(
            classified(rule(&[""], &["nodes/proxy"], &["get"])),
            ["proxy to nodes"]
        );
        assert!(classified(rule(&[""], &["configmaps"], &["get", "list", "create"])).is_empty());
        let mut named = rule(&[""], &["secrets"], &["get"]);
        named.resource_names = vec!["tls".into()];
        assert!(
            classified(named).is_empty(),
            "a rule limited to named secrets reads only those"
        );
        assert_eq!(
            classified(rule(&["*"], &["*"], &["*"])).first(),
            Some(&"every permission")
        );
    }

    #[test]
    fn bindings_to_default_roles_grant_what_they_grant_in_a_cluster() {
        let mut rbac = Rbac {
            bindings: vec![binding(
                "ClusterRoleBinding",
                None,
                "ClusterRole",
                "cluster-admin",
                vec![subject("User", None, "eve")],
            )],
            ..Rbac::default()
        };
        analyse(&mut rbac);
        assert!(rbac.dangling_bindings.is_empty());
        assert!(
            rbac.permissions
                .iter()
                .any(|p| p.capabilities.iter().any(|c| c == "every permission"))
        );
    }

    #[test]
    fn bind_alone_is_no_escalation_but_bind_with_creating_bindings_is() {
        let bind = rule(&["rbac.authorization.k8s.io"], &["clusterroles"], &["bind"]);
        let create = rule(
            &["rbac.authorization.k8s.io"],
            &["clusterrolebindings"],
            &["create"],
        );
        let grant = |rules| {
            let mut rbac = Rbac {
                roles: vec![role("ClusterRole", None, "r", rules)],
                bindings: vec![binding(
                    "ClusterRoleBinding",
                    None,
                    "ClusterRole",
                    "r",
                    vec![subject("User", None, "u")],
                )],
                ..Rbac::default()
            };
            analyse(&mut rbac);
            rbac.escalations.len()
        };
        assert_eq!(grant(vec![bind.clone()]), 0);
        assert_eq!(grant(vec![bind, create]), 1);
    }

    #[test]
    fn aggregated_cluster_roles_take_the_rules_they_select() {
        let mut monitoring = role("ClusterRole", None, "monitoring", Vec::new());
        monitoring.aggregation_selectors =
            vec![serde_json::json!({"matchLabels": {"aggregate-to-monitoring": "true"}})];
        let mut pods = role(
            "ClusterRole",
            None,
            "pod-reader",
            vec![rule(&[""], &["pods"], &["get"])],
        );
        pods.labels
            .insert("aggregate-to-monitoring".into(), "true".into());
        let mut rbac = Rbac {
            roles: vec![monitoring, pods],
            bindings: vec![binding(
                "ClusterRoleBinding",
                None,
                "ClusterRole",
                "monitoring",
                vec![subject("User", None, "ann")],
            )],
            ..Rbac::default()
        };
        analyse(&mut rbac);
        assert_eq!(rbac.permissions.len(), 1);
        assert_eq!(rbac.permissions[0].role.name, "monitoring");
        assert!(
            rbac.unbound_roles.is_empty(),
            "a role aggregated into a bound one is in use"
        );
    }

    #[test]
    fn role_bindings_grant_in_their_namespace_and_cluster_bindings_everywhere() {
        let mut rbac = Rbac {
            roles: vec![role(
                "ClusterRole",
                None,
                "view",
                vec![rule(&[""], &["pods"], &["get"])],
            )],
            bindings: vec![
                binding(
                    "RoleBinding",
                    Some("shop"),
                    "ClusterRole",
                    "view",
                    vec![subject("ServiceAccount", None, "web")],
                ),
                binding(
                    "ClusterRoleBinding",
                    None,
                    "ClusterRole",
                    "view",
                    vec![subject("Group", None, "ops")],
                ),
                binding(
                    "RoleBinding",
                    Some("shop"),
                    "Role",
                    "missing",
                    vec![subject("User", None, "x")],
                ),
            ],
            ..Rbac::default()
        };
        analyse(&mut rbac);
        let scopes: Vec<(String, Option<String>)> = rbac
            .permissions
            .iter()
            .map(|p| (p.subject.name.clone(), p.namespace.clone()))
            .collect();
        assert_eq!(
            scopes,
            [
                ("web".to_owned(), Some("shop".to_owned())),
                ("ops".to_owned(), None)
            ]
        );
        assert_eq!(
            rbac.permissions[0].subject.namespace.as_deref(),
            Some("shop")
        );
        assert_eq!(rbac.dangling_bindings.len(), 1);
    }

    #[test]
    fn a_multi_step_escalation_names_the_chain() {
        // ann creates pods in ci, where builder can create pods in prod, where deployer reads
        // every secret.
        let mut rbac = Rbac {
            roles: vec![
                role(
                    "ClusterRole",
                    None,
                    "pod-creator",
                    vec![rule(&[""], &["pods"], &["create"])],
                ),
                role(
                    "ClusterRole",
                    None,
                    "secret-reader",
                    vec![rule(&[""], &["secrets"], &["get", "list"])],
                ),
            ],
            bindings: vec![
                binding(
                    "RoleBinding",
                    Some("ci"),
                    "ClusterRole",
                    "pod-creator",
                    vec![subject("User", None, "ann")],
                ),
                binding(
                    "RoleBinding",
                    Some("prod"),
                    "ClusterRole",
                    "pod-creator",
                    vec![subject("ServiceAccount", Some("ci"), "builder")],
                ),
                binding(
                    "ClusterRoleBinding",
                    None,
                    "ClusterRole",
                    "secret-reader",
                    vec![subject("ServiceAccount", Some("prod"), "deployer")],
                ),
            ],
            ..Rbac::default()
        };
        analyse(&mut rbac);
        let ann = rbac
            .escalations
            .iter()
            .find(|e| e.subject.name == "ann" && e.reaches.name == "deployer")
            .unwrap_or_else(|| unreachable!("{:#?}", rbac.escalations));
        assert_eq!(
            ann.chain,
            [
                "User `ann` can create pods in namespace `ci`, so it can run as ServiceAccount `ci/builder`",
                "ServiceAccount `ci/builder` can create pods in namespace `prod`, so it can run as ServiceAccount `prod/deployer`",
            ]
        );
        assert_eq!(ann.gains, ["read secrets cluster-wide"]);
    }
}
