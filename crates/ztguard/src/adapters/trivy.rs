//! Trivy's JSON report (`trivy image --format json`, schema version 2).

use serde_json::Value;

use super::evidence::{self, ImageEvidence, Subject, reference};
use super::fields::Fields;
use crate::error::Result;
use crate::facts::{Vulnerability, VulnerabilitySeverity};

pub(crate) fn looks_like(value: &Value) -> bool {
    value.get("SchemaVersion").is_some() && value.get("ArtifactName").is_some()
}

pub(crate) fn read(fields: Fields<'_>, observed_at: &str) -> Result<Vec<ImageEvidence>> {
    let artifact_type = fields.str("/ArtifactType")?.unwrap_or("container_image");
    if artifact_type != "container_image" {
        return Err(fields.error(
            "/ArtifactType",
            format!("a `{artifact_type}` scan is not about a container image"),
        ));
    }
    let observed_at = evidence::timestamp(fields, "/CreatedAt", observed_at)?;

    let mut subject = Subject::default();
    for i in 0..fields.array("/Metadata/RepoDigests")? {
        let pointer = format!("/Metadata/RepoDigests/{i}");
        if let Some(text) = fields.str(&pointer)? {
            let r = reference(fields, &pointer, text)?;
            subject.references.push(r);
        }
    }
    for i in 0..fields.array("/Metadata/RepoTags")? {
        let pointer = format!("/Metadata/RepoTags/{i}");
        if let Some(text) = fields.str(&pointer)? {
            subject.references.push(reference(fields, &pointer, text)?);
        }
    }
    if let Some(name) = fields.str("/ArtifactName")? {
        // A tarball or a local path is no reference; the repo tags and digests still name it.
        if let Ok(r) = crate::image::ImageRef::parse(name) {
            subject.references.push(r);
        }
    }

    let mut vulnerabilities = Vec::new();
    for r in 0..fields.array("/Results")? {
        let list = format!("/Results/{r}/Vulnerabilities");
        for v in 0..fields.array(&list)? {
            let item = format!("{list}/{v}");
            let required = |field: &str| -> Result<String> {
                let pointer = format!("{item}/{field}");
                fields.str(&pointer)?.map(str::to_owned).ok_or_else(|| {
                    fields.error(&item, format!("the vulnerability has no `{field}`"))
                })
            };
            vulnerabilities.push(Vulnerability {
                id: required("VulnerabilityID")?,
                severity: severity(fields, &format!("{item}/Severity"))?,
                package: required("PkgName")?,
                installed_version: fields
                    .str(&format!("{item}/InstalledVersion"))?
                    .map(str::to_owned),
                fixed_version: fields
                    .str(&format!("{item}/FixedVersion"))?
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned),
                scanner: Some("trivy".to_owned()),
                aliases: Vec::new(),
                observed_at: observed_at.clone(),
                matched_by: None,
                source: Some(fields.doc.source_of(&item)),
            });
        }
    }
    Ok(vec![evidence::scan(
        fields,
        "trivy",
        observed_at,
        subject,
        vulnerabilities,
    )])
}

fn severity(fields: Fields<'_>, pointer: &str) -> Result<VulnerabilitySeverity> {
    Ok(match fields.str(pointer)?.unwrap_or("UNKNOWN") {
        "CRITICAL" => VulnerabilitySeverity::Critical,
        "HIGH" => VulnerabilitySeverity::High,
        "MEDIUM" => VulnerabilitySeverity::Medium,
        "LOW" => VulnerabilitySeverity::Low,
        "UNKNOWN" => VulnerabilitySeverity::Unknown,
        other => {
            return Err(fields.error(
                pointer,
                format!(
                    "unknown severity `{other}`, expected CRITICAL, HIGH, MEDIUM, LOW or UNKNOWN"
                ),
            ));
        }
    })
}
