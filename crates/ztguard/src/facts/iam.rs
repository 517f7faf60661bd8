//! Cloud IAM facts, provider-neutral: roles with their permission statements and trust, and
//! standalone policy documents. AWS IAM is read today; other clouds map onto the same shape.

use serde::{Deserialize, Serialize};

use super::Source;

/// Cloud IAM.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Iam {
    /// Roles workloads (or nodes) assume.
    #[serde(default)]
    pub roles: Vec<IamRole>,
    /// Policy documents read on their own, not attached to a known role.
    #[serde(default)]
    pub policies: Vec<IamPolicy>,
}

/// One permission statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IamStatement {
    /// `Allow` or `Deny`.
    pub effect: String,
    /// Actions (`service:Action`, with `*` wildcards).
    #[serde(default)]
    pub actions: Vec<String>,
    /// Actions excluded (`NotAction`): the statement covers every other action.
    #[serde(default)]
    pub not_actions: Vec<String>,
    /// Resources (ARNs, with `*` wildcards).
    #[serde(default)]
    pub resources: Vec<String>,
    /// Whether the statement carries conditions.
    #[serde(default)]
    pub conditional: bool,
    /// The policy it comes from.
    pub policy: String,
}

/// A role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IamRole {
    /// Cloud provider, for example `aws`.
    pub provider: String,
    /// Unique id (an ARN on AWS).
    pub id: String,
    /// Name.
    pub name: String,
    /// Managed policies attached, by name.
    #[serde(default)]
    pub attached_policies: Vec<String>,
    /// Effective statements of every policy, inline and attached.
    #[serde(default)]
    pub statements: Vec<IamStatement>,
    /// Kubernetes service accounts the trust policy lets assume the role (`namespace/name`,
    /// with `*` wildcards; `*` alone when it names none, so any may).
    #[serde(default)]
    pub trusted_service_accounts: Vec<String>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A policy document read on its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IamPolicy {
    /// Cloud provider.
    pub provider: String,
    /// Name (the file's, when the document has none).
    pub name: String,
    /// Its statements.
    #[serde(default)]
    pub statements: Vec<IamStatement>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}
