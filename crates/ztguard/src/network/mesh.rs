//! Istio: each workload's effective mTLS mode and the AuthorizationPolicies that apply to it.
//!
//! A PeerAuthentication selecting the workload wins over one for its namespace, which wins over
//! one for the mesh (in the root namespace); `UNSET` inherits from the next, and the default is
//! `PERMISSIVE`. Port-level modes of the workload's policy override its mode on those ports.
//! AuthorizationPolicies apply when they are in the workload's namespace or the root namespace
//! and either select the workload or have no selector. An empty selector counts as none.

use std::collections::BTreeMap;

use crate::facts::{Facts, PeerAuthentication, Workload};

/// The namespace whose selector-less policies cover the whole mesh (Istio's default).
pub const ROOT_NAMESPACE: &str = "istio-system";

/// A selector that names workloads: absent and empty `matchLabels` both mean "no selector",
/// as Istio reads them.
fn workload_selector(
    selector: Option<&BTreeMap<String, String>>,
) -> Option<&BTreeMap<String, String>> {
    selector.filter(|s| !s.is_empty())
}

fn selects(selector: Option<&BTreeMap<String, String>>, w: &Workload) -> bool {
    workload_selector(selector).is_some_and(|s| s.iter().all(|(k, v)| w.labels.get(k) == Some(v)))
}

fn set(mode: &str) -> Option<&str> {
    (mode != "UNSET").then_some(mode)
}

/// The workload's effective mode, and the ports whose mode differs.
pub(super) fn mtls(facts: &Facts, w: &Workload) -> (String, BTreeMap<u16, String>) {
    let policies = &facts.network.peer_authentications;
    let workload: Option<&PeerAuthentication> = policies
        .iter()
        .find(|p| p.namespace == w.namespace && selects(p.selector.as_ref(), w));
    let namespace = policies
        .iter()
        .find(|p| p.namespace == w.namespace && workload_selector(p.selector.as_ref()).is_none());
    let mesh = policies.iter().find(|p| {
        p.namespace == ROOT_NAMESPACE && workload_selector(p.selector.as_ref()).is_none()
    });
    let mode = [workload, namespace, mesh]
        .into_iter()
        .flatten()
        .find_map(|p| set(&p.mode))
        .unwrap_or("PERMISSIVE")
        .to_owned();
    let ports = workload
        .map(|p| {
            p.port_modes
                .iter()
                .filter_map(|(port, m)| {
                    set(m).filter(|m| *m != mode).map(|m| (*port, m.to_owned()))
                })
                .collect()
        })
        .unwrap_or_default();
    (mode, ports)
}

/// The AuthorizationPolicies (`namespace/name`) that apply to the workload.
pub(super) fn authorization(facts: &Facts, w: &Workload) -> Vec<String> {
    facts
        .network
        .authorization_policies
        .iter()
        .filter(|p| {
            // A policy in the root namespace reaches every namespace, its selector included.
            (p.namespace == w.namespace || p.namespace == ROOT_NAMESPACE)
                && (workload_selector(p.selector.as_ref()).is_none()
                    || selects(p.selector.as_ref(), w))
        })
        .map(|p| format!("{}/{}", p.namespace, p.name))
        .collect()
}
