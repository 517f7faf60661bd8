//! Kubernetes admission: an `AdmissionReview` request in, an `AdmissionReview` response out, so
//! a validating webhook is a few lines in any language ztguard embeds in.
//!
//! ```
//! # fn main() -> Result<(), ztguard::Error> {
//! let engine = ztguard::Engine::builtin()?;
//! let review = r#"{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
//!   "request": {"uid": "705ab4f5-6393-11e8-b7cc-42010a800002", "operation": "CREATE",
//!     "namespace": "shop", "object": {"apiVersion": "v1", "kind": "Pod",
//!       "metadata": {"name": "web"},
//!       "spec": {"containers": [{"name": "app", "image": "nginx:latest",
//!         "securityContext": {"privileged": true}}]}}}}"#;
//! let request = ztguard::admission::AdmissionRequest::from_text("review.json", review)?;
//! let response = engine.admit(&request);
//! assert_eq!(response["response"]["uid"], "705ab4f5-6393-11e8-b7cc-42010a800002");
//! assert_eq!(response["response"]["allowed"], false);
//! assert_eq!(response["response"]["status"]["code"], 403);
//! # Ok(())
//! # }
//! ```

use serde_json::{Value, json};

use crate::document::parse_documents;
use crate::error::{Error, ErrorCode, Location, Result};
use crate::facts::Facts;
use crate::input::Inputs;
use crate::metadata::Action;
use crate::report::Report;
use crate::table::resource_label;
use crate::{Engine, clock};

/// Longest warning the API server passes on whole; longer ones are cut to this many
/// characters, ending in `…`.
pub const MAX_WARNING_CHARS: usize = 256;

/// Longest denial message, in characters; the rest of the findings are counted.
pub const MAX_MESSAGE_CHARS: usize = 1024;

/// A request's version and uid, which an answer needs, and its facts if they could be read.
struct Header {
    api_version: String,
    uid: String,
    facts: Result<Facts>,
}

/// An `AdmissionReview` request: what the API server asked about, and its facts.
#[derive(Debug, Clone, PartialEq)]
pub struct AdmissionRequest {
    /// The review's `apiVersion` (`admission.k8s.io/v1` or `v1beta1`), echoed in the response.
    pub api_version: String,
    /// `request.uid`, echoed in the response.
    pub uid: String,
    /// The object under review, as facts.
    pub facts: Facts,
}

impl AdmissionRequest {
    /// What a request says of itself (its version and uid), and its object read as facts or
    /// the error that reading it gave.
    fn header(file: &str, text: &str) -> Result<Header> {
        crate::limits::Limits::default().check_input(file, text)?;
        let docs = parse_documents(file, text)?;
        let doc = match docs.as_slice() {
            [doc] => doc,
            _ => {
                return Err(Error::Input {
                    location: Box::new(Location::file(file)),
                    message: format!(
                        "expected one AdmissionReview, found {} documents",
                        docs.len()
                    ),
                });
            }
        };
        let problem = |pointer: &str, message: String| Error::Input {
            location: Box::new(Location {
                line: doc.line_of(pointer),
                pointer: Some(pointer.to_owned()),
                ..Location::file(file)
            }),
            message,
        };
        let value = &doc.value;
        if value.get("kind").and_then(Value::as_str) != Some("AdmissionReview") {
            return Err(problem(
                "/kind",
                "not an AdmissionReview: `kind` must be `AdmissionReview`".to_owned(),
            ));
        }
        let api_version = match value.get("apiVersion").and_then(Value::as_str) {
            Some(v @ ("admission.k8s.io/v1" | "admission.k8s.io/v1beta1")) => v.to_owned(),
            other => {
                return Err(problem(
                    "/apiVersion",
                    format!(
                        "`apiVersion` is {}, expected `admission.k8s.io/v1` or \
                         `admission.k8s.io/v1beta1`",
                        other.map_or_else(|| "missing".to_owned(), |v| format!("`{v}`"))
                    ),
                ));
            }
        };
        let uid = match value.pointer("/request/uid").and_then(Value::as_str) {
            Some(uid) if !uid.is_empty() => uid.to_owned(),
            _ => {
                return Err(problem(
                    "/request/uid",
                    "the review has no `request.uid` to answer to".to_owned(),
                ));
            }
        };
        let mut inputs = Inputs::new();
        let facts = inputs
            .add_text(file, text, &clock::now())
            .map(|()| inputs.finish());
        Ok(Header {
            api_version,
            uid,
            facts,
        })
    }

    /// Reads an `AdmissionReview` request from its JSON (or YAML) text.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] for malformed text; [`Error::Input`] naming the file and JSON pointer
    /// when the text holds not exactly one `AdmissionReview`, it has no `request.uid`, or its
    /// object is malformed. [`Engine::admit_text`] answers the last kind instead.
    pub fn from_text(file: &str, text: &str) -> Result<AdmissionRequest> {
        let header = AdmissionRequest::header(file, text)?;
        Ok(AdmissionRequest {
            api_version: header.api_version,
            uid: header.uid,
            facts: header.facts?,
        })
    }

    /// Reads an `AdmissionReview` request from its JSON value, as a webhook framework hands it
    /// over; errors name `<request>` as the file.
    ///
    /// # Errors
    ///
    /// As [`AdmissionRequest::from_text`].
    pub fn from_value(review: &Value) -> Result<AdmissionRequest> {
        AdmissionRequest::from_text("<request>", &review.to_string())
    }

