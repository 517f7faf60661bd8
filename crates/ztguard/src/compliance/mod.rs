//! The compliance view: a report seen through a framework's controls.
//!
//! A framework is a catalogue of controls (`policies/frameworks/<id>.yaml`); rules say which
//! controls they support in their metadata (`controls`). A control *fails* when a finding of
//! one of its rules remains after waivers (a finding may narrow its rule's controls to those it
//! bears on), *passes* when rules that support it were evaluated and found nothing, and is *not covered* when no loaded rule supports it: ztguard says
//! nothing about it, and an auditor must look elsewhere.

mod html;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::bundle;
use crate::document::parse_documents;
use crate::engine::Rule;
use crate::error::{Error, Result};
use crate::metadata::{Pillar, Severity};
use crate::report::{Finding, Report};
use crate::table::{place, resource_label};

/// The `apiVersion` of a compliance report.
pub const COMPLIANCE_API_VERSION: &str = "ztguard.dev/compliance/v1";

/// A framework's catalogue of controls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// The id rules use in their `controls`, such as `cis-kubernetes`.
    pub id: String,
    /// Its name.
    pub title: String,
    /// The version or part the catalogue follows.
    pub version: String,
    /// Where the framework's own text is.
    pub url: String,
    /// Its controls, in the framework's order.
    pub controls: Vec<Control>,
}

/// One control of a framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// The framework's id for it, such as `5.2.2` or `AC-6`.
    pub id: String,
    /// The part of the framework it belongs to.
    pub section: String,
    /// What it asks, in a line.
    pub title: String,
}

/// The frameworks ztguard ships catalogues of, ordered by id.
///
/// # Errors
///
/// [`Error::Data`] naming the file if an embedded catalogue is malformed (a packaging
/// defect the crate's tests rule out).
pub fn builtin_frameworks() -> Result<Vec<Framework>> {
    let mut frameworks = Vec::new();
    for (path, text) in bundle::embedded_files() {
        let Some(name) = path
            .strip_prefix("frameworks/")
            .and_then(|p| p.strip_suffix(".yaml"))
        else {
            continue;
        };
        let file = format!("policies/{path}");
        let bad = |message: String| Error::Data {
            file: Some(file.clone()),
            message,
        };
        let docs = parse_documents(&file, text)?;
        let [doc] = docs.as_slice() else {
            return Err(bad("a framework file holds one document".to_owned()));
        };
        let framework: Framework =
            serde_json::from_value(doc.value.clone()).map_err(|e| bad(e.to_string()))?;
        if framework.id != name {
            return Err(bad(format!(
                "the framework's id `{}` differs from its file name",
                framework.id
            )));
        }
        frameworks.push(framework);
    }
    frameworks.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(frameworks)
}

/// The built-in framework `id`.
///
/// # Errors
///
/// [`Error::Input`] naming the known frameworks when there is no such catalogue.
pub fn framework(id: &str) -> Result<Framework> {
    let frameworks = builtin_frameworks()?;
    let known: Vec<String> = frameworks.iter().map(|f| f.id.clone()).collect();
    frameworks
        .into_iter()
        .find(|f| f.id == id)
        .ok_or_else(|| Error::Input {
            location: Box::default(),
            message: format!(
                "no framework `{id}`; ztguard has catalogues of {}",
                known.join(", ")
            ),
        })
}

/// Where a control stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A finding of one of its rules remains.
    Fail,
    /// Its rules were evaluated and found nothing.
    Pass,
    /// No loaded rule supports it.
    NotCovered,
}

impl Status {
    /// The status as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Fail => "fail",
            Status::Pass => "pass",
            Status::NotCovered => "not_covered",
        }
    }
}

/// One control, judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlResult {
    /// The control's id.
    pub id: String,
    /// Its section.
    pub section: String,
    /// Its title.
    pub title: String,
    /// Where it stands.
    pub status: Status,
    /// The loaded rules that support it.
    pub rules: Vec<String>,
    /// The findings behind a failure, most severe first.
    pub findings: Vec<Finding>,
    /// How many findings of its rules a waiver covers.
    pub waived: usize,
}

