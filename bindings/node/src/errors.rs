//! ztguard errors as thrown JavaScript `Error`s.
//!
//! Each is an `Error` whose `message` is the error's message, `code` its stable code, with
//! the location (`file`, `line`, `column`, `pointer`, `rule`) as properties where known,
//! `violations` for schema errors, and `record`, the error as data.

use napi::bindgen_prelude::Object;
use napi::{Env, JsValue, Status};
use ztguard::Error;

/// The thrown value for `error`.
pub(crate) fn to_js(env: &Env, error: &Error) -> napi::Error {
    match build(env, error) {
        Ok(thrown) => thrown,
        // Building an error object fails only when the engine is out of memory; the message
        // still says what went wrong.
        Err(_) => napi::Error::new(Status::GenericFailure, error.to_string()),
    }
}

fn build(env: &Env, error: &Error) -> napi::Result<napi::Error> {
    let record = error.record();
    let mut object: Object<'_> = env.create_error(napi::Error::new(
        Status::GenericFailure,
        record.message.clone(),
    ))?;
    object.set("code", record.code.as_str())?;
    if let Some(location) = &record.location {
        if let Some(file) = &location.file {
            object.set("file", file.as_str())?;
        }
        if let Some(line) = location.line {
            object.set("line", line as f64)?;
        }
        if let Some(column) = location.column {
            object.set("column", column as f64)?;
        }
        if let Some(pointer) = &location.pointer {
            object.set("pointer", pointer.as_str())?;
        }
        if let Some(rule) = &location.rule {
            object.set("rule", rule.as_str())?;
        }
    }
    if matches!(error, Error::Schema { .. }) {
        object.set("violations", json(&record.violations)?)?;
    }
    object.set("record", json(&record)?)?;
    Ok(napi::Error::from(object.to_unknown()))
}

fn json<T: serde::Serialize>(value: &T) -> napi::Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| napi::Error::new(Status::GenericFailure, e.to_string()))
}

/// Runs a call into the library with panics turned into `internal` errors.
pub(crate) fn guard<T>(f: impl FnOnce() -> ztguard::Result<T>) -> ztguard::Result<T> {
    ztguard::error::catch_panic(f)
}
