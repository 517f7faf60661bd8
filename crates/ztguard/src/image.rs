//! Image references, parsed the way container tooling reads them.
//!
//! `nginx` means `docker.io/library/nginx`; the first path component is a registry only when
//! it holds a `.` or a `:`, or is `localhost`; a tag follows the last `:` of the last path
//! component; a digest follows `@`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// The registry that references without one resolve to.
pub const DEFAULT_REGISTRY: &str = "docker.io";

/// A parsed image reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ImageRef {
    /// The reference as written, for example `nginx:1.25`.
    pub name: String,
    /// Registry host (with port), for example `docker.io` or `localhost:5000`.
    pub registry: String,
    /// Repository path, for example `library/nginx`.
    pub repository: String,
    /// Tag, when one is given.
    pub tag: Option<String>,
    /// Digest (`algorithm:hex`), when one is given.
    pub digest: Option<String>,
}

/// Why an image reference could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid image reference `{reference}`: {reason}")]
pub struct ImageRefError {
    /// The reference as written.
    pub reference: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl ImageRef {
    /// Parses a reference as written in a manifest.
    ///
    /// # Errors
    ///
    /// Fails when the reference is empty, has an empty path component, an empty tag or a
    /// malformed digest, or contains whitespace or upper-case letters in the repository.
    pub fn parse(reference: &str) -> Result<ImageRef, ImageRefError> {
        let fail = |reason| ImageRefError {
            reference: reference.to_owned(),
            reason,
        };
        if reference.is_empty() {
            return Err(fail("the reference is empty"));
        }
        if reference
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(fail("the reference contains whitespace"));
        }

        let (rest, digest) = match reference.split_once('@') {
            Some((rest, digest)) => (rest, Some(parse_digest(digest).map_err(fail)?)),
            None => (reference, None),
        };
        let (path, tag) = split_tag(rest);
        if tag == Some("") {
            return Err(fail("the tag is empty"));
        }
        if let Some(tag) = tag {
            if !tag
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
            {
                return Err(fail(
                    "the tag has characters other than letters, digits, `_.-`",
                ));
            }
        }

        let (registry, repository) = split_registry(path);
        if repository.is_empty() || repository.split('/').any(str::is_empty) {
            return Err(fail("the repository path has an empty component"));
        }
        if repository.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(fail("the repository must be lower case"));
        }
        if registry.is_empty() {
            return Err(fail("the registry is empty"));
        }
        let repository = if registry == DEFAULT_REGISTRY && !repository.contains('/') {
            format!("library/{repository}")
        } else {
            repository.to_owned()
        };

        Ok(ImageRef {
            name: reference.to_owned(),
            registry,
            repository,
            tag: tag.map(str::to_owned),
            digest,
        })
    }

    /// The fully qualified reference: `registry/repository[:tag][@digest]`.
    pub fn canonical(&self) -> String {
        let mut out = format!("{}/{}", self.registry, self.repository);
        if let Some(tag) = &self.tag {
            out.push(':');
            out.push_str(tag);
        }
        if let Some(digest) = &self.digest {
            out.push('@');
            out.push_str(digest);
        }
        out
    }
}

impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

fn split_tag(rest: &str) -> (&str, Option<&str>) {
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest.get(last_slash..).and_then(|last| last.rfind(':')) {
        Some(colon) => {
            let at = last_slash + colon;
            (rest.get(..at).unwrap_or(rest), rest.get(at + 1..))
        }
        None => (rest, None),
    }
}

/// Host names Docker Hub answers to besides [`DEFAULT_REGISTRY`].
const DOCKER_HUB_ALIASES: &[&str] = &["index.docker.io", "registry-1.docker.io"];

/// Splits off the registry, lower-cased (host names are case-insensitive) with Docker Hub's
/// aliases folded into `docker.io`, so one registry has one spelling.
fn split_registry(path: &str) -> (String, &str) {
    match path.split_once('/') {
        Some((first, rest))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            let host = first.to_ascii_lowercase();
            if DOCKER_HUB_ALIASES.contains(&host.as_str()) {
                (DEFAULT_REGISTRY.to_owned(), rest)
            } else {
                (host, rest)
            }
        }
        _ => (DEFAULT_REGISTRY.to_owned(), path),
    }
}

