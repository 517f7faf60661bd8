//! Runtime events, whatever sensor reported them: Tetragon's JSON export, Kubernetes audit
//! events, or ztguard's native format (one [`RuntimeEvent`] object per line, as in the
//! `runtime.events` list of a facts document).

use serde_json::Value;

use super::fields::Fields;
use super::{k8s_audit, tetragon};
use crate::document::Document;
use crate::error::{Error, Location, Result};
use crate::facts::{EventType, RuntimeEvent};

/// What one record of an event stream turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// An event ztguard evaluates.
    Event(Box<RuntimeEvent>),
    /// A well-formed record that is not activity ztguard models (a process exit, an audit
    /// event about something other than exec, attach or port-forward), and why.
    Ignored(String),
}

/// The formats an event record can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFormat {
    /// Cilium Tetragon's JSON export.
    Tetragon,
    /// A Kubernetes `audit.k8s.io/v1` `Event`.
    KubernetesAudit,
    /// ztguard's native event object.
    Native,
}

impl EventFormat {
    /// The format's name, for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            EventFormat::Tetragon => "Tetragon",
            EventFormat::KubernetesAudit => "Kubernetes audit",
            EventFormat::Native => "ztguard",
        }
    }
}

/// Recognizes an event record by its content.
pub fn detect(value: &Value) -> Option<EventFormat> {
    if tetragon::looks_like(value) {
        Some(EventFormat::Tetragon)
    } else if k8s_audit::looks_like(value) {
        Some(EventFormat::KubernetesAudit)
    } else if looks_native(value) {
        Some(EventFormat::Native)
    } else {
        None
    }
}

fn looks_native(value: &Value) -> bool {
    value
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.parse::<EventType>().is_ok())
        && value.get("apiVersion").is_none()
}

/// Reads one event record of a known format.
///
/// # Errors
///
/// [`Error::Input`] or [`Error::Schema`] naming the file, line and JSON pointer of what is
/// malformed.
pub fn read(doc: &Document, format: EventFormat) -> Result<Reading> {
    let fields = Fields { doc };
    let mut reading = match format {
        EventFormat::Tetragon => tetragon::read(fields)?,
        EventFormat::KubernetesAudit => k8s_audit::read(fields)?,
        EventFormat::Native => Reading::Event(Box::new(read_native(doc)?)),
    };
    if let Reading::Event(event) = &mut reading {
        if event.source.is_none() {
            event.source = Some(doc.source_of(""));
        }
    }
    Ok(reading)
}

/// Reads one line of an event stream: JSON text in any of the [`EventFormat`]s.
///
/// # Errors
///
/// [`Error::Parse`] when the line is not JSON, [`Error::Input`] when it is in no event format
/// or malformed, each naming `file` and `line`.
pub fn read_line(file: &str, line: usize, text: &str) -> Result<Reading> {
    let value: Value = serde_json::from_str(text.trim_end()).map_err(|e| {
        let message = e.to_string();
        // The location says where; serde's own "at line 1 column N" would only repeat it.
        let message = match message.rfind(" at line ") {
            Some(at) => message.get(..at).unwrap_or(&message).to_owned(),
            None => message,
        };
        Error::Parse {
            location: Box::new(Location::file(file).at(line, Some(e.column()))),
            message,
        }
    })?;
    read_document(&Document::on_line(file, value, line))
}

/// Reads one event record given as a JSON value, in any of the [`EventFormat`]s, for
/// embedders that receive events already parsed. `file` names its origin in errors and in
/// the event's source.
///
/// # Errors
///
/// [`Error::Input`] when it is in no event format or malformed, naming the JSON pointer.
pub fn read_value(file: &str, value: Value) -> Result<Reading> {
    read_document(&Document::without_lines(file, value))
}

fn read_document(doc: &Document) -> Result<Reading> {
    let format = detect(&doc.value).ok_or_else(|| Error::Input {
        location: Box::new(Location {
            file: Some(doc.file.clone()),
            line: doc.line_of(""),
            ..Location::default()
        }),
        message: "unknown event format: not a Tetragon event, a Kubernetes audit event or a \
                  ztguard event (an object whose `type` is process_exec, file_open, \
                  network_connect or api_request)"
            .to_owned(),
    })?;
    read(doc, format)
}

/// Reads a native event: checked against the facts schema's `runtimeEvent`, so every problem
/// is named with its JSON pointer.
pub(crate) fn read_native(doc: &Document) -> Result<RuntimeEvent> {
    match serde_json::from_value::<RuntimeEvent>(doc.value.clone()) {
        Ok(event) => {
            // Serde cannot check which parts each event type requires; the schema can.
            if event_parts_missing(&event) {
                crate::facts::validate_event(&doc.value, doc)?;
            }
            Ok(event)
        }
        Err(e) => {
            crate::facts::validate_event(&doc.value, doc)?;
            Err(Fields { doc }.error("", format!("not a ztguard event: {e}")))
        }
    }
}

fn event_parts_missing(event: &RuntimeEvent) -> bool {
    match event.kind {
        EventType::ProcessExec => event.process.is_none(),
        EventType::FileOpen => event.process.is_none() || event.file.is_none(),
        EventType::NetworkConnect => event.process.is_none() || event.network.is_none(),
        EventType::ApiRequest => event.api.is_none(),
    }
}
