//! Kubernetes' default user-facing ClusterRoles, for bindings that name them when the input
//! does not hold them.

use std::collections::BTreeMap;

use crate::facts::{PolicyRule, Rbac, Role};

/// Kubernetes' default user-facing ClusterRoles, as their rules stand in recent releases (the
/// permissions that matter for least privilege; read-only details are folded together).
fn default_role(name: &str) -> Option<Vec<PolicyRule>> {
    let rule = PolicyRule::new;
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
pub(super) fn add_default_roles(rbac: &mut Rbac) {
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
