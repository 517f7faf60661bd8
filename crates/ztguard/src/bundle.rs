//! Policy sources: the built-in bundle embedded at build time, users' policy directories, and
//! rule parameters (data) merged over the built-in defaults.

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Result};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/bundle_files.rs"));
}

/// Packages under this prefix are rules: each declares `metadata` and `findings`.
pub const RULES_PREFIX: &str = "data.ztguard.rules.";

/// File name of the built-in parameter defaults inside the bundle.
const DEFAULTS_FILE: &str = "data.json";

/// One Rego module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyFile {
    /// File name, as shown in errors and findings (built-ins are `policies/...`).
    pub file: String,
    /// Rego source.
    pub source: String,
}

impl PolicyFile {
    /// Whether this module holds unit tests (`*_test.rego`) rather than rules.
    pub fn is_test(&self) -> bool {
        self.file.ends_with("_test.rego")
    }
}

/// Every file of the built-in bundle: its path under `policies/` and its text.
pub fn embedded_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    embedded::FILES.iter().copied()
}

/// The built-in Rego modules, tests included.
pub fn builtin_policies() -> Vec<PolicyFile> {
    embedded::FILES
        .iter()
        .filter(|(path, _)| path.ends_with(".rego"))
        .map(|(path, source)| PolicyFile {
            file: format!("policies/{path}"),
            source: (*source).to_owned(),
        })
        .collect()
}

/// The built-in rule parameters (`data.ztguard.params`), as shipped in `policies/data.json`.
///
/// # Errors
///
/// [`Error::Data`] if the embedded file is not JSON (a packaging defect).
pub fn builtin_data() -> Result<Value> {
    let text = embedded::FILES
        .iter()
        .find(|(path, _)| *path == DEFAULTS_FILE)
        .map_or("{}", |(_, text)| *text);
    serde_json::from_str(text).map_err(|e| Error::Data {
        file: Some(format!("policies/{DEFAULTS_FILE}")),
        message: e.to_string(),
    })
}

/// Reads every `.rego` file below `dir`, in path order.
///
/// # Errors
///
/// [`Error::Io`] when the directory or a file cannot be read.
pub fn read_policy_dir(dir: &Path) -> Result<Vec<PolicyFile>> {
    let mut paths = Vec::new();
    crate::input::walk(dir, &mut paths, &|p| {
        p.extension().is_some_and(|e| e == "rego")
    })?;
    paths
        .into_iter()
        .map(|path| {
            let source = std::fs::read_to_string(&path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            Ok(PolicyFile {
                file: path.display().to_string(),
                source,
            })
        })
        .collect()
}

/// Reads a JSON or YAML data file of rule parameters.
///
/// # Errors
///
/// [`Error::Io`] when it cannot be read, [`Error::Parse`] when it is malformed,
/// [`Error::Data`] when it is not a single object.
pub fn read_data_file(path: &Path) -> Result<Value> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut documents = crate::document::parse_documents(&file, &text)?;
    match (documents.pop(), documents.is_empty()) {
        (Some(doc), true) if doc.value.is_object() => Ok(doc.value),
        _ => Err(Error::Data {
            file: Some(file),
            message: "a data file holds exactly one object".to_owned(),
        }),
    }
}

/// Merges `overlay` into `base`: objects merge key by key, anything else is replaced.
pub fn merge_data(base: &mut Value, overlay: Value) {
    match (base, overlay) {
        (Value::Object(base), Value::Object(overlay)) => {
            for (key, value) in overlay {
                match base.get_mut(&key) {
                    Some(existing) => merge_data(existing, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, overlay) => *base = overlay,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn user_data_overrides_defaults_key_by_key() {
        let mut base = json!({"ztguard": {"params": {"A": {"x": [1], "y": 2}, "B": {}}}});
        merge_data(&mut base, json!({"ztguard": {"params": {"A": {"x": [3]}}}}));
        assert_eq!(
            base,
            json!({"ztguard": {"params": {"A": {"x": [3], "y": 2}, "B": {}}}})
        );
    }

    #[test]
    fn the_bundle_is_embedded() {
        let files = builtin_policies();
        assert!(files.iter().any(|f| !f.is_test()));
        assert!(files.iter().any(PolicyFile::is_test));
        assert!(builtin_data().is_ok_and(|d| d.pointer("/ztguard/params").is_some()));
    }
}
