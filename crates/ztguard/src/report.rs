//! The report an evaluation returns: the JSON contract every binding and output format shows.
//!
//! `schema/report-v1.schema.json` documents it; a test validates produced reports against it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::facts::{Skipped, Source};
use crate::metadata::{Action, Pillar, Response, RuleMetadata, Severity, Stage};
use crate::waivers::{Waived, Waiver, Waivers};

/// The `apiVersion` of a report.
pub const REPORT_API_VERSION: &str = "ztguard.dev/report/v1";

/// The report JSON Schema, version 1.
pub const REPORT_SCHEMA: &str = include_str!("../schema/report-v1.schema.json");

/// The resource a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Kind, for example `Deployment` or `Namespace`.
    pub kind: String,
    /// Namespace, for namespaced resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Name.
    pub name: String,
    /// Container, when the finding is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    /// The image, fully qualified, when the finding is about what a container runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// What a finding points at in the facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingEvidence {
    /// JSON pointer into the facts document.
    pub pointer: String,
    /// The value found there (or the value the rule reported).
    pub value: serde_json::Value,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Rule id, for example `ZT-PRV-001`.
    pub rule: String,
    /// Rule title.
    pub title: String,
    /// Pillar.
    pub pillar: Pillar,
    /// Severity: the rule's, unless the finding set its own.
    pub severity: Severity,
    /// Action.
    pub action: Action,
    /// Recommended response, for findings about running workloads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    /// Lifecycle stages of the rule.
    pub stages: Vec<Stage>,
    /// The resource.
    pub resource: Resource,
    /// What is wrong, in a sentence.
    pub message: String,
    /// How to fix it.
    pub remediation: String,
    /// Compliance controls of the rule.
    pub controls: BTreeMap<String, Vec<String>>,
    /// What the rule saw, when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<FindingEvidence>,
    /// Where the offending object was read, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

impl Finding {
    /// A finding of `rule` about `resource`.
    pub(crate) fn new(rule: &RuleMetadata, resource: Resource, message: String) -> Finding {
        Finding {
            rule: rule.id.clone(),
            title: rule.title.clone(),
            pillar: rule.pillar,
            severity: rule.severity,
            action: rule.action,
            response: rule.response,
            stages: rule.stages.clone(),
            resource,
            message,
            remediation: rule.remediation.clone(),
            controls: rule.controls.clone(),
            evidence: None,
            source: None,
        }
    }

    fn sort_key(&self) -> impl Ord + '_ {
        (
            self.severity,
            &self.rule,
            &self.resource,
            &self.message,
            self.evidence.as_ref().map(|e| e.pointer.as_str()),
        )
    }
}

/// Counts of findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// All findings.
    pub total: usize,
    /// By severity; every severity is present.
    pub by_severity: BTreeMap<Severity, usize>,
    /// By pillar; every pillar is present.
    pub by_pillar: BTreeMap<Pillar, usize>,
    /// By action; every action is present.
    pub by_action: BTreeMap<Action, usize>,
    /// Findings a waiver covers (not counted above).
    pub waived: usize,
    /// Waivers that have expired.
    pub expired_waivers: usize,
}

/// The result of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always `ztguard.dev/report/v1`.
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    /// No finding has the action `deny`.
    pub allowed: bool,
    /// Counts.
    pub summary: Summary,
    /// Findings, most severe first, then by rule id, resource and message (and, between
    /// findings equal in those, by the rest of their fields).
    pub findings: Vec<Finding>,
    /// Findings covered by a waiver, in the same order as `findings`.
    pub waived: Vec<Waived>,
    /// Waivers that have expired: they waive nothing.
    pub expired_waivers: Vec<Waiver>,
    /// Input objects that were read but not understood.
    pub skipped: Vec<Skipped>,
}

impl Report {
    /// Builds a report from findings in any order.
    pub fn new(mut findings: Vec<Finding>, skipped: Vec<Skipped>) -> Report {
        // Ties on the documented key (one rule, resource and message, but another action or
        // evidence) fall back to the whole finding, so the order never depends on the order
        // findings came in.
        findings.sort_by(|a, b| {
            a.sort_key().cmp(&b.sort_key()).then_with(|| {
                let json = |f: &Finding| serde_json::to_string(f).unwrap_or_default();
                json(a).cmp(&json(b))
            })
        });
        findings.dedup();
        let mut report = Report {
            api_version: REPORT_API_VERSION.to_owned(),
            allowed: true,
            summary: Summary::default(),
            findings,
            waived: Vec::new(),
            expired_waivers: Vec::new(),
            skipped,
        };
        report.recount();
        report
    }

    /// Moves every finding a live waiver covers to `waived`, and lists expired waivers. `now`
    /// is seconds since the epoch.
    pub fn apply_waivers(&mut self, waivers: &Waivers, now: i64) {
        let findings = std::mem::take(&mut self.findings);
        for finding in findings {
            match waivers
                .iter()
                .find(|w| !w.expired(now) && w.covers(&finding))
            {
                Some(waiver) => self.waived.push(Waived {
                    finding,
                    waiver: waiver.clone(),
                }),
                None => self.findings.push(finding),
            }
        }
        self.expired_waivers = waivers.iter().filter(|w| w.expired(now)).cloned().collect();
        self.recount();
    }

    fn recount(&mut self) {
        let mut summary = Summary {
            total: self.findings.len(),
            by_severity: Severity::ALL.iter().map(|s| (*s, 0)).collect(),
            by_pillar: Pillar::ALL.iter().map(|p| (*p, 0)).collect(),
            by_action: Action::ALL.iter().map(|a| (*a, 0)).collect(),
            waived: self.waived.len(),
            expired_waivers: self.expired_waivers.len(),
        };
        for f in &self.findings {
            *summary.by_severity.entry(f.severity).or_default() += 1;
            *summary.by_pillar.entry(f.pillar).or_default() += 1;
            *summary.by_action.entry(f.action).or_default() += 1;
        }
        self.summary = summary;
        self.allowed = !self.findings.iter().any(|f| f.action == Action::Deny);
    }

    /// Whether any finding is `threshold` or more severe.
    pub fn has_findings_at_least(&self, threshold: Severity) -> bool {
        self.findings.iter().any(|f| f.severity.at_least(threshold))
    }

    /// Reads a report back from its JSON value, as a binding hands one over to be rendered.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Input`] saying what does not fit the report contract.
    pub fn from_value(value: serde_json::Value) -> crate::Result<Report> {
        serde_json::from_value(value).map_err(|e| crate::Error::Input {
            location: Box::default(),
            message: format!("not a ztguard report: {e}"),
        })
    }

    /// The report as pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        // Serializing plain data structures with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