/// Counts of controls by status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplianceSummary {
    /// Every control of the catalogue.
    pub controls: usize,
    /// Passing.
    pub pass: usize,
    /// Failing.
    pub fail: usize,
    /// Not covered.
    pub not_covered: usize,
    /// Findings of the report, by pillar and severity (every pair present).
    pub findings: BTreeMap<Pillar, BTreeMap<Severity, usize>>,
}

/// Identifies the framework a compliance report is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkRef {
    /// Id.
    pub id: String,
    /// Name.
    pub title: String,
    /// Version.
    pub version: String,
    /// Where its text is.
    pub url: String,
}

/// A report seen through a framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplianceReport {
    /// Always `ztguard.dev/compliance/v1`.
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    /// The framework.
    pub framework: FrameworkRef,
    /// Counts.
    pub summary: ComplianceSummary,
    /// Every control, in the catalogue's order.
    pub controls: Vec<ControlResult>,
    /// Control ids that loaded rules name for this framework but the catalogue lacks (a typo,
    /// or a control outside the part catalogued), with the rules naming them.
    pub unknown_controls: BTreeMap<String, Vec<String>>,
}

/// Judges each control of `framework` by `report`, evaluated with `rules`.
pub fn assess(framework: &Framework, rules: &[Rule], report: &Report) -> ComplianceReport {
    let mut supporting: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for rule in rules {
        for id in rule
            .metadata
            .controls
            .get(&framework.id)
            .into_iter()
            .flatten()
        {
            supporting
                .entry(id.as_str())
                .or_default()
                .push(rule.metadata.id.clone());
        }
    }
    let mut summary = ComplianceSummary {
        controls: framework.controls.len(),
        findings: Pillar::ALL
            .iter()
            .map(|p| (*p, Severity::ALL.iter().map(|s| (*s, 0)).collect()))
            .collect(),
        ..ComplianceSummary::default()
    };
    for f in &report.findings {
        if let Some(count) = summary
            .findings
            .get_mut(&f.pillar)
            .and_then(|m| m.get_mut(&f.severity))
        {
            *count += 1;
        }
    }
    let controls: Vec<ControlResult> = framework
        .controls
        .iter()
        .map(|control| {
            let rules = supporting.remove(control.id.as_str()).unwrap_or_default();
            // A finding counts against the controls it names: its rule's, unless the finding
            // narrowed them (one namespace of several a rule checks, say).
            let names = |f: &Finding| {
                f.controls
                    .get(&framework.id)
                    .is_some_and(|ids| ids.contains(&control.id))
            };
            let findings: Vec<Finding> = report
                .findings
                .iter()
                .filter(|f| names(f))
                .cloned()
                .collect();
            let waived = report.waived.iter().filter(|w| names(&w.finding)).count();
            let status = if rules.is_empty() {
                Status::NotCovered
            } else if findings.is_empty() {
                Status::Pass
            } else {
                Status::Fail
            };
            match status {
                Status::Pass => summary.pass += 1,
                Status::Fail => summary.fail += 1,
                Status::NotCovered => summary.not_covered += 1,
            }
            ControlResult {
                id: control.id.clone(),
                section: control.section.clone(),
                title: control.title.clone(),
                status,
                rules,
                findings,
                waived,
            }
        })
        .collect();
    ComplianceReport {
        api_version: COMPLIANCE_API_VERSION.to_owned(),
        framework: FrameworkRef {
            id: framework.id.clone(),
            title: framework.title.clone(),
            version: framework.version.clone(),
            url: framework.url.clone(),
        },
        summary,
        controls,
        unknown_controls: supporting
            .into_iter()
            .map(|(id, rules)| (id.to_owned(), rules))
            .collect(),
    }
}