fn parse_digest(digest: &str) -> Result<String, &'static str> {
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return Err("the digest has no algorithm (`sha256:...`)");
    };
    let algorithm_ok = !algorithm.is_empty()
        && algorithm
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+._-".contains(c));
    if !algorithm_ok {
        return Err("the digest algorithm is malformed");
    }
    if hex.len() < 32
        || !hex
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    {
        return Err("the digest must be at least 32 lower-case hex characters");
    }
    if algorithm == "sha256" && hex.len() != 64 {
        return Err("a sha256 digest has 64 hex characters");
    }
    Ok(digest.to_owned())
}

/// Facts may give an image as a plain string or as an object with at least `name`; either way
/// the parsed fields are computed from `name`, and given ones must agree with them.
impl<'de> Deserialize<'de> for ImageRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Name(String),
            Parts(Parts),
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Parts {
            name: String,
            registry: Option<String>,
            repository: Option<String>,
            tag: Option<String>,
            digest: Option<String>,
        }

        let parts = match Repr::deserialize(deserializer)? {
            Repr::Name(name) => return ImageRef::parse(&name).map_err(serde::de::Error::custom),
            Repr::Parts(parts) => parts,
        };
        let parsed = ImageRef::parse(&parts.name).map_err(serde::de::Error::custom)?;
        let disagrees = |given: &Option<String>, computed: Option<&String>| {
            given.as_ref().is_some_and(|g| Some(g) != computed)
        };
        if disagrees(&parts.registry, Some(&parsed.registry))
            || disagrees(&parts.repository, Some(&parsed.repository))
            || disagrees(&parts.tag, parsed.tag.as_ref())
            || disagrees(&parts.digest, parsed.digest.as_ref())
        {
            return Err(serde::de::Error::custom(format!(
                "image `{}` parses as `{}`, which disagrees with the fields given beside it",
                parts.name,
                parsed.canonical()
            )));
        }
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(reference: &str) -> (String, String, Option<String>, Option<String>) {
        let r = ImageRef::parse(reference).unwrap_or_else(|e| unreachable!("{e}"));
        (r.registry, r.repository, r.tag, r.digest)
    }

    const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn single_name_resolves_to_docker_library() {
        assert_eq!(
            parts("nginx"),
            ("docker.io".into(), "library/nginx".into(), None, None)
        );
    }

    #[test]
    fn registry_with_port_is_not_a_tag() {
        assert_eq!(
            parts("localhost:5000/team/app:1.2"),
            (
                "localhost:5000".into(),
                "team/app".into(),
                Some("1.2".into()),
                None
            )
        );
    }

    #[test]
    fn first_component_without_dot_is_a_docker_hub_namespace() {
        assert_eq!(
            parts("acme/app:v1"),
            (
                "docker.io".into(),
                "acme/app".into(),
                Some("v1".into()),
                None
            )
        );
    }

    #[test]
    fn registries_have_one_spelling() {
        assert_eq!(parts("index.docker.io/nginx"), parts("nginx"));
        assert_eq!(parts("registry-1.docker.io/acme/app"), parts("acme/app"));
        assert_eq!(parts("DOCKER.IO/acme/app"), parts("acme/app"));
        assert_eq!(parts("Registry.Example.com/x").0, "registry.example.com");
    }

    #[test]
    fn tag_and_digest_together() {
        let (registry, repository, tag, digest) = parts(&format!("ghcr.io/acme/app:v1@{DIGEST}"));
        assert_eq!(
            (registry.as_str(), repository.as_str()),
            ("ghcr.io", "acme/app")
        );
        assert_eq!(
            (tag.as_deref(), digest.as_deref()),
            (Some("v1"), Some(DIGEST))
        );
    }

    #[test]
    fn malformed_references_say_why() {
        let err = |r: &str| {
            ImageRef::parse(r)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            err(""),
            "invalid image reference ``: the reference is empty"
        );
        assert_eq!(
            err("nginx:"),
            "invalid image reference `nginx:`: the tag is empty"
        );
        assert_eq!(
            err("nginx@sha256:abc"),
            "invalid image reference `nginx@sha256:abc`: the digest must be at least 32 lower-case hex characters"
        );
        assert_eq!(
            err("Acme/App"),
            "invalid image reference `Acme/App`: the repository must be lower case"
        );
    }
}
