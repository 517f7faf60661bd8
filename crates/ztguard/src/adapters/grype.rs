//! Grype's JSON output (`grype IMAGE -o json`).

use serde_json::Value;

use super::evidence::{self, ImageEvidence, Subject, digest, reference};
use super::fields::Fields;
use crate::error::Result;
use crate::facts::{Vulnerability, VulnerabilitySeverity};

pub(crate) fn looks_like(value: &Value) -> bool {
    value.get("matches").is_some_and(Value::is_array)
        && value.pointer("/descriptor/name").and_then(Value::as_str) == Some("grype")
}

pub(crate) fn read(fields: Fields<'_>, observed_at: &str) -> Result<Vec<ImageEvidence>> {
    let source_type = fields.str("/source/type")?.unwrap_or("");
    if source_type != "image" {
        return Err(fields.error(
            "/source/type",
            format!("a `{source_type}` scan is not about a container image"),
        ));
    }
    let observed_at = evidence::timestamp(fields, "/descriptor/timestamp", observed_at)?;

    let target = "/source/target";
    let mut subject = Subject::default();
    if let Some(text) = fields.str(&format!("{target}/manifestDigest"))? {
        subject
            .digests
            .push(digest(fields, &format!("{target}/manifestDigest"), text)?);
    }
    for list in ["repoDigests", "tags"] {
        for i in 0..fields.array(&format!("{target}/{list}"))? {
            let pointer = format!("{target}/{list}/{i}");
            if let Some(text) = fields.str(&pointer)? {
                subject.references.push(reference(fields, &pointer, text)?);
            }
        }
    }
    if let Some(input) = fields.str(&format!("{target}/userInput"))? {
        if let Ok(r) = crate::image::ImageRef::parse(input) {
            subject.references.push(r);
        }
    }

    let mut vulnerabilities = Vec::new();
    for m in 0..fields.array("/matches")? {
        let item = format!("/matches/{m}");
        let required = |pointer: String, what: &str| -> Result<String> {
            fields
                .str(&pointer)?
                .map(str::to_owned)
                .ok_or_else(|| fields.error(&item, format!("the match has no `{what}`")))
        };
        let fixed = if fields.str(&format!("{item}/vulnerability/fix/state"))? == Some("fixed") {
            fields
                .strings(&format!("{item}/vulnerability/fix/versions"))?
                .into_iter()
                .next()
        } else {
            None
        };
        vulnerabilities.push(Vulnerability {
            id: required(format!("{item}/vulnerability/id"), "vulnerability.id")?,
            severity: severity(fields, &format!("{item}/vulnerability/severity"))?,
            package: required(format!("{item}/artifact/name"), "artifact.name")?,
            installed_version: fields
                .str(&format!("{item}/artifact/version"))?
                .map(str::to_owned),
            fixed_version: fixed,
            scanner: Some("grype".to_owned()),
            aliases: aliases(fields, &item)?,
            observed_at: observed_at.clone(),
            matched_by: None,
            source: Some(fields.doc.source_of(&item)),
        });
    }
    Ok(vec![evidence::scan(
        fields,
        "grype",
        observed_at,
        subject,
        vulnerabilities,
    )])
}

/// The ids of `relatedVulnerabilities`: Grype reports a GHSA id and relates its CVE there.
fn aliases(fields: Fields<'_>, item: &str) -> Result<Vec<String>> {
    let list = format!("{item}/relatedVulnerabilities");
    let mut out = Vec::new();
    for i in 0..fields.array(&list)? {
        if let Some(id) = fields.str(&format!("{list}/{i}/id"))? {
            out.push(id.to_owned());
        }
    }
    Ok(out)
}

fn severity(fields: Fields<'_>, pointer: &str) -> Result<VulnerabilitySeverity> {
    Ok(match fields.str(pointer)?.unwrap_or("Unknown") {
        "Critical" => VulnerabilitySeverity::Critical,
        "High" => VulnerabilitySeverity::High,
        "Medium" => VulnerabilitySeverity::Medium,
        "Low" | "Negligible" => VulnerabilitySeverity::Low,
        "Unknown" => VulnerabilitySeverity::Unknown,
        other => {
            return Err(fields.error(
                pointer,
                format!("unknown severity `{other}`, expected Critical, High, Medium, Low, Negligible or Unknown"),
            ));
        }
    })
}
