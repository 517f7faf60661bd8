//! in-toto statements, bare or wrapped in a DSSE envelope (as `cosign verify-attestation` and
//! `cosign download attestation` print them, one per line), with SLSA provenance v0.2 and v1
//! predicates read for builder, source repository and build type.
//!
//! Statements are taken as verified (as `cosign verify-attestation` prints them): the
//! envelope's signatures are not checked here. TODO(#10): verify DSSE signatures against
//! trusted keys or certificates, or require the caller to vouch for the file.

use base64::Engine as _;
use serde_json::Value;

use super::evidence::{ImageEvidence, Subject, digest, reference, timestamp};
use super::fields::Fields;
use crate::document::Document;
use crate::error::{Error, Location, Result};
use crate::facts::{Attestation, Evidence};

const STATEMENT_TYPES: &[&str] = &[
    "https://in-toto.io/Statement/v0.1",
    "https://in-toto.io/Statement/v1",
];
const DSSE_PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";
const SLSA_V02: &str = "https://slsa.dev/provenance/v0.2";
const SLSA_V1: &str = "https://slsa.dev/provenance/v1";

pub(crate) fn looks_like(value: &Value) -> bool {
    let statement = value
        .get("_type")
        .and_then(Value::as_str)
        .is_some_and(|t| STATEMENT_TYPES.contains(&t));
    let envelope = value.get("payloadType").and_then(Value::as_str) == Some(DSSE_PAYLOAD_TYPE);
    statement || envelope
}

pub(crate) fn read(fields: Fields<'_>, observed_at: &str) -> Result<Vec<ImageEvidence>> {
    if fields.str("/payloadType")?.is_some() {
        let payload = fields
            .str("/payload")?
            .ok_or_else(|| fields.error("", "the DSSE envelope has no `payload`".to_owned()))?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(payload.trim())
            .map_err(|e| {
                let reason = e.to_string().trim_end_matches('.').to_lowercase();
                fields.error(
                    "/payload",
                    format!("the DSSE payload is not base64: {reason}"),
                )
            })?;
        let statement: Value = serde_json::from_slice(&bytes).map_err(|e| {
            fields.error(
                "/payload",
                format!("the DSSE payload is not an in-toto statement: {e}"),
            )
        })?;
        let inner =
            Document::without_lines(format!("{} (DSSE payload)", fields.doc.file), statement);
        let source = fields.doc.source_of("");
        let mut out = statement_evidence(Fields { doc: &inner }, observed_at)?;
        for item in &mut out {
            item.source = source.clone();
        }
        return Ok(out);
    }
    statement_evidence(fields, observed_at)
}

