//! Typed access to fields of a parsed document, with errors that say file, line and JSON
//! pointer. Shared by every adapter.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::document::{Document, escape_pointer};
use crate::error::{Error, Location, Result};

/// A document, read field by field.
#[derive(Clone, Copy)]
pub(crate) struct Fields<'a> {
    pub(crate) doc: &'a Document,
}

impl Fields<'_> {
    pub(crate) fn at(&self, pointer: &str) -> Option<&Value> {
        if pointer.is_empty() {
            Some(&self.doc.value)
        } else {
            self.doc.value.pointer(pointer)
        }
    }

    pub(crate) fn error(&self, pointer: &str, message: String) -> Error {
        Error::Input {
            location: Box::new(Location {
                file: Some(self.doc.file.clone()),
                line: self.doc.line_of(pointer),
                pointer: Some(if pointer.is_empty() {
                    "/".to_owned()
                } else {
                    pointer.to_owned()
                }),
                ..Location::default()
            }),
            message,
        }
    }

    pub(crate) fn str(&self, pointer: &str) -> Result<Option<&str>> {
        match self.at(pointer) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(self.error(pointer, format!("expected a string, found `{other}`"))),
        }
    }

    pub(crate) fn bool(&self, pointer: &str) -> Result<Option<bool>> {
        match self.at(pointer) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => {
                Err(self.error(pointer, format!("expected true or false, found `{other}`")))
            }
        }
    }

    pub(crate) fn int(&self, pointer: &str) -> Result<Option<i64>> {
        match self.at(pointer) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| self.error(pointer, format!("expected an integer, found `{v}`"))),
        }
    }

    pub(crate) fn port(&self, pointer: &str) -> Result<Option<u16>> {
        match self.int(pointer)? {
            None => Ok(None),
            Some(n) => u16::try_from(n)
                .map(Some)
                .map_err(|_| self.error(pointer, format!("port `{n}` is out of range"))),
        }
    }

    pub(crate) fn array(&self, pointer: &str) -> Result<usize> {
        match self.at(pointer) {
            None | Some(Value::Null) => Ok(0),
            Some(Value::Array(items)) => Ok(items.len()),
            Some(other) => Err(self.error(pointer, format!("expected a list, found `{other}`"))),
        }
    }

    pub(crate) fn strings(&self, pointer: &str) -> Result<Vec<String>> {
        (0..self.array(pointer)?)
            .map(|i| {
                let item = format!("{pointer}/{i}");
                self.str(&item)?
                    .map(str::to_owned)
                    .ok_or_else(|| self.error(&item, "expected a string".to_owned()))
            })
            .collect()
    }

    pub(crate) fn string_map(&self, pointer: &str) -> Result<BTreeMap<String, String>> {
        match self.at(pointer) {
            None | Some(Value::Null) => Ok(Default::default()),
            Some(Value::Object(map)) => map
                .iter()
                .map(|(k, v)| match v {
                    Value::String(s) => Ok((k.clone(), s.clone())),
                    other => Err(self.error(
                        &format!("{pointer}/{}", escape_pointer(k)),
                        format!("expected a string, found `{other}`"),
                    )),
                })
                .collect(),
            Some(other) => Err(self.error(pointer, format!("expected a map, found `{other}`"))),
        }
    }
}
