//! Kubernetes audit events.
//!
//! TODO(#6): read exec, attach and port-forward requests.

use serde_json::Value;

use super::events::Reading;
use super::fields::Fields;
use crate::error::Result;

pub(crate) fn looks_like(_value: &Value) -> bool {
    false
}

pub(crate) fn read(fields: Fields<'_>) -> Result<Reading> {
    Err(fields.error("", "audit events are not read yet".to_owned()))
}