/// A way to print a compliance report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplianceFormat {
    /// A line per control and the findings behind failures.
    Table,
    /// The compliance report as JSON.
    Json,
    /// A self-contained HTML page.
    Html,
}

impl std::str::FromStr for ComplianceFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "table" => Ok(ComplianceFormat::Table),
            "json" => Ok(ComplianceFormat::Json),
            "html" => Ok(ComplianceFormat::Html),
            other => Err(Error::Input {
                location: Box::default(),
                message: format!(
                    "unknown compliance format `{other}`, expected table, json or html"
                ),
            }),
        }
    }
}

impl ComplianceReport {
    /// The report as text in `format`, ending with a newline.
    pub fn render(&self, format: ComplianceFormat) -> String {
        match format {
            ComplianceFormat::Table => self.to_table(),
            ComplianceFormat::Json => format!("{}\n", self.to_json_pretty()),
            ComplianceFormat::Html => self.to_html(),
        }
    }

    /// Whether any control fails.
    pub fn failed(&self) -> bool {
        self.summary.fail > 0
    }

    /// The report as pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        // Plain data with string keys always serializes.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The report as a self-contained HTML page: counts of controls by status, a chart of
    /// findings by pillar and severity, and each control with the findings behind it.
    pub fn to_html(&self) -> String {
        html::render(self)
    }

    /// A line per control (status, id, title, rules, findings), the findings behind each
    /// failure, then a summary line.
    pub fn to_table(&self) -> String {
        let f = &self.framework;
        let mut out = format!("{} {} ({})\n\n", f.title, f.version, f.id);
        let width = self
            .controls
            .iter()
            .map(|c| c.id.chars().count())
            .max()
            .unwrap_or(0);
        for c in &self.controls {
            let status = match c.status {
                Status::Fail => "FAIL",
                Status::Pass => "pass",
                Status::NotCovered => "----",
            };
            let _ = write!(out, "{status}  {:<width$}  {}", c.id, c.title);
            match c.status {
                Status::NotCovered => out.push_str("  (no rule)"),
                _ => {
                    let _ = write!(out, "  [{}]", c.rules.join(", "));
                }
            }
            out.push('\n');
            for finding in &c.findings {
                let location = finding
                    .source
                    .as_ref()
                    .map_or_else(String::new, |s| format!(" ({})", place(s)));
                let _ = writeln!(
                    out,
                    "      {} {} {}{location}: {}",
                    finding.severity,
                    finding.rule,
                    resource_label(&finding.resource),
                    finding.message
                );
            }
        }
        if !self.unknown_controls.is_empty() {
            out.push('\n');
            for (id, rules) in &self.unknown_controls {
                let _ = writeln!(
                    out,
                    "unknown control {id} of {}, named by {}",
                    f.id,
                    rules.join(", ")
                );
            }
        }
        let s = &self.summary;
        let _ = writeln!(
            out,
            "\n{}: {} controls, {} pass, {} fail, {} not covered",
            f.id, s.controls, s.pass, s.fail, s.not_covered
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_catalogue_reads_and_its_ids_are_unique() -> Result<()> {
        let frameworks = builtin_frameworks()?;
        let ids: Vec<&str> = frameworks.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "cis-kubernetes",
                "nist-800-190",
                "nist-800-53",
                "pci-dss-4.0",
                "soc2"
            ]
        );
        for f in &frameworks {
            let mut controls: Vec<&str> = f.controls.iter().map(|c| c.id.as_str()).collect();
            let count = controls.len();
            controls.sort_unstable();
            controls.dedup();
            assert_eq!(controls.len(), count, "{} repeats a control", f.id);
            assert!(count >= 10, "{} has {count} controls", f.id);
        }
        Ok(())
    }

    #[test]
    fn an_unknown_framework_names_the_known_ones() {
        let message = framework("iso-27001").err().map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some(
                "no framework `iso-27001`; ztguard has catalogues of cis-kubernetes, \
                 nist-800-190, nist-800-53, pci-dss-4.0, soc2"
            )
        );
    }
}
