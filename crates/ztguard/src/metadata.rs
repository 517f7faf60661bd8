//! Rule metadata: what every rule declares next to its Rego, and how it is checked at load.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::facts::EventType;

/// The four pillars of container zero trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pillar {
    /// Image trust: provenance, signatures, vulnerabilities, pinning.
    Image,
    /// Least privilege: workload hardening, RBAC, cloud IAM.
    Privilege,
    /// Segmentation: network policies, mTLS, exposure.
    Segmentation,
    /// Runtime behaviour.
    Runtime,
}

impl Pillar {
    /// Every pillar, in report order.
    pub const ALL: [Pillar; 4] = [
        Pillar::Image,
        Pillar::Privilege,
        Pillar::Segmentation,
        Pillar::Runtime,
    ];

    /// The pillar's name as written in metadata.
    pub fn as_str(self) -> &'static str {
        match self {
            Pillar::Image => "image",
            Pillar::Privilege => "privilege",
            Pillar::Segmentation => "segmentation",
            Pillar::Runtime => "runtime",
        }
    }
}

/// How bad a finding is. Orders from most to least severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Exploitable now; act at once.
    Critical,
    /// Serious weakening of isolation or trust.
    High,
    /// Defence in depth is missing.
    Medium,
    /// Hygiene.
    Low,
}

impl Severity {
    /// Every severity, most severe first.
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];

    /// The severity's name as written in metadata.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }

    /// Whether this severity is `threshold` or worse.
    pub fn at_least(self, threshold: Severity) -> bool {
        self <= threshold
    }
}

impl std::str::FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| {
                format!("unknown severity `{s}`, expected critical, high, medium or low")
            })
    }
}

/// What a finding asks the caller to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Block: the report is not `allowed`.
    Deny,
    /// Report, but allow.
    Warn,
    /// Raise an alert for a response (runtime).
    Alert,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 3] = [Action::Deny, Action::Warn, Action::Alert];

    /// The action's name as written in metadata.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Deny => "deny",
            Action::Warn => "warn",
            Action::Alert => "alert",
        }
    }
}

/// What a runtime finding recommends that embedders do about the workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Response {
    /// Tell someone; leave the workload running.
    Alert,
    /// Stop the process or container.
    Kill,
    /// Cut the pod off the network and keep it for forensics.
    Isolate,
}

impl Response {
    /// Every response.
    pub const ALL: [Response; 3] = [Response::Alert, Response::Kill, Response::Isolate];

    /// The response's name as written in metadata and parameters.
    pub fn as_str(self) -> &'static str {
        match self {
            Response::Alert => "alert",
            Response::Kill => "kill",
            Response::Isolate => "isolate",
        }
    }
}

/// A point in a workload's life where a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Building the image or the manifests.
    Build,
    /// Pushing to or pulling from the registry.
    Registry,
    /// Admission into the cluster.
    Admission,
    /// While running.
    Runtime,
}

impl Stage {
    /// The stage's name as written in metadata.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Build => "build",
            Stage::Registry => "registry",
            Stage::Admission => "admission",
            Stage::Runtime => "runtime",
        }
    }
}

macro_rules! display_as_str {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}
display_as_str!(Pillar, Severity, Action, Response, Stage);

/// What every rule declares in its `metadata` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMetadata {
    /// Stable id, for example `ZT-IMG-001`: upper-case letters and digits in dash-separated
    /// groups.
    pub id: String,
    /// One-line title.
    pub title: String,
    /// Longer explanation, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Pillar.
    pub pillar: Pillar,
    /// Default severity; a finding may raise or lower it.
    pub severity: Severity,
    /// Default action.
    pub action: Action,
    /// Lifecycle stages where the rule applies; at least one.
    pub stages: Vec<Stage>,
    /// How to fix a finding.
    pub remediation: String,
    /// Compliance controls, by framework (for example `cis-kubernetes`: `["5.2.2"]`).
    pub controls: BTreeMap<String, Vec<String>>,
    /// Parameters the rule reads from `data.ztguard.params[id]`, with a sentence each.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// Runtime event types the rule reads. A stream of events evaluates a rule only for the
    /// types it names; a rule that names none is not evaluated on streams.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventType>,
    /// Recommended response to a finding, for rules about running workloads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
}

impl RuleMetadata {
    /// Reads and checks metadata from its JSON form.
    ///
    /// # Errors
    ///
    /// A message saying which field is missing or malformed.
    pub fn from_value(value: serde_json::Value) -> Result<RuleMetadata, String> {
        let metadata: RuleMetadata = serde_json::from_value(value).map_err(|e| e.to_string())?;
        metadata.check()?;
        Ok(metadata)
    }

    fn check(&self) -> Result<(), String> {
        if !is_rule_id(&self.id) {
            return Err(format!(
                "`id` `{}` is not a rule id: upper-case letters and digits in dash-separated \
                 groups, such as `ZT-IMG-001`",
                self.id
            ));
        }
        for (field, value) in [("title", &self.title), ("remediation", &self.remediation)] {
            if value.trim().is_empty() {
                return Err(format!("`{field}` is empty"));
            }
        }
        if self.stages.is_empty() {
            return Err("`stages` is empty: name at least one lifecycle stage".to_owned());
        }
        Ok(())
    }
}

fn is_rule_id(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() >= 2
        && groups.iter().all(|g| {
            !g.is_empty()
                && g.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        && id.starts_with(|c: char| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn valid() -> serde_json::Value {
        json!({
            "id": "ZT-TST-001", "title": "t", "pillar": "image", "severity": "high",
            "action": "deny", "stages": ["build"], "remediation": "r", "controls": {}
        })
    }

    #[test]
    fn valid_metadata_reads() {
        assert!(RuleMetadata::from_value(valid()).is_ok());
    }

    #[test]
    fn each_problem_is_named() {
        let with = |key: &str, value: serde_json::Value| {
            let mut m = valid();
            m[key] = value;
            RuleMetadata::from_value(m).err().unwrap_or_default()
        };
        assert_eq!(
            with("severity", json!("urgent")),
            "unknown variant `urgent`, expected one of `critical`, `high`, `medium`, `low`"
        );
        assert!(with("id", json!("zt-1")).starts_with("`id` `zt-1` is not a rule id"));
        assert_eq!(
            with("stages", json!([])),
            "`stages` is empty: name at least one lifecycle stage"
        );
        assert_eq!(with("title", json!(" ")), "`title` is empty");
        let mut missing = valid();
        missing.as_object_mut().map(|m| m.remove("remediation"));
        assert_eq!(
            RuleMetadata::from_value(missing).err().unwrap_or_default(),
            "missing field `remediation`"
        );
    }
}
