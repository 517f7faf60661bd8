//! Facts: the normalized model of a deployment that policies read, its JSON Schema, and how a
//! facts document is validated and read.

mod iam;
mod model;
mod network;
mod rbac;
mod runtime;

use std::sync::LazyLock;

use serde_json::Value;

pub use iam::*;
pub use model::*;
pub use network::*;
pub use rbac::*;
pub use runtime::*;

use crate::document::Document;
use crate::error::{Error, Location, Result, SchemaViolation};

/// The facts JSON Schema, version 1, as shipped in `schema/facts-v1.schema.json`.
pub const FACTS_SCHEMA: &str = include_str!("../../schema/facts-v1.schema.json");

static VALIDATOR: LazyLock<std::result::Result<jsonschema::Validator, String>> =
    LazyLock::new(|| {
        let schema: Value = serde_json::from_str(FACTS_SCHEMA).map_err(|e| e.to_string())?;
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .map_err(|e| e.to_string())
    });

static EVENT_VALIDATOR: LazyLock<std::result::Result<jsonschema::Validator, String>> =
    LazyLock::new(|| {
        let mut schema: Value = serde_json::from_str(FACTS_SCHEMA).map_err(|e| e.to_string())?;
        let defs = schema
            .get_mut("$defs")
            .map(Value::take)
            .ok_or("the facts schema has no `$defs`")?;
        let event = serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": "#/$defs/runtimeEvent",
            "$defs": defs,
        });
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&event)
            .map_err(|e| e.to_string())
    });

/// Checks a facts value against the facts schema, listing every violation with its JSON
/// pointer.
///
/// # Errors
///
/// [`Error::Schema`] with every violation when the value breaks the schema.
pub fn validate(value: &Value, file: Option<&str>) -> Result<()> {
    check(&VALIDATOR, value, file)
}

/// Checks one runtime event, as a line of an event stream holds it, against the facts
/// schema's `runtimeEvent`; violations name the document's line.
///
/// # Errors
///
/// [`Error::Schema`] with every violation when the value is not a valid event.
pub(crate) fn validate_event(value: &Value, doc: &Document) -> Result<()> {
    check(&EVENT_VALIDATOR, value, Some(&doc.file)).map_err(|e| with_lines(e, doc))
}

/// Gives each schema violation (or an input error's pointer) the line of `doc` it leads to.
fn with_lines(error: Error, doc: &Document) -> Error {
    match error {
        Error::Input {
            mut location,
            message,
        } => {
            if location.line.is_none() {
                location.line = location.pointer.as_deref().and_then(|p| doc.line_of(p));
            }
            Error::Input { location, message }
        }
        Error::Schema {
            file,
            mut violations,
        } => {
            for v in &mut violations {
                v.line = doc.line_of(&v.pointer);
            }
            Error::Schema { file, violations }
        }
        other => other,
    }
}

fn check(
    validator: &LazyLock<std::result::Result<jsonschema::Validator, String>>,
    value: &Value,
    file: Option<&str>,
) -> Result<()> {
    let validator = validator.as_ref().map_err(|message| Error::Input {
        location: Box::new(Location::file("schema/facts-v1.schema.json")),
        message: format!("the built-in facts schema does not compile: {message}"),
    })?;
    let mut violations: Vec<SchemaViolation> = validator
        .iter_errors(value)
        .map(|e| SchemaViolation {
            pointer: e.instance_path().to_string(),
            line: None,
            message: e.to_string(),
        })
        .collect();
    if violations.is_empty() {
        return Ok(());
    }
    violations.sort_by(|a, b| {
        a.pointer
            .cmp(&b.pointer)
            .then_with(|| a.message.cmp(&b.message))
    });
    violations.dedup();
    Err(Error::Schema {
        file: file.map(str::to_owned),
        violations,
    })
}

/// Reads facts from a JSON value: validates it against the schema, then reads it into the
/// typed model.
///
/// # Errors
///
/// [`Error::Schema`] when the value breaks the schema; [`Error::Input`] when it passes the
/// schema but cannot be read (for example, an image whose parsed fields disagree with its name).
pub fn from_value(value: &Value, file: Option<&str>) -> Result<Facts> {
    validate(value, file)?;
    check_times(value, file)?;
    let facts: Facts = serde_json::from_value(value.clone()).map_err(|e| Error::Input {
        location: Box::new(Location {
            file: file.map(str::to_owned),
            ..Location::default()
        }),
        message: format!("facts cannot be read: {e}"),
    })?;
    Ok(facts)
}

