//! Errors of every ztguard operation, and the serializable record that bindings and output
//! formats show.
//!
//! Each variant has a stable [`ErrorCode`]; users script against the code, never the message.
//! Messages are lowercase, name the offending value in backticks, and the [`Location`] says
//! where: a file and line for inputs, a JSON pointer into facts, a policy file and rule for Rego.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where a problem or a fact comes from. Every field is optional; the more is known, the more
/// is filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Input or policy file, as given by the caller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line in `file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column in `file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// JSON pointer into the facts document (or the input document for schema errors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// Policy rule, as `data.<package>.<rule>` or a rule id such as `ZT-IMG-001`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: Some(file.into()),
            ..Location::default()
        }
    }

    /// A location naming only a JSON pointer.
    pub fn pointer(pointer: impl Into<String>) -> Self {
        Location {
            pointer: Some(pointer.into()),
            ..Location::default()
        }
    }

    /// This location with a line (and optional column) added.
    #[must_use]
    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    fn is_empty(&self) -> bool {
        *self == Location::default()
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            let mut place = file.clone();
            if let Some(line) = self.line {
                place.push_str(&format!(":{line}"));
                if let Some(column) = self.column {
                    place.push_str(&format!(":{column}"));
                }
            }
            parts.push(place);
        }
        if let Some(pointer) = &self.pointer {
            parts.push(format!("at `{pointer}`"));
        }
        if let Some(rule) = &self.rule {
            parts.push(format!("in rule `{rule}`"));
        }
        f.write_str(&parts.join(" "))
    }
}

/// One violation of the facts schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaViolation {
    /// JSON pointer to the offending value.
    pub pointer: String,
    /// Line of the offending value in the input file, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What is wrong with it.
    pub message: String,
}

/// Stable error codes. They are part of the public API: never renamed, never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A file or stream could not be read.
    Io,
    /// YAML or JSON text could not be parsed.
    Parse,
    /// A facts document breaks the facts schema.
    Schema,
    /// Well-formed input that ztguard cannot use (for example, a malformed manifest).
    Input,
    /// A Rego module failed to parse or compile.
    Policy,
    /// A rule's metadata is missing or malformed.
    Metadata,
    /// Rule parameters (data) are malformed.
    Data,
    /// Evaluating a rule failed.
    Eval,
    /// A configured limit was exceeded.
    Limit,
    /// A defect in ztguard or a library it uses; the message says what failed.
    Internal,
}

