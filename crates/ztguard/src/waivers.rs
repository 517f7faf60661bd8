//! Waivers: a finding that is known and accepted for a while, with an owner, a reason and an
//! expiry. A waived finding moves from `findings` to `waived`; an expired waiver waives
//! nothing and is itself reported.
//!
//! ```yaml
//! apiVersion: ztguard.dev/v1
//! kind: Waivers
//! waivers:
//! - rule: ZT-IMG-001
//!   resource: {kind: Deployment, namespace: shop, name: storefront, container: web}
//!   owner: alice@example.com
//!   reason: replaced by the new storefront in January
//!   expires: 2027-01-31
//! ```

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::adapters::fields::Fields;
use crate::document::{Document, parse_documents};
use crate::error::{Error, Result};
use crate::facts::{FACTS_API_VERSION, Source};
use crate::image::ImageRef;
use crate::report::Finding;

/// The `kind` of a waivers document.
pub const WAIVERS_KIND: &str = "Waivers";

/// Which resources a waiver covers; a field left out matches any value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceSelector {
    /// Kind, for example `Deployment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
}

/// One waiver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule id it waives.
    pub rule: String,
    /// The resources it covers (at least a name), unless it names an image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourceSelector>,
    /// The image it covers, as written in manifests; compared fully qualified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The `id` of the finding's evidence it covers, such as one vulnerability: without it, a
    /// waiver for ZT-IMG-007 covers every vulnerability of the resource, later ones included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Who answers for it.
    pub owner: String,
    /// Why the finding is accepted.
    pub reason: String,
    /// When it stops applying: a date (the end of that day, UTC) or an RFC 3339 time.
    pub expires: String,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

impl Waiver {
    /// Whether this waiver covers `finding` (expiry aside).
    pub fn covers(&self, finding: &Finding) -> bool {
        if self.rule != finding.rule {
            return false;
        }
        let r = &finding.resource;
        let resource_ok = self.resource.as_ref().is_none_or(|s| {
            let same = |want: &Option<String>, have: Option<&String>| {
                want.as_ref().is_none_or(|w| Some(w) == have)
            };
            same(&s.kind, Some(&r.kind))
                && same(&s.namespace, r.namespace.as_ref())
                && same(&s.name, Some(&r.name))
                && same(&s.container, r.container.as_ref())
        });
        let image_ok = self.image.as_ref().is_none_or(|image| {
            let wanted = ImageRef::parse(image).map(|i| i.canonical()).ok();
            wanted.is_some() && wanted.as_ref() == r.image.as_ref()
        });
        let id_ok = self.id.as_ref().is_none_or(|id| {
            let Some(value) = finding.evidence.as_ref().map(|e| &e.value) else {
                return false;
            };
            let aliases = value.get("aliases").and_then(serde_json::Value::as_array);
            value.get("id").and_then(serde_json::Value::as_str) == Some(id.as_str())
                || aliases
                    .into_iter()
                    .flatten()
                    .any(|a| a.as_str() == Some(id.as_str()))
        });
        resource_ok && image_ok && id_ok
    }

    /// Whether the waiver has expired at `now` (seconds since the epoch).
    pub fn expired(&self, now: i64) -> bool {
        crate::clock::parse(&self.expires).is_none_or(|expires| now > expires)
    }
}

/// A finding and the waiver that covers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waived {
    /// The finding.
    pub finding: Finding,
    /// The waiver.
    pub waiver: Waiver,
}

/// A set of waivers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Waivers {
    waivers: Vec<Waiver>,
}

impl Waivers {
    /// No waivers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every waiver, in the order given.
    pub fn iter(&self) -> impl Iterator<Item = &Waiver> {
        self.waivers.iter()
    }

    /// Adds the waivers of another set.
    pub fn extend(&mut self, other: Waivers) {
        self.waivers.extend(other.waivers);
    }

    /// Reads a waivers file (YAML or JSON).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when it cannot be read; otherwise as [`Waivers::from_text`].
    pub fn from_file(path: &Path) -> Result<Waivers> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Waivers::from_text(&path.display().to_string(), &text)
    }

    /// Reads waivers from text; `file` names it in errors.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] when the text is malformed; [`Error::Input`] with file, line and JSON
    /// pointer when a document is not a waivers document or a waiver lacks a field, names no
    /// resource or image, or has an expiry that is not a date.
    pub fn from_text(file: &str, text: &str) -> Result<Waivers> {
        let mut waivers = Vec::new();
        for doc in parse_documents(file, text)? {
            read_document(&doc, &mut waivers)?;
        }
        Ok(Waivers { waivers })
    }
}

