//! Image evidence: what signing, provenance and scanning tools write, read into evidence about
//! the images it names, then tied to the images workloads run.
//!
//! Evidence is tied by digest when it names one the image is pinned to; otherwise by registry,
//! repository and tag, which is weaker (a tag can move) and is recorded as such. Evidence about
//! an image no workload runs is kept as an image fact of its own and reported as skipped.

use serde_json::Value;

use super::fields::Fields;
use super::{cosign, grype, intoto, trivy};
use crate::document::Document;
use crate::error::Result;
use crate::facts::{Evidence, Facts, Image, MatchedBy, Scan, Skipped, Source, Vulnerability};
use crate::image::ImageRef;

/// What a piece of evidence is about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    /// Digests it covers (a manifest, an index), when it names them.
    pub digests: Vec<String>,
    /// References it names (tags, repositories).
    pub references: Vec<ImageRef>,
}

/// Evidence about one subject, as read from one document.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageEvidence {
    /// What it is about.
    pub subject: Subject,
    /// The evidence.
    pub evidence: Evidence,
    /// Where it was read.
    pub source: Source,
}

/// The evidence formats ztguard reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The JSON `cosign verify` prints.
    Cosign,
    /// An in-toto statement, bare or in a DSSE envelope.
    InToto,
    /// Trivy's JSON report.
    Trivy,
    /// Grype's JSON output.
    Grype,
}

/// Which evidence format a document is in, by its content.
pub fn detect(value: &Value) -> Option<Format> {
    if cosign::looks_like(value) {
        Some(Format::Cosign)
    } else if intoto::looks_like(value) {
        Some(Format::InToto)
    } else if trivy::looks_like(value) {
        Some(Format::Trivy)
    } else if grype::looks_like(value) {
        Some(Format::Grype)
    } else {
        None
    }
}

/// Reads evidence from a document in `format`. `observed_at` is used for evidence that does
/// not say when it was observed (for example, when the file was written).
///
/// # Errors
///
/// [`crate::Error::Input`] naming the file, line and JSON pointer of what is malformed.
pub fn read(doc: &Document, format: Format, observed_at: &str) -> Result<Vec<ImageEvidence>> {
    let fields = Fields { doc };
    match format {
        Format::Cosign => cosign::read(fields, observed_at),
        Format::InToto => intoto::read(fields, observed_at),
        Format::Trivy => trivy::read(fields, observed_at),
        Format::Grype => grype::read(fields, observed_at),
    }
}

/// Parses a reference named by evidence, reporting a malformed one at its pointer.
pub(crate) fn reference(fields: Fields<'_>, pointer: &str, text: &str) -> Result<ImageRef> {
    ImageRef::parse(text).map_err(|e| fields.error(pointer, e.to_string()))
}

/// A `sha256:...` digest, from either that form or a bare algorithm-to-hex map entry.
pub(crate) fn digest(fields: Fields<'_>, pointer: &str, text: &str) -> Result<String> {
    let candidate = format!("x@{text}");
    ImageRef::parse(&candidate)
        .ok()
        .and_then(|r| r.digest)
        .ok_or_else(|| fields.error(pointer, format!("malformed digest `{text}`")))
}

/// An RFC 3339 time a tool wrote at `pointer`, or `default` when it wrote none.
pub(crate) fn timestamp(fields: Fields<'_>, pointer: &str, default: &str) -> Result<String> {
    match fields.str(pointer)? {
        None => Ok(default.to_owned()),
        Some(text) if text.len() > 10 && crate::clock::parse(text).is_some() => Ok(text.to_owned()),
        Some(text) => Err(fields.error(pointer, format!("`{text}` is not an RFC 3339 time"))),
    }
}

/// The evidence one vulnerability scan gives: the scan itself and what it found.
pub(crate) fn scan(
    fields: Fields<'_>,
    scanner: &str,
    observed_at: String,
    subject: Subject,
    vulnerabilities: Vec<Vulnerability>,
) -> ImageEvidence {
    let scan = Scan {
        scanner: scanner.to_owned(),
        observed_at,
        vulnerabilities: vulnerabilities.len(),
        matched_by: None,
        source: None,
    };
    ImageEvidence {
        subject,
        evidence: Evidence {
            scans: vec![scan],
            vulnerabilities,
            ..Evidence::default()
        },
        source: fields.doc.source_of(""),
    }
}

