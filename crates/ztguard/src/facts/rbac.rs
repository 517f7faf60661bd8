//! RBAC facts: roles, bindings and service accounts as read, and what ztguard computes from
//! them: each subject's effective permissions, bindings to missing roles, roles bound nowhere,
//! and escalation paths.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Source;

/// Kubernetes RBAC.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rbac {
    /// Roles and ClusterRoles.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// RoleBindings and ClusterRoleBindings.
    #[serde(default)]
    pub bindings: Vec<Binding>,
    /// Service accounts.
    #[serde(default)]
    pub service_accounts: Vec<ServiceAccount>,
    /// Computed: every permission each subject holds, with the role and binding that grant it.
    #[serde(default)]
    pub permissions: Vec<Permission>,
    /// Computed: bindings whose role does not exist.
    #[serde(default)]
    pub dangling_bindings: Vec<ObjectRef>,
    /// Computed: roles no binding refers to.
    #[serde(default)]
    pub unbound_roles: Vec<ObjectRef>,
    /// Computed: subjects that can make themselves stronger, with the chain of steps.
    #[serde(default)]
    pub escalations: Vec<Escalation>,
}

/// One rule of a role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyRule {
    /// API groups (`""` is the core group, `*` all).
    #[serde(default)]
    pub api_groups: Vec<String>,
    /// Resources, with subresources as `pods/exec` (`*` all).
    #[serde(default)]
    pub resources: Vec<String>,
    /// Verbs (`*` all).
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Resource names the rule is limited to; empty means all.
    #[serde(default)]
    pub resource_names: Vec<String>,
    /// Non-resource URLs, for ClusterRoles.
    #[serde(default)]
    pub non_resource_urls: Vec<String>,
}

impl PolicyRule {
    /// A rule allowing `verbs` on `resources` of `api_groups`, for every name.
    pub fn new(api_groups: &[&str], resources: &[&str], verbs: &[&str]) -> PolicyRule {
        let own = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect();
        PolicyRule {
            api_groups: own(api_groups),
            resources: own(resources),
            verbs: own(verbs),
            ..PolicyRule::default()
        }
    }
}

/// A Role or ClusterRole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// `Role` or `ClusterRole`.
    pub kind: String,
    /// Namespace, for Roles.
    #[serde(default)]
    pub namespace: Option<String>,
    /// Name.
    pub name: String,
    /// Labels (aggregation selects ClusterRoles by them).
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Rules, aggregated ones included once analysed.
    #[serde(default)]
    pub rules: Vec<PolicyRule>,
    /// `aggregationRule.clusterRoleSelectors`, as written.
    #[serde(default)]
    pub aggregation_selectors: Vec<serde_json::Value>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// Who a binding grants to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// `User`, `Group` or `ServiceAccount`.
    pub kind: String,
    /// Name.
    pub name: String,
    /// Namespace, for service accounts.
    #[serde(default)]
    pub namespace: Option<String>,
}

/// A reference to a role or binding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectRef {
    /// Kind.
    pub kind: String,
    /// Namespace, for namespaced objects.
    #[serde(default)]
    pub namespace: Option<String>,
    /// Name.
    pub name: String,
}

/// A RoleBinding or ClusterRoleBinding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    /// `RoleBinding` or `ClusterRoleBinding`.
    pub kind: String,
    /// Namespace, for RoleBindings.
    #[serde(default)]
    pub namespace: Option<String>,
    /// Name.
    pub name: String,
    /// The role it grants: `Role` or `ClusterRole` and its name.
    pub role_ref: ObjectRef,
    /// Subjects.
    #[serde(default)]
    pub subjects: Vec<Subject>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A service account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceAccount {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `automountServiceAccountToken`; `null` when unset (Kubernetes then mounts the token).
    #[serde(default)]
    pub automount_service_account_token: Option<bool>,
    /// The cloud identity it is linked to by annotation (`eks.amazonaws.com/role-arn`,
    /// `iam.gke.io/gcp-service-account`, `azure.workload.identity/client-id`); `null` if none.
    #[serde(default)]
    pub cloud_identity: Option<String>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// One permission a subject holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Permission {
    /// Who holds it.
    pub subject: Subject,
    /// The namespace it applies in; `null` for cluster-wide.
    #[serde(default)]
    pub namespace: Option<String>,
    /// What it allows.
    pub rule: PolicyRule,
    /// The role that grants it.
    pub role: ObjectRef,
    /// The binding that grants it.
    pub binding: ObjectRef,
    /// What it amounts to, for the rules that judge permissions: `every permission`, `read
    /// secrets`, `create pods`, `exec into pods`, `grant any role`, `impersonate`, `proxy to
    /// nodes`.
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// Where the binding was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A subject that can become stronger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// Who starts.
    pub subject: Subject,
    /// Whom it can act as in the end.
    pub reaches: Subject,
    /// The steps, each a sentence.
    pub chain: Vec<String>,
    /// What it gains there that it did not hold.
    pub gains: Vec<String>,
}
