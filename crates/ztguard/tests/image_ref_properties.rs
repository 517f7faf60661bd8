//! Properties of the image reference parser, checked on generated references.

use proptest::prelude::*;
use ztguard::image::ImageRef;

fn registry() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("docker.io".to_owned())),
        Just(Some("localhost".to_owned())),
        "[a-z][a-z0-9-]{0,10}(\\.[a-z][a-z0-9-]{0,10}){1,3}(:[0-9]{2,5})?".prop_map(Some),
        "[a-z][a-z0-9]{0,10}:[0-9]{2,5}".prop_map(Some),
    ]
}

fn reference()
-> impl Strategy<Value = (Option<String>, Vec<String>, Option<String>, Option<String>)> {
    (
        registry(),
        // No `.` in path components: a dotted first component is a registry by definition.
        prop::collection::vec("[a-z0-9]+([_-][a-z0-9]+)?", 1..4),
        prop::option::of("[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}"),
        prop::option::of("[0-9a-f]{64}".prop_map(|hex| format!("sha256:{hex}"))),
    )
}

fn render(
    registry: &Option<String>,
    path: &[String],
    tag: &Option<String>,
    digest: &Option<String>,
) -> String {
    let mut out = String::new();
    if let Some(registry) = registry {
        out.push_str(registry);
        out.push('/');
    }
    out.push_str(&path.join("/"));
    if let Some(tag) = tag {
        out.push(':');
        out.push_str(tag);
    }
    if let Some(digest) = digest {
        out.push('@');
        out.push_str(digest);
    }
    out
}

proptest! {
    #[test]
    fn parse_print_parse_is_identity((registry, path, tag, digest) in reference()) {
        let written = render(&registry, &path, &tag, &digest);
        let parsed = ImageRef::parse(&written).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = ImageRef::parse(&parsed.canonical()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&again.registry, &parsed.registry);
        prop_assert_eq!(&again.repository, &parsed.repository);
        prop_assert_eq!(&again.tag, &parsed.tag);
        prop_assert_eq!(&again.digest, &parsed.digest);
        prop_assert_eq!(again.canonical(), parsed.canonical());
    }

    #[test]
    fn parsed_parts_are_what_was_written((registry, path, tag, digest) in reference()) {
        let written = render(&registry, &path, &tag, &digest);
        let parsed = ImageRef::parse(&written).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let expected_registry = registry.clone().unwrap_or_else(|| "docker.io".to_owned());
        prop_assert_eq!(&parsed.registry, &expected_registry);
        let joined = path.join("/");
        if expected_registry == "docker.io" && path.len() == 1 {
            prop_assert_eq!(parsed.repository, format!("library/{joined}"));
        } else {
            prop_assert_eq!(parsed.repository, joined);
        }
        prop_assert_eq!(parsed.tag, tag);
        prop_assert_eq!(parsed.digest, digest);
    }

    #[test]
    fn any_string_parses_or_errors_without_panicking(text in any::<String>()) {
        let _ = ImageRef::parse(&text);
    }

    #[test]
    fn reference_like_strings_parse_or_error_without_panicking(text in "[a-zA-Z0-9:/@._-]{0,40}") {
        if let Ok(parsed) = ImageRef::parse(&text) {
            prop_assert!(ImageRef::parse(&parsed.canonical()).is_ok(), "{} -> {}", text, parsed.canonical());
        }
    }
}