    /// The response to this request for `report`: allowed unless a finding denies, the denying
    /// findings in the status message (HTTP 403), every other finding as a warning.
    pub fn response(&self, report: &Report) -> Value {
        let (denying, others): (Vec<_>, Vec<_>) = report
            .findings
            .iter()
            .partition(|f| f.action == Action::Deny);
        let warnings: Vec<String> = others
            .iter()
            .map(|f| {
                let text = format!(
                    "{} {} ({}): {}",
                    f.rule,
                    resource_label(&f.resource),
                    f.severity,
                    f.message
                );
                truncate(&text, MAX_WARNING_CHARS)
            })
            .collect();
        let mut response = json!({"uid": self.uid, "allowed": denying.is_empty()});
        if let Some(object) = response.as_object_mut() {
            if !denying.is_empty() {
                object.insert(
                    "status".to_owned(),
                    json!({
                        "code": 403,
                        "reason": "Forbidden",
                        "message": denial_message(&denying),
                    }),
                );
            }
            if !warnings.is_empty() {
                object.insert("warnings".to_owned(), json!(warnings));
            }
        }
        self.review(response)
    }

    /// The response when the request could not be judged: denied (nothing is trusted by
    /// default), with the error in the status message (HTTP 500 for an engine failure, 400 for
    /// a request ztguard cannot read).
    pub fn error_response(&self, error: &Error) -> Value {
        error_response(&self.api_version, &self.uid, error)
    }

    fn review(&self, response: Value) -> Value {
        review(&self.api_version, response)
    }
}

fn review(api_version: &str, response: Value) -> Value {
    json!({
        "apiVersion": api_version,
        "kind": "AdmissionReview",
        "response": response,
    })
}

/// The denial that answers a request which could not be judged because of `error` (an engine
/// that did not build, say), when the request's uid can be read; `None` when it cannot.
pub fn unjudged(file: &str, text: &str, error: &Error) -> Option<Value> {
    let header = AdmissionRequest::header(file, text).ok()?;
    Some(error_response(&header.api_version, &header.uid, error))
}

fn error_response(api_version: &str, uid: &str, error: &Error) -> Value {
    let code = match error.code() {
        ErrorCode::Parse | ErrorCode::Schema | ErrorCode::Input => 400,
        _ => 500,
    };
    review(
        api_version,
        json!({
            "uid": uid,
            "allowed": false,
            "status": {
                "code": code,
                "message": truncate(
                    &format!("ztguard could not judge the request: {error}"),
                    MAX_MESSAGE_CHARS,
                ),
            },
        }),
    )
}

impl Engine {
    /// Judges an admission request and answers it. An evaluation error is answered too, with
    /// a denial that carries it (see [`AdmissionRequest::error_response`]).
    pub fn admit(&self, request: &AdmissionRequest) -> Value {
        match self.evaluate(&request.facts) {
            Ok(report) => request.response(&report),
            Err(error) => request.error_response(&error),
        }
    }

    /// Reads an `AdmissionReview` request's text, judges it and answers it. Once the request's
    /// uid is known every failure is answered, with a denial carrying the error: code 400 when
    /// the object under review cannot be read, 500 when judging it fails.
    ///
    /// # Errors
    ///
    /// As [`AdmissionRequest::from_text`], only for a request without a uid to answer to
    /// (malformed text, not an `AdmissionReview`, no `request.uid`).
    pub fn admit_text(&self, file: &str, text: &str) -> Result<Value> {
        let header = AdmissionRequest::header(file, text)?;
        Ok(match header.facts {
            Ok(facts) => self.admit(&AdmissionRequest {
                api_version: header.api_version,
                uid: header.uid,
                facts,
            }),
            Err(error) => error_response(&header.api_version, &header.uid, &error),
        })
    }
}

fn denial_message(denying: &[&crate::report::Finding]) -> String {
    let mut message = String::from("denied by ztguard:");
    for (shown, f) in denying.iter().enumerate() {
        let item = format!(
            " [{}] {}: {};",
            f.rule,
            resource_label(&f.resource),
            f.message
        );
        if shown > 0 && message.chars().count() + item.chars().count() > MAX_MESSAGE_CHARS {
            if message.ends_with(';') {
                message.pop();
            }
            message.push_str(&format!(" and {} more", denying.len() - shown));
            return message;
        }
        // The first reason is always given, cut to leave room for the count of the others.
        message.push_str(&truncate(&item, MAX_MESSAGE_CHARS - 40));
    }
    if message.ends_with(';') {
        message.pop();
    }
    message
}

/// `text`, cut to `max` characters with a trailing `…` when it is longer.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        assert_eq!(truncate("short", 10), "short");
        let cut = truncate(&"é".repeat(300), MAX_WARNING_CHARS);
        assert_eq!(cut.chars().count(), MAX_WARNING_CHARS);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn a_request_must_be_one_review_with_a_uid() {
        let error = |text: &str| {
            AdmissionRequest::from_text("r.yaml", text)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            error("kind: Pod\n"),
            "r.yaml:1 at `/kind`: not an AdmissionReview: `kind` must be `AdmissionReview`"
        );
        assert_eq!(
            error("kind: AdmissionReview\napiVersion: admission.k8s.io/v2\n"),
            "r.yaml:2 at `/apiVersion`: `apiVersion` is `admission.k8s.io/v2`, expected \
             `admission.k8s.io/v1` or `admission.k8s.io/v1beta1`"
        );
        assert_eq!(
            error("kind: AdmissionReview\napiVersion: admission.k8s.io/v1\nrequest: {}\n"),
            "r.yaml:3 at `/request/uid`: the review has no `request.uid` to answer to"
        );
        assert_eq!(
            error("kind: A\n---\nkind: B\n"),
            "r.yaml: expected one AdmissionReview, found 2 documents"
        );
    }
}