fn read_document(doc: &Document, out: &mut Vec<Waiver>) -> Result<()> {
    let fields = Fields { doc };
    let error = |pointer: &str, message: String| fields.error(pointer, message);
    let is_waivers = doc.value.get("apiVersion").and_then(Value::as_str) == Some(FACTS_API_VERSION)
        && doc.value.get("kind").and_then(Value::as_str) == Some(WAIVERS_KIND);
    if !is_waivers {
        return Err(error(
            "",
            format!(
                "not a waivers document (`apiVersion: {FACTS_API_VERSION}`, `kind: {WAIVERS_KIND}`)"
            ),
        ));
    }
    let list = doc
        .value
        .get("waivers")
        .and_then(Value::as_array)
        .ok_or_else(|| error("", "the document has no `waivers` list".to_owned()))?;
    for (i, item) in list.iter().enumerate() {
        let pointer = format!("/waivers/{i}");
        let mut waiver: Waiver = serde_json::from_value(item.clone())
            .map_err(|e| error(&pointer, format!("malformed waiver: {e}")))?;
        let names_resource = waiver.resource.as_ref().is_some_and(|r| r.name.is_some());
        if !names_resource && waiver.image.is_none() {
            return Err(error(
                &pointer,
                "a waiver names a resource (at least its `name`) or an `image`".to_owned(),
            ));
        }
        if let Some(image) = &waiver.image {
            ImageRef::parse(image)
                .map_err(|e| error(&format!("{pointer}/image"), e.to_string()))?;
        }
        for (field, value) in [("owner", &waiver.owner), ("reason", &waiver.reason)] {
            if value.trim().is_empty() {
                return Err(error(
                    &format!("{pointer}/{field}"),
                    format!("`{field}` is empty"),
                ));
            }
        }
        if crate::clock::parse(&waiver.expires).is_none() {
            return Err(error(
                &format!("{pointer}/expires"),
                format!(
                    "`expires` `{}` is not a date (`2027-01-31`) or an RFC 3339 time",
                    waiver.expires
                ),
            ));
        }
        waiver.source = Some(doc.source_of(&pointer));
        out.push(waiver);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::RuleMetadata;
    use crate::report::{FindingEvidence, Resource};

    fn finding(rule: &str, container: &str, id: &str) -> Finding {
        let metadata = RuleMetadata::from_value(serde_json::json!({
            "id": rule, "title": "t", "pillar": "image", "severity": "high", "action": "deny",
            "stages": ["build"], "remediation": "r", "controls": {}
        }))
        .unwrap_or_else(|e| unreachable!("{e}"));
        let resource = Resource {
            kind: "Pod".into(),
            namespace: Some("shop".into()),
            name: "web".into(),
            container: Some(container.into()),
            image: Some("docker.io/library/nginx:1.27".into()),
        };
        let mut f = Finding::new(&metadata, resource, "m".into());
        f.evidence = Some(FindingEvidence {
            pointer: "/x".into(),
            value: serde_json::json!({"id": id}),
        });
        f
    }

    fn waivers(text: &str) -> Waivers {
        Waivers::from_text("w.yaml", text).unwrap_or_else(|e| unreachable!("{e}"))
    }

    const HEAD: &str = "apiVersion: ztguard.dev/v1\nkind: Waivers\nwaivers:\n";

    #[test]
    fn a_waiver_covers_only_what_it_names() {
        let w = waivers(&format!(
            "{HEAD}- {{rule: ZT-IMG-007, resource: {{name: web, container: app}}, id: CVE-1, owner: o, reason: r, expires: 2030-01-01}}\n"
        ));
        let waiver = w.iter().next().unwrap_or_else(|| unreachable!());
        assert!(waiver.covers(&finding("ZT-IMG-007", "app", "CVE-1")));
        assert!(
            !waiver.covers(&finding("ZT-IMG-007", "app", "CVE-2")),
            "another vulnerability"
        );
        assert!(
            !waiver.covers(&finding("ZT-IMG-007", "sidecar", "CVE-1")),
            "another container"
        );
        assert!(
            !waiver.covers(&finding("ZT-IMG-005", "app", "CVE-1")),
            "another rule"
        );
    }

    #[test]
    fn an_image_waiver_compares_fully_qualified_images() {
        let w = waivers(&format!(
            "{HEAD}- {{rule: ZT-IMG-004, image: 'nginx:1.27', owner: o, reason: r, expires: 2030-01-01}}\n"
        ));
        let waiver = w.iter().next().unwrap_or_else(|| unreachable!());
        assert!(waiver.covers(&finding("ZT-IMG-004", "app", "x")));
    }

    #[test]
    fn expiry_is_the_end_of_the_day() {
        let w = waivers(&format!(
            "{HEAD}- {{rule: ZT-IMG-004, image: 'nginx:1.27', owner: o, reason: r, expires: 2026-11-15}}\n"
        ));
        let waiver = w.iter().next().unwrap_or_else(|| unreachable!());
        let at = |t: &str| crate::clock::parse(t).unwrap_or_default();
        assert!(!waiver.expired(at("2026-11-15T23:59:59Z")));
        assert!(waiver.expired(at("2026-11-16T00:00:00Z")));
    }
}
