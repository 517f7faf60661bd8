//! Reports, findings, rules and detections as JavaScript objects.
//!
//! Each type mirrors an object of the report contract
//! (`crates/ztguard/schema/report-v1.schema.json`) field for field, under the contract's own
//! names, so `JSON.stringify(report)` is the documented report. Values are built from the core
//! library's serialized form, and `deny_unknown_fields` makes a contract change that these
//! types miss fail loudly instead of dropping a field.

use napi_derive::napi;
use serde::Deserialize;
use serde_json::{Map, Value};
use ztguard::Error;

/// Builds a binding type from a library value through its JSON form.
pub(crate) fn convert<T: serde::Serialize + ?Sized, U: serde::de::DeserializeOwned>(
    value: &T,
) -> Result<U, Error> {
    let json = serde_json::to_value(value).map_err(|e| Error::Internal {
        message: format!("a result cannot be serialized: {e}"),
    })?;
    serde_json::from_value(json).map_err(|e| Error::Internal {
        message: format!("a result does not match the report contract: {e}"),
    })
}

/// Where an object was read.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The file, as given.
    pub file: String,
    /// 1-based line of the object in `file`.
    pub line: Option<u32>,
}

/// The resource a finding is about.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Kind, for example `Deployment`.
    pub kind: String,
    /// Namespace, for namespaced resources.
    pub namespace: Option<String>,
    /// Name.
    pub name: String,
    /// Container, when the finding is about one.
    pub container: Option<String>,
    /// The image, fully qualified, when the finding is about what a container runs.
    pub image: Option<String>,
}

/// What a rule saw: a JSON pointer into the facts and the value there.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// JSON pointer into the facts document.
    pub pointer: String,
    /// The value found there, or the value the rule reported.
    #[napi(ts_type = "unknown")]
    pub value: Value,
}

/// One finding of one rule about one resource.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Rule id, for example `ZT-PRV-001`.
    pub rule: String,
    /// Rule title.
    pub title: String,
    /// Pillar.
    #[napi(ts_type = "'image' | 'privilege' | 'segmentation' | 'runtime'")]
    pub pillar: String,
    /// Severity: the rule's, unless the finding set its own.
    #[napi(ts_type = "'critical' | 'high' | 'medium' | 'low'")]
    pub severity: String,
    /// Action.
    #[napi(ts_type = "'deny' | 'warn' | 'alert'")]
    pub action: String,
    /// Recommended response, for findings about running workloads.
    #[napi(ts_type = "'alert' | 'kill' | 'isolate'")]
    pub response: Option<String>,
    /// Lifecycle stages of the rule.
    #[napi(ts_type = "Array<'build' | 'registry' | 'admission' | 'runtime'>")]
    pub stages: Vec<String>,
    /// The resource.
    pub resource: Resource,
    /// What is wrong, in a sentence.
    pub message: String,
    /// How to fix it.
    pub remediation: String,
    /// Compliance controls of the rule, by framework.
    #[napi(ts_type = "Record<string, Array<string>>")]
    pub controls: Map<String, Value>,
    /// What the rule saw, when it says.
    pub evidence: Option<Evidence>,
    /// Where the offending object was read, when known.
    pub source: Option<Source>,
}

/// Which resources a waiver covers; a field left out matches any value.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiverResource {
    /// Kind.
    pub kind: Option<String>,
    /// Namespace.
    pub namespace: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Container.
    pub container: Option<String>,
}

/// An accepted finding: which rule, which resource or image, who answers for it, why, and
/// until when.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule id it waives.
    pub rule: String,
    /// The resources it covers.
    pub resource: Option<WaiverResource>,
    /// The image it covers.
    pub image: Option<String>,
    /// The `id` of the finding's evidence it covers, such as one vulnerability.
    pub id: Option<String>,
    /// Who answers for it.
    pub owner: String,
    /// Why the finding is accepted.
    pub reason: String,
    /// When it stops applying: a date or an RFC 3339 time.
    pub expires: String,
    /// Where it was read.
    pub source: Option<Source>,
}

/// A finding and the waiver that covers it.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waived {
    /// The finding.
    pub finding: Finding,
    /// The waiver.
    pub waiver: Waiver,
}

/// An input object that was read but not understood, and why.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skipped {
    /// `apiVersion` of the object.
    #[napi(js_name = "api_version")]
    #[serde(default)]
    pub api_version: String,
    /// Kind of the object.
    #[serde(default)]
    pub kind: String,
    /// Name of the object, when it has one.
    pub name: Option<String>,
    /// Why it was skipped.
    pub reason: String,
    /// Where it was read.
    pub source: Option<Source>,
}

/// Counts of the findings (waived ones aside).
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// All findings.
    pub total: u32,
    /// By severity; every severity is present.
    #[napi(js_name = "by_severity", ts_type = "Record<string, number>")]
    pub by_severity: Map<String, Value>,
    /// By pillar; every pillar is present.
    #[napi(js_name = "by_pillar", ts_type = "Record<string, number>")]
    pub by_pillar: Map<String, Value>,
    /// By action; every action is present.
    #[napi(js_name = "by_action", ts_type = "Record<string, number>")]
    pub by_action: Map<String, Value>,
    /// Findings a waiver covers (not counted above).
    pub waived: u32,
    /// Waivers that have expired.
    #[napi(js_name = "expired_waivers")]
    pub expired_waivers: u32,
}

