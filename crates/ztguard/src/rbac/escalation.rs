//! What a permission amounts to, and how a subject can become stronger: creating pods (or
//! workloads) in a namespace lets it run as any service account there; impersonating service
//! accounts lets it act as them, impersonating users or groups reaches `system:masters`; `bind`
//! with creating bindings, or `escalate` with updating roles, lets it grant itself anything.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::facts::{Escalation, Permission, PolicyRule, Subject};

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

/// What a subject can do that matters for escalation, with its scope (`None`: cluster-wide).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Capability {
    pub(super) what: &'static str,
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

pub(super) fn capabilities(permission: &Permission) -> Vec<Capability> {
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
pub(super) fn escalations(permissions: &[Permission]) -> Vec<Escalation> {
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
