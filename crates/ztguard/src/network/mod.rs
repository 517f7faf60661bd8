//! Network analysis: what traffic Kubernetes NetworkPolicies actually allow between workloads.
//!
//! A workload is isolated for ingress (egress) once any policy of that type selects it; an
//! isolated workload accepts (sends) only what some selecting policy's rules allow. A peer
//! with a `podSelector` alone selects pods of the policy's namespace; with a
//! `namespaceSelector` alone, every pod of the selected namespaces; with both, the selected
//! pods of the selected namespaces. An empty selector selects everything; an absent one plays
//! no part. `ipBlock` peers name addresses outside the cluster, never workloads. A rule with no
//! peers allows every peer, with no ports every port; named ports resolve against the
//! destination's container ports, and `endPort` makes a range.
//!
//! Cost: selecting workloads is linear in workloads times policies (per namespace); each
//! question ("can A reach B") looks only at the policies that select A and B.

pub mod mesh;
mod ports;

use std::collections::BTreeMap;

use serde_json::Value;

pub use ports::{PortRange, Protocol};

use crate::facts::{Facts, NetworkPolicy, Reach, Workload, WorkloadNetwork};
use crate::selector;

/// The label Kubernetes puts on every namespace, holding its name.
const NAMESPACE_NAME_LABEL: &str = "kubernetes.io/metadata.name";

/// A direction of traffic, seen from the workload a policy selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Traffic the workload receives.
    Ingress,
    /// Traffic the workload sends.
    Egress,
}

impl Direction {
    fn policy_type(self) -> &'static str {
        match self {
            Direction::Ingress => "Ingress",
            Direction::Egress => "Egress",
        }
    }
}

/// Why traffic is allowed on one side: the policy and rule that allow it, or no isolation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allowance {
    /// No policy of this direction selects the workload.
    NotIsolated,
    /// Rule `rule` (0-based) of policy `namespace/name` allows it.
    Policy {
        /// The policy's namespace.
        namespace: String,
        /// The policy's name.
        name: String,
        /// Index of the rule in the policy's `ingress` or `egress` list.
        rule: usize,
    },
}

impl std::fmt::Display for Allowance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Allowance::NotIsolated => f.write_str("not isolated"),
            Allowance::Policy {
                namespace,
                name,
                rule,
            } => write!(f, "{namespace}/{name} rule {rule}"),
        }
    }
}

/// An allowed connection from one workload to another, with the reasons on both sides and the
/// ports both sides allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Index of the sending workload in `facts.workloads`.
    pub from: usize,
    /// Index of the receiving workload.
    pub to: usize,
    /// What lets the sender send.
    pub egress: Allowance,
    /// What lets the receiver receive.
    pub ingress: Allowance,
    /// Ports allowed by both sides.
    pub ports: Vec<PortRange>,
}

/// One peer of a policy rule.
#[derive(Debug, Clone, PartialEq)]
struct Peer {
    pod_selector: Option<Value>,
    namespace_selector: Option<Value>,
    ip_block: bool,
}

/// One rule of a policy: peers (none means every peer) and ports (none means every port).
#[derive(Debug, Clone, PartialEq)]
struct Rule {
    peers: Option<Vec<Peer>>,
    ports: Vec<Value>,
}

/// NetworkPolicies, read and indexed against the workloads they select.
#[derive(Debug)]
pub struct Analysis<'a> {
    facts: &'a Facts,
    namespace_labels: BTreeMap<&'a str, BTreeMap<String, String>>,
    /// For each workload, per direction, the policies (indexes) that select it.
    selecting: Vec<[Vec<usize>; 2]>,
    rules: Vec<[Vec<Rule>; 2]>,
}

fn side(direction: Direction) -> usize {
    match direction {
        Direction::Ingress => 0,
        Direction::Egress => 1,
    }
}