fn statement_evidence(fields: Fields<'_>, observed_at: &str) -> Result<Vec<ImageEvidence>> {
    let statement_type = fields.str("/_type")?.unwrap_or("");
    if !STATEMENT_TYPES.contains(&statement_type) {
        return Err(Error::Input {
            location: Box::new(Location {
                file: Some(fields.doc.file.clone()),
                pointer: Some("/_type".to_owned()),
                ..Location::default()
            }),
            message: format!("`{statement_type}` is not an in-toto statement type"),
        });
    }
    let predicate_type = fields
        .str("/predicateType")?
        .ok_or_else(|| fields.error("", "the statement has no `predicateType`".to_owned()))?
        .to_owned();
    let attestation = match predicate_type.as_str() {
        SLSA_V02 => Attestation {
            builder_id: owned(fields.str("/predicate/builder/id")?),
            source_repository: fields
                .str("/predicate/invocation/configSource/uri")?
                .map(repository),
            build_type: owned(fields.str("/predicate/buildType")?),
            observed_at: timestamp(fields, "/predicate/metadata/buildFinishedOn", observed_at)?,
            ..blank(&predicate_type, observed_at)
        },
        SLSA_V1 => {
            let parameters = "/predicate/buildDefinition/externalParameters";
            let source = match fields.str(&format!("{parameters}/workflow/repository"))? {
                Some(repo) => Some(repo),
                None => fields.str(&format!("{parameters}/source/uri"))?,
            };
            Attestation {
                builder_id: owned(fields.str("/predicate/runDetails/builder/id")?),
                source_repository: source.map(repository),
                build_type: owned(fields.str("/predicate/buildDefinition/buildType")?),
                observed_at: timestamp(
                    fields,
                    "/predicate/runDetails/metadata/finishedOn",
                    observed_at,
                )?,
                ..blank(&predicate_type, observed_at)
            }
        }
        _ => blank(&predicate_type, observed_at),
    };

    let subjects = fields.array("/subject")?;
    if subjects == 0 {
        return Err(fields.error("/subject", "the statement names no subject".to_owned()));
    }
    let mut out = Vec::new();
    for i in 0..subjects {
        let subject = format!("/subject/{i}");
        let name_pointer = format!("{subject}/name");
        let name = fields
            .str(&name_pointer)?
            .ok_or_else(|| fields.error(&subject, "the subject has no `name`".to_owned()))?;
        let sha = fields
            .str(&format!("{subject}/digest/sha256"))?
            .ok_or_else(|| {
                fields.error(&subject, "the subject has no `digest.sha256`".to_owned())
            })?;
        let digest = digest(
            fields,
            &format!("{subject}/digest/sha256"),
            &format!("sha256:{sha}"),
        )?;
        out.push(ImageEvidence {
            subject: Subject {
                digests: vec![digest],
                references: vec![reference(fields, &name_pointer, name)?],
            },
            evidence: Evidence {
                attestations: vec![attestation.clone()],
                ..Evidence::default()
            },
            source: fields.doc.source_of(&subject),
        });
    }
    Ok(out)
}

fn blank(predicate_type: &str, observed_at: &str) -> Attestation {
    Attestation {
        predicate_type: predicate_type.to_owned(),
        builder_id: None,
        source_repository: None,
        build_type: None,
        observed_at: observed_at.to_owned(),
        matched_by: None,
        source: None,
    }
}

fn owned(value: Option<&str>) -> Option<String> {
    value.map(str::to_owned)
}

/// `git+https://github.com/acme/api@refs/heads/main` -> `https://github.com/acme/api`: no
/// `git+` prefix, no `@ref` in the path (user names before the host stay), no `#fragment`, no
/// `.git`.
fn repository(uri: &str) -> String {
    let uri = uri.strip_prefix("git+").unwrap_or(uri);
    let uri = uri.split('#').next().unwrap_or(uri);
    let authority = uri.find("://").map_or(0, |i| i + 3);
    let path = uri
        .get(authority..)
        .and_then(|rest| rest.find('/'))
        .map_or(uri.len(), |i| authority + i);
    let cut = uri
        .get(path..)
        .and_then(|p| p.find('@'))
        .map_or(uri.len(), |i| path + i);
    let uri = uri.get(..cut).unwrap_or(uri);
    uri.strip_suffix(".git").unwrap_or(uri).to_owned()
}

#[cfg(test)]
mod tests {
    use super::repository;

    #[test]
    fn repositories_lose_scheme_prefix_ref_and_suffix() {
        assert_eq!(
            repository("git+https://github.com/acme/api@refs/heads/main"),
            "https://github.com/acme/api"
        );
        assert_eq!(
            repository("https://github.com/acme/api.git"),
            "https://github.com/acme/api"
        );
        assert_eq!(
            repository("https://github.com/acme/api"),
            "https://github.com/acme/api"
        );
        assert_eq!(
            repository("git+ssh://git@github.com/acme/api@refs/tags/v1"),
            "ssh://git@github.com/acme/api"
        );
        assert_eq!(
            repository("https://github.com/acme/api.git#refs/tags/v1"),
            "https://github.com/acme/api"
        );
    }
}
