//! The JSON `cosign verify` prints: an array of verified signature claims, each naming the
//! signed manifest digest, and for keyless signatures the certificate's subject and issuer.
//!
//! cosign's output does not say when it was verified. The observation time is when the
//! signature entered the transparency log (`optional.Bundle.Payload.integratedTime`), which
//! cannot be later than the verification, or else the caller's (when the file was written).
//!
//! The output is taken as verification output: ztguard does not check signatures itself.
//! cosign copies `Subject` and `Issuer` from a keyless certificate, but a key-based signature
//! can carry annotations of the same names, and the output does not name the key.
//! TODO(#10): let the caller state how the output was verified (a key id, or keyless with the
//! identity it was verified against) instead of trusting the output's own claims.

use serde_json::Value;

use super::evidence::{ImageEvidence, Subject, digest, reference};
use super::fields::Fields;
use crate::error::Result;
use crate::facts::{Evidence, Signature};

const SIGNATURE_TYPE: &str = "cosign container image signature";

pub(crate) fn looks_like(value: &Value) -> bool {
    value
        .as_array()
        .and_then(|items| items.first())
        .is_some_and(|first| {
            first.pointer("/critical/type").and_then(Value::as_str) == Some(SIGNATURE_TYPE)
        })
}

pub(crate) fn read(fields: Fields<'_>, observed_at: &str) -> Result<Vec<ImageEvidence>> {
    let mut out = Vec::new();
    for i in 0..fields.array("")? {
        let claim = format!("/{i}");
        let kind = fields.str(&format!("{claim}/critical/type"))?;
        if kind != Some(SIGNATURE_TYPE) {
            return Err(fields.error(
                &format!("{claim}/critical/type"),
                format!(
                    "expected a `{SIGNATURE_TYPE}` claim, found `{}`",
                    kind.unwrap_or("nothing")
                ),
            ));
        }
        let digest_pointer = format!("{claim}/critical/image/docker-manifest-digest");
        let signed = fields
            .str(&digest_pointer)?
            .ok_or_else(|| fields.error(&claim, "the claim names no signed digest".to_owned()))?;
        let signed = digest(fields, &digest_pointer, signed)?;
        let identity_pointer = format!("{claim}/critical/identity/docker-reference");
        let mut references = Vec::new();
        if let Some(name) = fields.str(&identity_pointer)? {
            references.push(reference(fields, &identity_pointer, name)?);
        }
        let optional = format!("{claim}/optional");
        let logged = match fields.int(&format!("{optional}/Bundle/Payload/integratedTime"))? {
            Some(seconds) => u64::try_from(seconds).ok().map(|s| {
                crate::clock::rfc3339(std::time::UNIX_EPOCH + std::time::Duration::from_secs(s))
            }),
            None => None,
        };
        let signature = Signature {
            digest: signed.clone(),
            key: None,
            identity: fields
                .str(&format!("{optional}/Subject"))?
                .map(str::to_owned),
            issuer: fields
                .str(&format!("{optional}/Issuer"))?
                .map(str::to_owned),
            observed_at: logged.unwrap_or_else(|| observed_at.to_owned()),
            matched_by: None,
            source: None,
        };
        out.push(ImageEvidence {
            subject: Subject {
                digests: vec![signed],
                references,
            },
            evidence: Evidence {
                signatures: vec![signature],
                ..Evidence::default()
            },
            source: fields.doc.source_of(&claim),
        });
    }
    Ok(out)
}