impl ErrorCode {
    /// The code as users see it, for example `schema`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Io => "io",
            ErrorCode::Parse => "parse",
            ErrorCode::Schema => "schema",
            ErrorCode::Input => "input",
            ErrorCode::Policy => "policy",
            ErrorCode::Metadata => "metadata",
            ErrorCode::Data => "data",
            ErrorCode::Eval => "eval",
            ErrorCode::Limit => "limit",
            ErrorCode::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every error ztguard returns.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// YAML or JSON text could not be parsed.
    #[error("{}", located(.location, .message))]
    Parse {
        /// Where the text broke (file, line, column).
        location: Box<Location>,
        /// What the parser said.
        message: String,
    },
    /// A facts document breaks the facts schema. Every violation is listed.
    #[error("{}", schema_message(.file.as_deref(), .violations))]
    Schema {
        /// The file the document came from, when known.
        file: Option<String>,
        /// Each violation, with its JSON pointer.
        violations: Vec<SchemaViolation>,
    },
    /// Well-formed input that cannot be used.
    #[error("{}", located(.location, .message))]
    Input {
        /// Where.
        location: Box<Location>,
        /// What is wrong.
        message: String,
    },
    /// A Rego module failed to parse or compile.
    #[error("policy `{file}`: {message}")]
    Policy {
        /// The policy file.
        file: String,
        /// The parser's or compiler's message, with line and column.
        message: String,
    },
    /// A rule's metadata is missing or malformed.
    #[error("policy `{file}`, rule `{package}`: {message}")]
    Metadata {
        /// The policy file that declares the rule.
        file: String,
        /// The rule's Rego package, for example `data.ztguard.rules.image.mutable_tag`.
        package: String,
        /// What is wrong.
        message: String,
    },
    /// Rule parameters are malformed.
    #[error("data{}: {message}", .file.as_ref().map(|f| format!(" `{f}`")).unwrap_or_default())]
    Data {
        /// The data file, when it came from one.
        file: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// Evaluating a rule failed.
    #[error("rule `{rule}` failed: {message}")]
    Eval {
        /// The rule (`data.<package>.findings`) that failed.
        rule: String,
        /// The policy file that declares it, when known.
        file: Option<String>,
        /// What failed.
        message: String,
    },
    /// An evaluation ran past its time limit.
    #[error("evaluation exceeded the time limit of {} ms in rule `{rule}`", .limit.as_millis())]
    TimeLimit {
        /// The rule being evaluated when the limit was reached.
        rule: String,
        /// The configured limit.
        limit: Duration,
    },
    /// Some other configured limit was exceeded.
    #[error("{}", located(.location, .message))]
    Limit {
        /// Where.
        location: Box<Location>,
        /// Which limit, and by how much.
        message: String,
    },
    /// ztguard or a library it uses failed where it should not have: a defect to report.
    #[error("internal error: {message}")]
    Internal {
        /// What failed.
        message: String,
    },
}

/// `location: message`, or the message alone when nothing is known of where.
fn located(location: &Location, message: &str) -> String {
    if location.is_empty() {
        message.to_owned()
    } else {
        format!("{location}: {message}")
    }
}

fn schema_message(file: Option<&str>, violations: &[SchemaViolation]) -> String {
    let mut out = match file {
        Some(file) => format!("`{file}` breaks the facts schema"),
        None => "the facts break the facts schema".to_owned(),
    };
    for v in violations {
        let pointer = if v.pointer.is_empty() {
            "/"
        } else {
            v.pointer.as_str()
        };
        match v.line {
            Some(line) => out.push_str(&format!("\n  line {line}, at `{pointer}`: {}", v.message)),
            None => out.push_str(&format!("\n  at `{pointer}`: {}", v.message)),
        }
    }
    out
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Io { .. } => ErrorCode::Io,
            Error::Parse { .. } => ErrorCode::Parse,
            Error::Schema { .. } => ErrorCode::Schema,
            Error::Input { .. } => ErrorCode::Input,
            Error::Policy { .. } => ErrorCode::Policy,
            Error::Metadata { .. } => ErrorCode::Metadata,
            Error::Data { .. } => ErrorCode::Data,
            Error::Eval { .. } => ErrorCode::Eval,
            Error::TimeLimit { .. } | Error::Limit { .. } => ErrorCode::Limit,
            Error::Internal { .. } => ErrorCode::Internal,
        }
    }

    /// Where the problem is, as precisely as known.
    pub fn location(&self) -> Location {
        match self {
            Error::Io { path, .. } => Location::file(path.display().to_string()),
            Error::Parse { location, .. }
            | Error::Input { location, .. }
            | Error::Limit { location, .. } => (**location).clone(),
            Error::Schema { file, violations } => Location {
                file: file.clone(),
                pointer: violations.first().map(|v| v.pointer.clone()),
                ..Location::default()
            },
            Error::Policy { file, message } => {
                let (line, column) = rego_position(message);
                Location {
                    file: Some(file.clone()),
                    line,
                    column,
                    ..Location::default()
                }
            }
            Error::Metadata { file, package, .. } => Location {
                file: Some(file.clone()),
                rule: Some(package.clone()),
                ..Location::default()
            },
            Error::Data { file, .. } => Location {
                file: file.clone(),
                ..Location::default()
            },
            Error::Eval { rule, file, .. } => Location {
                file: file.clone(),
                rule: Some(rule.clone()),
                ..Location::default()
            },
            Error::TimeLimit { rule, .. } => Location {
                rule: Some(rule.clone()),
                ..Location::default()
            },
            Error::Internal { .. } => Location::default(),
        }
    }

    /// The serializable record of this error, as bindings and output formats show it.
    pub fn record(&self) -> ErrorRecord {
        let location = self.location();
        ErrorRecord {
            code: self.code(),
            message: self.to_string(),
            location: (!location.is_empty()).then_some(location),
            violations: match self {
                Error::Schema { violations, .. } => violations.clone(),
                _ => Vec::new(),
            },
        }
    }
}

/// Runs `f`, turning a panic inside it into [`Error::Internal`]. Bindings call the library
/// through this, so that a defect surfaces as an error in the caller's language instead of
/// unwinding into a foreign runtime.
///
/// # Errors
///
/// Whatever `f` returns, or [`Error::Internal`] with the panic's message.
pub fn catch_panic<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        Err(Error::Internal { message })
    })
}

/// Finds the `file:LINE:COL` position regorus writes into its parse and compile messages.
fn rego_position(message: &str) -> (Option<usize>, Option<usize>) {
    for line in message.lines() {
        let Some(rest) = line.trim_start().strip_prefix("--> ") else {
            continue;
        };
        let mut parts = rest.rsplitn(3, ':');
        let column = parts.next().and_then(|c| c.trim().parse().ok());
        let line = parts.next().and_then(|l| l.trim().parse().ok());
        if line.is_some() {
            return (line, column);
        }
    }
    (None, None)
}

/// The error as data: what crosses every language boundary and what JSON output shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// Stable error code.
    pub code: ErrorCode,
    /// Human-readable message, including the location.
    pub message: String,
    /// Where, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Every schema violation, for `schema` errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub violations: Vec<SchemaViolation>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_with_its_message() {
        let error = catch_panic::<()>(|| panic!("index {} out of range", 3)).unwrap_err();
        assert_eq!(error.code(), ErrorCode::Internal);
        assert_eq!(error.to_string(), "internal error: index 3 out of range");
    }

    #[test]
    fn an_error_that_knows_no_location_is_its_message_alone() {
        let error = Error::Input {
            location: Box::default(),
            message: "no facts given".to_owned(),
        };
        assert_eq!(error.to_string(), "no facts given");
        let error = Error::Input {
            location: Box::new(Location::pointer("/time")),
            message: "not a time".to_owned(),
        };
        assert_eq!(error.to_string(), "at `/time`: not a time");
    }

    #[test]
    fn results_pass_through_the_panic_guard() {
        assert_eq!(catch_panic(|| Ok(7)).ok(), Some(7));
        let error = catch_panic::<()>(|| {
            Err(Error::Data {
                file: None,
                message: "bad".to_owned(),
            })
        })
        .unwrap_err();
        assert_eq!(error.code(), ErrorCode::Data);
    }
}