/// The result of one evaluation: the documented report, field for field.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always `ztguard.dev/report/v1`.
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    /// No finding has the action `deny`.
    pub allowed: bool,
    /// Counts.
    pub summary: Summary,
    /// Findings, most severe first, then by rule id, resource and message.
    pub findings: Vec<Finding>,
    /// Findings covered by a waiver, in the same order as `findings`.
    pub waived: Vec<Waived>,
    /// Waivers that have expired: they waive nothing.
    #[napi(js_name = "expired_waivers")]
    pub expired_waivers: Vec<Waiver>,
    /// Input objects that were read but not understood.
    pub skipped: Vec<Skipped>,
}

/// What a rule declares about itself.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMetadata {
    /// Stable id, for example `ZT-IMG-001`.
    pub id: String,
    /// One-line title.
    pub title: String,
    /// Longer explanation.
    pub description: Option<String>,
    /// Pillar.
    #[napi(ts_type = "'image' | 'privilege' | 'segmentation' | 'runtime'")]
    pub pillar: String,
    /// Default severity.
    #[napi(ts_type = "'critical' | 'high' | 'medium' | 'low'")]
    pub severity: String,
    /// Default action.
    #[napi(ts_type = "'deny' | 'warn' | 'alert'")]
    pub action: String,
    /// Lifecycle stages where the rule applies.
    #[napi(ts_type = "Array<'build' | 'registry' | 'admission' | 'runtime'>")]
    pub stages: Vec<String>,
    /// How to fix a finding.
    pub remediation: String,
    /// Compliance controls, by framework.
    #[napi(ts_type = "Record<string, Array<string>>")]
    pub controls: Map<String, Value>,
    /// Parameters the rule reads from `ztguard.params.<id>`, with a sentence each.
    #[napi(ts_type = "Record<string, string>")]
    pub params: Option<Map<String, Value>>,
    /// Runtime event types the rule reads.
    pub events: Option<Vec<String>>,
    /// Recommended response to a finding.
    #[napi(ts_type = "'alert' | 'kill' | 'isolate'")]
    pub response: Option<String>,
}

/// A rule of the catalogue: its metadata, and the Rego package and file that declare it.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The rule's metadata.
    pub metadata: RuleMetadata,
    /// Its Rego package, for example `data.ztguard.rules.image.mutable_tag`.
    pub package: String,
    /// The policy file that declares it.
    pub file: String,
}

/// A finding about one runtime event: the finding's fields, the event (with what its workload
/// declares) and the waiver that covers it, if one does.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Detection {
    /// Rule id.
    pub rule: String,
    /// Rule title.
    pub title: String,
    /// Pillar.
    #[napi(ts_type = "'image' | 'privilege' | 'segmentation' | 'runtime'")]
    pub pillar: String,
    /// Severity.
    #[napi(ts_type = "'critical' | 'high' | 'medium' | 'low'")]
    pub severity: String,
    /// Action.
    #[napi(ts_type = "'deny' | 'warn' | 'alert'")]
    pub action: String,
    /// Recommended response: what to do about the running workload.
    #[napi(ts_type = "'alert' | 'kill' | 'isolate'")]
    pub response: Option<String>,
    /// Lifecycle stages of the rule.
    #[napi(ts_type = "Array<'build' | 'registry' | 'admission' | 'runtime'>")]
    pub stages: Vec<String>,
    /// The resource.
    pub resource: Resource,
    /// What happened, in a sentence.
    pub message: String,
    /// What to do about it.
    pub remediation: String,
    /// Compliance controls of the rule, by framework.
    #[napi(ts_type = "Record<string, Array<string>>")]
    pub controls: Map<String, Value>,
    /// The event field the rule judged: a pointer `/runtime/events/<n>/...`, counting the
    /// events the monitor has seen.
    pub evidence: Option<Evidence>,
    /// Where the event was read.
    pub source: Option<Source>,
    /// The event, as a native ztguard event.
    #[napi(ts_type = "Record<string, unknown>")]
    pub event: Value,
    /// The waiver that covers the finding: a waived detection asks for no response.
    pub waiver: Option<Waiver>,
}

/// One way a facts document breaks the facts schema.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaViolation {
    /// JSON pointer to the offending value.
    pub pointer: String,
    /// Line of the offending value in its file, when known.
    pub line: Option<u32>,
    /// What is wrong with it.
    pub message: String,
}

/// Where an error is, as precisely as known.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorLocation {
    /// Input or policy file.
    pub file: Option<String>,
    /// 1-based line in `file`.
    pub line: Option<u32>,
    /// 1-based column in `file`.
    pub column: Option<u32>,
    /// JSON pointer into the facts document (or the input document for schema errors).
    pub pointer: Option<String>,
    /// Policy rule, as `data.<package>.<rule>` or a rule id.
    pub rule: Option<String>,
}

/// An error as data: what `ztguard check --format json` prints, and what every thrown
/// error carries as `record`.
#[napi(object)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorRecord {
    /// The stable error code.
    #[napi(
        ts_type = "'io' | 'parse' | 'schema' | 'input' | 'policy' | 'metadata' | 'data' | 'eval' | 'limit' | 'internal'"
    )]
    pub code: String,
    /// The message, including the location.
    pub message: String,
    /// Where, when known.
    pub location: Option<ErrorLocation>,
    /// Every schema violation, for `schema` errors.
    pub violations: Option<Vec<SchemaViolation>>,
}