/// Ties each piece of evidence to the images workloads run, adding image facts for every
/// container image first.
pub fn attach(facts: &mut Facts, evidence: Vec<ImageEvidence>) {
    crate::input::index_images(facts);
    for item in evidence {
        let mut matched = false;
        for image in &mut facts.images {
            if let Some(how) = matches(&image.reference, &item.subject) {
                append(
                    &mut image.evidence,
                    item.evidence.clone(),
                    how,
                    &item.source,
                );
                matched = true;
            }
        }
        if !matched {
            record_unmatched(facts, item);
        }
    }
    merge_duplicates(facts);
}

impl Subject {
    /// Every digest the subject names, directly or in a reference.
    fn all_digests(&self) -> impl Iterator<Item = &String> {
        self.digests
            .iter()
            .chain(self.references.iter().filter_map(|r| r.digest.as_ref()))
    }
}

/// A pinned image matches only evidence naming its digest; an unpinned one matches evidence
/// naming its registry, repository and tag (weaker).
fn matches(image: &ImageRef, subject: &Subject) -> Option<MatchedBy> {
    if let Some(digest) = &image.digest {
        return subject
            .all_digests()
            .any(|d| d == digest)
            .then_some(MatchedBy::Digest);
    }
    let same_tag = |r: &ImageRef| {
        (r.tag.is_some() || r.digest.is_none())
            && r.registry == image.registry
            && r.repository == image.repository
            && r.tag == image.tag
    };
    subject
        .references
        .iter()
        .any(same_tag)
        .then_some(MatchedBy::Reference)
}

/// Merges image facts that name the same image, so every image has exactly one fact.
fn merge_duplicates(facts: &mut Facts) {
    let mut merged: Vec<Image> = Vec::with_capacity(facts.images.len());
    for image in std::mem::take(&mut facts.images) {
        let canonical = image.reference.canonical();
        match merged
            .iter_mut()
            .find(|m| m.reference.canonical() == canonical)
        {
            Some(existing) => {
                let e = &mut existing.evidence;
                e.signatures.extend(image.evidence.signatures);
                e.scans.extend(image.evidence.scans);
                e.attestations.extend(image.evidence.attestations);
                e.vulnerabilities.extend(image.evidence.vulnerabilities);
            }
            None => merged.push(image),
        }
    }
    facts.images = merged;
}

/// Adds `item` to `target`, recording how it matched and, where an adapter did not say more
/// precisely, the document it came from.
fn append(target: &mut Evidence, mut item: Evidence, how: MatchedBy, source: &Source) {
    for s in &mut item.signatures {
        s.matched_by = Some(how);
        s.source.get_or_insert_with(|| source.clone());
    }
    for s in &mut item.scans {
        s.matched_by = Some(how);
        s.source.get_or_insert_with(|| source.clone());
    }
    for a in &mut item.attestations {
        a.matched_by = Some(how);
        a.source.get_or_insert_with(|| source.clone());
    }
    for v in &mut item.vulnerabilities {
        v.matched_by = Some(how);
        v.source.get_or_insert_with(|| source.clone());
    }
    target.signatures.extend(item.signatures);
    target.scans.extend(item.scans);
    target.attestations.extend(item.attestations);
    target.vulnerabilities.extend(item.vulnerabilities);
}

fn record_unmatched(facts: &mut Facts, item: ImageEvidence) {
    let references = &item.subject.references;
    let reference = references
        .iter()
        .find(|r| r.tag.is_some() && r.digest.is_some())
        .or_else(|| references.iter().find(|r| r.tag.is_some()))
        .or_else(|| references.first())
        .cloned();
    let first_digest = item.subject.all_digests().next().cloned();
    let named = match (&reference, &first_digest) {
        (Some(r), _) => r.canonical(),
        (None, Some(d)) => d.clone(),
        (None, None) => "an unnamed image".to_owned(),
    };
    facts.skipped.push(Skipped {
        api_version: String::new(),
        kind: "Evidence".to_owned(),
        name: Some(named.clone()),
        reason: format!("evidence about `{named}` matches no image a workload runs"),
        source: Some(item.source.clone()),
    });
    if let Some(mut reference) = reference {
        if let (None, Some(digest)) = (&reference.digest, &first_digest) {
            let pinned = ImageRef::parse(&format!("{}@{digest}", reference.canonical()));
            reference = pinned.unwrap_or(reference);
        }
        let mut image = Image {
            reference,
            evidence: Evidence::default(),
            source: Some(item.source.clone()),
        };
        let how = if image.reference.digest.is_some() {
            MatchedBy::Digest
        } else {
            MatchedBy::Reference
        };
        append(&mut image.evidence, item.evidence, how, &item.source);
        facts.images.push(image);
    }
}
