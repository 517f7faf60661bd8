//! ztguard errors as Python exceptions.
//!
//! The exception classes live in `ztguard/errors.py`, where they are documented and typed;
//! each is built from the error's record, so Python sees the same code, message and location
//! as every other binding.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use ztguard::{Error, ErrorCode};

/// The exception class of each error code, in `ztguard.errors`.
fn class_name(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Io => "IoError",
        ErrorCode::Parse => "ParseError",
        ErrorCode::Schema => "SchemaError",
        ErrorCode::Input => "InputError",
        ErrorCode::Policy => "PolicyError",
        ErrorCode::Metadata => "MetadataError",
        ErrorCode::Data => "DataError",
        ErrorCode::Eval => "EvalError",
        ErrorCode::Limit => "LimitError",
        ErrorCode::Internal => "InternalError",
    }
}

/// The exception for `error`: an instance of its class in `ztguard.errors`.
pub(crate) fn to_py(py: Python<'_>, error: &Error) -> PyErr {
    let record = error.record();
    let message = record.message.clone();
    let exception = (|| -> PyResult<PyErr> {
        let record = match serde_json::to_value(&record) {
            Ok(value) => crate::convert::to_python(py, &value)?,
            Err(_) => py.None().into_bound(py),
        };
        let class = py
            .import("ztguard.errors")?
            .getattr(class_name(error.code()))?;
        Ok(PyErr::from_value(class.call1((message.clone(), record))?))
    })();
    // Only a damaged installation (no `ztguard.errors`) ends here; the message still says
    // what went wrong.
    exception.unwrap_or_else(|_| PyValueError::new_err(message))
}

/// Runs a call into the library with panics turned into `ztguard.InternalError`, and errors
/// into their exceptions.
pub(crate) fn guard<T>(py: Python<'_>, f: impl FnOnce() -> ztguard::Result<T>) -> PyResult<T> {
    ztguard::error::catch_panic(f).map_err(|e| to_py(py, &e))
}

/// As [`guard`], with the interpreter released while `f` runs, so other Python threads go on.
pub(crate) fn detached<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> ztguard::Result<T> + Send,
) -> PyResult<T> {
    let result = py.detach(|| ztguard::error::catch_panic(f));
    result.map_err(|e| to_py(py, &e))
}
