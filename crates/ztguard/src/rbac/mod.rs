//! RBAC analysis: from roles and bindings, what each subject can effectively do, and how a
//! subject can become stronger.
//!
//! Aggregated ClusterRoles take the rules of every ClusterRole their selectors match (to a
//! fixed point). A RoleBinding grants in its namespace, a ClusterRoleBinding cluster-wide.
//! Bindings to Kubernetes' default ClusterRoles grant what those roles grant even when the
//! input does not hold them (module `defaults`). Each permission is classified by what it amounts
//! to, and escalation paths are searched from there (module `escalation`).

mod defaults;
mod escalation;

use std::collections::{BTreeSet, HashMap};

pub use escalation::allows;

use crate::facts::{ObjectRef, Permission, PolicyRule, Rbac, Role};

/// Computes permissions, dangling bindings, unbound roles and escalations into `rbac`,
/// replacing any given before.
pub fn analyse(rbac: &mut Rbac) {
    defaults::add_default_roles(rbac);
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
                permission.capabilities = escalation::capabilities(&permission)
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

    rbac.escalations = escalation::escalations(&permissions);
    rbac.permissions = permissions;
    rbac.dangling_bindings = dangling;
    rbac.unbound_roles = unbound;
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::escalation::capabilities;
    use super::*;
    use crate::facts::{Binding, Subject};

    fn rule(groups: &[&str], resources: &[&str], verbs: &[&str]) -> PolicyRule {
        PolicyRule::new(groups, resources, verbs)
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