/// Refuses times that policies cannot compare: `time` and `observed_at` fields that are not
/// full RFC 3339 dates and times (the schema's `date-time` format check lets some through, such
/// as a `/` for a digit), or that fall before 1678 or after 2261. Rego's time builtins would
/// fail on them in the middle of a rule.
///
/// # Errors
///
/// [`Error::Input`] naming the JSON pointer of the first such time.
pub fn check_times(value: &Value, file: Option<&str>) -> Result<()> {
    times_within(value, file, &mut String::new())
}

fn times_within(value: &Value, file: Option<&str>, pointer: &mut String) -> Result<()> {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&crate::document::escape_pointer(key));
                if let (true, Value::String(text)) = (key == "time" || key == "observed_at", item) {
                    // A date and time, in full: Rego's time builtins take nothing less.
                    let seconds = crate::clock::parse(text).filter(|_| text.len() > 10);
                    let problem = match seconds {
                        None => Some("is not an RFC 3339 date and time"),
                        Some(s)
                            if !(crate::clock::EARLIEST..=crate::clock::LATEST).contains(&s) =>
                        {
                            Some("is outside the times policies can compare (1678 to 2261)")
                        }
                        Some(_) => None,
                    };
                    if let Some(problem) = problem {
                        return Err(Error::Input {
                            location: Box::new(Location {
                                file: file.map(str::to_owned),
                                pointer: Some(pointer.clone()),
                                ..Location::default()
                            }),
                            message: format!("`{key}` `{text}` {problem}"),
                        });
                    }
                }
                times_within(item, file, pointer)?;
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&i.to_string());
                times_within(item, file, pointer)?;
                pointer.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

/// Reads facts from JSON text.
///
/// # Errors
///
/// [`Error::Parse`] when the text is not JSON, otherwise as [`from_value`].
pub fn from_json_str(text: &str) -> Result<Facts> {
    let value: Value = serde_json::from_str(text).map_err(|e| Error::Parse {
        location: Box::new(Location::default().at(e.line(), Some(e.column()))),
        message: format!("invalid JSON: {e}"),
    })?;
    from_value(&value, None)
}

/// Whether a parsed document is a facts document (`apiVersion: ztguard.dev/v1`,
/// `kind: Facts`) rather than a Kubernetes object.
pub fn is_facts_document(value: &Value) -> bool {
    value.get("apiVersion").and_then(Value::as_str) == Some(FACTS_API_VERSION)
        && value.get("kind").and_then(Value::as_str) == Some(FACTS_KIND)
}

/// Reads a facts document from a file, recording where each fact was read.
///
/// # Errors
///
/// As [`from_value`].
pub fn from_document(doc: &Document) -> Result<Facts> {
    let mut facts = from_value(&doc.value, Some(&doc.file)).map_err(|e| with_lines(e, doc))?;
    let locate = |source: &mut Option<Source>, pointer: String| {
        if source.is_none() {
            *source = Some(doc.source_of(&pointer));
        }
    };
    for (i, image) in facts.images.iter_mut().enumerate() {
        locate(&mut image.source, format!("/images/{i}"));
    }
    for (i, workload) in facts.workloads.iter_mut().enumerate() {
        locate(&mut workload.source, format!("/workloads/{i}"));
        for (j, container) in workload.containers.iter_mut().enumerate() {
            locate(
                &mut container.source,
                format!("/workloads/{i}/containers/{j}"),
            );
        }
    }
    for (i, namespace) in facts.network.namespaces.iter_mut().enumerate() {
        locate(&mut namespace.source, format!("/network/namespaces/{i}"));
    }
    for (i, policy) in facts.network.policies.iter_mut().enumerate() {
        locate(&mut policy.source, format!("/network/policies/{i}"));
    }
    for (i, event) in facts.runtime.events.iter_mut().enumerate() {
        locate(&mut event.source, format!("/runtime/events/{i}"));
    }
    Ok(facts)
}