impl<'a> Analysis<'a> {
    /// Reads every NetworkPolicy of `facts` and finds the workloads each selects.
    pub fn new(facts: &'a Facts) -> Analysis<'a> {
        let mut namespace_labels: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
        for ns in &facts.network.namespaces {
            namespace_labels.insert(&ns.name, ns.labels.clone());
        }
        for w in &facts.workloads {
            namespace_labels.entry(&w.namespace).or_default();
        }
        for (name, labels) in &mut namespace_labels {
            labels.insert(NAMESPACE_NAME_LABEL.to_owned(), (*name).to_owned());
        }

        let rules: Vec<[Vec<Rule>; 2]> = facts
            .network
            .policies
            .iter()
            .map(|p| [read_rules(&p.ingress), read_rules(&p.egress)])
            .collect();
        let mut by_namespace: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in facts.network.policies.iter().enumerate() {
            by_namespace.entry(&p.namespace).or_default().push(i);
        }
        let selecting = facts
            .workloads
            .iter()
            .map(|w| {
                let mut out: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
                for &i in by_namespace.get(w.namespace.as_str()).into_iter().flatten() {
                    let Some(policy) = facts.network.policies.get(i) else {
                        continue;
                    };
                    if !selector::matches(&policy.pod_selector, &w.labels) {
                        continue;
                    }
                    for direction in [Direction::Ingress, Direction::Egress] {
                        if policy
                            .policy_types
                            .iter()
                            .any(|t| t == direction.policy_type())
                        {
                            if let Some(list) = out.get_mut(side(direction)) {
                                list.push(i);
                            }
                        }
                    }
                }
                out
            })
            .collect();
        Analysis {
            facts,
            namespace_labels,
            selecting,
            rules,
        }
    }

    /// Whether workload `index` is isolated in `direction`.
    pub fn isolated(&self, index: usize, direction: Direction) -> bool {
        self.selecting
            .get(index)
            .and_then(|s| s.get(side(direction)))
            .is_some_and(|l| !l.is_empty())
    }

    /// The names (`namespace/name`) of the policies selecting workload `index` in `direction`.
    pub fn policies(&self, index: usize, direction: Direction) -> Vec<String> {
        self.selecting
            .get(index)
            .and_then(|s| s.get(side(direction)))
            .into_iter()
            .flatten()
            .filter_map(|&i| self.facts.network.policies.get(i))
            .map(|p| format!("{}/{}", p.namespace, p.name))
            .collect()
    }

    /// Whether workload `from` may send to workload `to`, and if so why and on which ports.
    pub fn edge(&self, from: usize, to: usize) -> Option<Edge> {
        let source = self.facts.workloads.get(from)?;
        let target = self.facts.workloads.get(to)?;
        let egress = self.side_allows(from, Direction::Egress, target, target);
        let ingress = self.side_allows(to, Direction::Ingress, source, target);
        // Each side: the first reason, and every port any allowing rule opens.
        let (egress_reason, egress_ports) = egress?;
        let (ingress_reason, ingress_ports) = ingress?;
        let ports = ports::intersect(&egress_ports, &ingress_ports);
        if ports.is_empty() {
            return None;
        }
        Some(Edge {
            from,
            to,
            egress: egress_reason,
            ingress: ingress_reason,
            ports,
        })
    }

    /// Every allowed edge between distinct workloads. Quadratic in workloads by nature: use
    /// [`Analysis::edge`] for single questions.
    pub fn edges(&self) -> Vec<Edge> {
        let n = self.facts.workloads.len();
        (0..n)
            .flat_map(|a| (0..n).filter(move |b| *b != a).map(move |b| (a, b)))
            .filter_map(|(a, b)| self.edge(a, b))
            .collect()
    }

    /// What the side of `owner` (in `direction`) allows towards `peer`: the first reason, and
    /// the ports, resolved against `destination`'s named ports.
    fn side_allows(
        &self,
        owner: usize,
        direction: Direction,
        peer: &Workload,
        destination: &Workload,
    ) -> Option<(Allowance, Vec<PortRange>)> {
        let policies = self.selecting.get(owner)?.get(side(direction))?;
        if policies.is_empty() {
            return Some((Allowance::NotIsolated, ports::all()));
        }
        let mut reason = None;
        let mut open = Vec::new();
        for &i in policies {
            let policy = self.facts.network.policies.get(i)?;
            for (r, rule) in self.rules.get(i)?.get(side(direction))?.iter().enumerate() {
                if !self.rule_matches_peer(policy, rule, peer) {
                    continue;
                }
                reason.get_or_insert(Allowance::Policy {
                    namespace: policy.namespace.clone(),
                    name: policy.name.clone(),
                    rule: r,
                });
                open.extend(ports::resolve(&rule.ports, destination));
            }
        }
        reason.map(|r| (r, ports::normalize(open)))
    }

    fn rule_matches_peer(&self, policy: &NetworkPolicy, rule: &Rule, peer: &Workload) -> bool {
        let Some(peers) = &rule.peers else {
            return true;
        };
        peers.iter().any(|p| self.peer_matches(policy, p, peer))
    }

    fn peer_matches(&self, policy: &NetworkPolicy, peer: &Peer, workload: &Workload) -> bool {
        if peer.ip_block {
            return false;
        }
        let namespace_ok = match &peer.namespace_selector {
            Some(selector) => self
                .namespace_labels
                .get(workload.namespace.as_str())
                .is_some_and(|labels| selector::matches(selector, labels)),
            None => workload.namespace == policy.namespace,
        };
        let pod_ok = peer
            .pod_selector
            .as_ref()
            .is_none_or(|s| selector::matches(s, &workload.labels));
        (peer.pod_selector.is_some() || peer.namespace_selector.is_some()) && namespace_ok && pod_ok
    }
}

/// What the policies mean for each workload: isolation, and the namespaces that can reach it
/// (each namespace is settled by its first workload that can). Quadratic in workloads at worst.
pub fn summarize(facts: &Facts) -> Vec<WorkloadNetwork> {
    let analysis = Analysis::new(facts);
    let mut by_namespace: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, w) in facts.workloads.iter().enumerate() {
        by_namespace.entry(&w.namespace).or_default().push(i);
    }
    (0..facts.workloads.len())
        .map(|to| {
            let workload = facts.workloads.get(to);
            let (mtls, mtls_ports) = workload.map(|w| mesh::mtls(facts, w)).unwrap_or_default();
            let authorization_policies = workload
                .map(|w| mesh::authorization(facts, w))
                .unwrap_or_default();
            let source = workload.and_then(|w| w.source.clone());
            (to, mtls, mtls_ports, authorization_policies, source)
        })
        .map(
            |(to, mtls, mtls_ports, authorization_policies, source)| WorkloadNetwork {
                workload: to,
                ingress_isolated: analysis.isolated(to, Direction::Ingress),
                egress_isolated: analysis.isolated(to, Direction::Egress),
                reachable_from: by_namespace
                    .iter()
                    .filter_map(|(ns, sources)| {
                        let edge = sources
                            .iter()
                            .filter(|&&from| from != to)
                            .find_map(|&from| analysis.edge(from, to))?;
                        Some(Reach {
                            namespace: (*ns).to_owned(),
                            workload: edge.from,
                            egress: edge.egress.to_string(),
                            ingress: edge.ingress.to_string(),
                        })
                    })
                    .collect(),
                mtls,
                mtls_ports,
                authorization_policies,
                source,
            },
        )
        .collect()
}

/// Reads a policy's `ingress` or `egress` rules as written.
fn read_rules(raw: &[Value]) -> Vec<Rule> {
    raw.iter()
        .map(|rule| {
            let list = rule.get("from").or_else(|| rule.get("to"));
            let peers = match list {
                None | Some(Value::Null) => None,
                Some(Value::Array(items)) if items.is_empty() => None,
                Some(Value::Array(items)) => Some(
                    items
                        .iter()
                        .map(|p| Peer {
                            pod_selector: p.get("podSelector").filter(|v| !v.is_null()).cloned(),
                            namespace_selector: p
                                .get("namespaceSelector")
                                .filter(|v| !v.is_null())
                                .cloned(),
                            ip_block: p.get("ipBlock").is_some_and(|v| !v.is_null()),
                        })
                        .collect(),
                ),
                Some(_) => Some(Vec::new()),
            };
            let ports = rule
                .get("ports")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            Rule { peers, ports }
        })
        .collect()
}

#[cfg(test)]
mod tests;
