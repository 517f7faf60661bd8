//! Network facts: namespaces, NetworkPolicies, Services, Ingresses and Istio policies as read,
//! and the per-workload summary the network analysis derives from them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Source;

/// Namespaces, network policies and services.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Namespaces and their labels.
    #[serde(default)]
    pub namespaces: Vec<Namespace>,
    /// NetworkPolicies.
    #[serde(default)]
    pub policies: Vec<NetworkPolicy>,
    /// Services.
    #[serde(default)]
    pub services: Vec<Service>,
    /// Ingresses.
    #[serde(default)]
    pub ingresses: Vec<Ingress>,
    /// Istio PeerAuthentications.
    #[serde(default)]
    pub peer_authentications: Vec<PeerAuthentication>,
    /// Istio AuthorizationPolicies.
    #[serde(default)]
    pub authorization_policies: Vec<AuthorizationPolicy>,
    /// Computed: what the NetworkPolicies mean for each workload, in the order of `workloads`.
    #[serde(default)]
    pub workloads: Vec<WorkloadNetwork>,
}

/// What the NetworkPolicies mean for one workload.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkloadNetwork {
    /// Index of the workload in `workloads`.
    pub workload: usize,
    /// Some policy selects it for ingress.
    pub ingress_isolated: bool,
    /// Some policy selects it for egress.
    pub egress_isolated: bool,
    /// For each namespace holding a workload that may connect to it, the first such workload
    /// and what allows the connection.
    #[serde(default)]
    pub reachable_from: Vec<Reach>,
    /// Effective Istio mTLS mode: `STRICT`, `PERMISSIVE` or `DISABLE`.
    #[serde(default = "default_mtls")]
    pub mtls: String,
    /// Ports whose mTLS mode differs from `mtls`, with their mode.
    #[serde(default)]
    pub mtls_ports: BTreeMap<u16, String>,
    /// Istio AuthorizationPolicies that apply to it (`namespace/name`).
    #[serde(default)]
    pub authorization_policies: Vec<String>,
    /// Where the workload was read, so findings about its network can point there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

fn default_mtls() -> String {
    "PERMISSIVE".to_owned()
}

/// A namespace from which a workload can be reached, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reach {
    /// The sender's namespace.
    pub namespace: String,
    /// The sender: the first workload of that namespace that may connect.
    pub workload: usize,
    /// What lets the sender send: `not isolated`, or `namespace/policy rule N`.
    pub egress: String,
    /// What lets the receiver receive, likewise.
    pub ingress: String,
}

/// An Istio PeerAuthentication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeerAuthentication {
    /// Namespace (the mesh root namespace, `istio-system`, makes it mesh-wide).
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `selector.matchLabels`; `null` for the whole namespace.
    #[serde(default)]
    pub selector: Option<BTreeMap<String, String>>,
    /// `mtls.mode`: `STRICT`, `PERMISSIVE`, `DISABLE` or `UNSET` (inherit).
    #[serde(default = "unset")]
    pub mode: String,
    /// `portLevelMtls`: port to mode.
    #[serde(default)]
    pub port_modes: BTreeMap<u16, String>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

fn unset() -> String {
    "UNSET".to_owned()
}

/// An Istio AuthorizationPolicy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorizationPolicy {
    /// Namespace (the mesh root namespace makes it mesh-wide).
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `selector.matchLabels`; `null` for the whole namespace.
    #[serde(default)]
    pub selector: Option<BTreeMap<String, String>>,
    /// `ALLOW` (the default), `DENY`, `AUDIT` or `CUSTOM`.
    #[serde(default = "allow")]
    pub action: String,
    /// How many rules it has: an ALLOW policy with none allows nothing.
    #[serde(default)]
    pub rules: usize,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

fn allow() -> String {
    "ALLOW".to_owned()
}

/// A Kubernetes Service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `ClusterIP` (the default), `NodePort`, `LoadBalancer` or `ExternalName`.
    #[serde(rename = "type", default = "default_service_type")]
    pub kind: String,
    /// The pods it selects, as written.
    #[serde(default)]
    pub selector: BTreeMap<String, String>,
    /// Node ports it opens (given or to be assigned: `0`).
    #[serde(default)]
    pub node_ports: Vec<u16>,
    /// `spec.externalIPs`.
    #[serde(default)]
    pub external_ips: Vec<String>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

fn default_service_type() -> String {
    "ClusterIP".to_owned()
}

/// A Kubernetes Ingress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ingress {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// The host of each rule, `null` where a rule names none (and so matches every host).
    #[serde(default)]
    pub hosts: Vec<Option<String>>,
    /// `spec.defaultBackend` is set: it answers for every host and path no rule matches.
    #[serde(default)]
    pub default_backend: bool,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A namespace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Namespace {
    /// Name.
    pub name: String,
    /// Labels.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Where the namespace was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A Kubernetes NetworkPolicy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkPolicy {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `spec.podSelector`, as written.
    #[serde(default)]
    pub pod_selector: serde_json::Value,
    /// Effective policy types (`Ingress`, `Egress`), with Kubernetes' defaulting applied.
    pub policy_types: Vec<String>,
    /// `spec.ingress` rules, as written, except that fields set to `null` are left out.
    #[serde(default, deserialize_with = "rules_without_nulls")]
    pub ingress: Vec<serde_json::Value>,
    /// `spec.egress` rules, as written, except that fields set to `null` are left out.
    #[serde(default, deserialize_with = "rules_without_nulls")]
    pub egress: Vec<serde_json::Value>,
    /// Where the policy was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// Leaves out every object field whose value is `null`, at any depth.
///
/// Kubernetes reads a field set to `null` (YAML's `from:` with nothing after it) as a field
/// left out: `from: null` admits every peer, exactly as a missing `from` does. Policies read
/// rules after this, so they never meet a `null` where a list or an object belongs.
pub(crate) fn without_nulls(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(without_nulls).collect())
        }
        other => other,
    }
}

fn rules_without_nulls<'de, D>(deserializer: D) -> Result<Vec<serde_json::Value>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let rules: Vec<serde_json::Value> = Vec::deserialize(deserializer)?;
    Ok(rules.into_iter().map(without_nulls).collect())
}

#[cfg(test)]
mod tests {
    use super::NetworkPolicy;

    #[test]
    fn null_rule_fields_read_as_absent() -> Result<(), serde_json::Error> {
        let policy: NetworkPolicy = serde_json::from_value(serde_json::json!({
            "namespace": "shop",
            "name": "p",
            "policy_types": ["Ingress"],
            "ingress": [{"from": null, "ports": [{"port": 80, "protocol": null}]}],
        }))?;
        assert_eq!(
            policy.ingress,
            vec![serde_json::json!({"ports": [{"port": 80}]})]
        );
        Ok(())
    }
}
