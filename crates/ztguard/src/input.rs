//! Reading inputs: files, directories and text holding Kubernetes manifests (YAML or JSON,
//! many documents per file, `List`s) and facts documents, merged into one [`Facts`].

use std::path::{Path, PathBuf};

use crate::adapters::kubernetes;
use crate::document::parse_documents;
use crate::error::{Error, Result};
use crate::facts::{self, Facts, Image};

/// File extensions read when walking a directory.
const INPUT_EXTENSIONS: &[&str] = &["yaml", "yml", "json"];

/// Reads facts from files and directories (walked recursively for `.yaml`, `.yml` and
/// `.json` files, in path order).
///
/// # Errors
///
/// [`Error::Io`] when a path cannot be read, otherwise as [`facts_from_text`].
pub fn facts_from_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Facts> {
    let mut files = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            walk(path, &mut files, &|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| INPUT_EXTENSIONS.contains(&e))
            })?;
        } else {
            files.push(path.to_owned());
        }
    }
    let mut facts = Facts::new();
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|source| Error::Io {
            path: file.clone(),
            source,
        })?;
        facts.extend(read_text(&file.display().to_string(), &text)?);
    }
    index_images(&mut facts);
    Ok(facts)
}

/// Reads facts from the text of one file: Kubernetes objects and facts documents, in any mix.
/// `file` names the text in errors and findings.
///
/// # Errors
///
/// [`Error::Parse`] for malformed YAML or JSON (file, line, column), [`Error::Schema`] for a
/// facts document that breaks the schema, [`Error::Input`] for a malformed Kubernetes object.
pub fn facts_from_text(file: &str, text: &str) -> Result<Facts> {
    let mut facts = read_text(file, text)?;
    index_images(&mut facts);
    Ok(facts)
}

fn read_text(file: &str, text: &str) -> Result<Facts> {
    let mut facts = Facts::new();
    for doc in parse_documents(file, text)? {
        if facts::is_facts_document(&doc.value) {
            facts.extend(facts::from_document(&doc)?);
        } else {
            kubernetes::read_object(&doc, &mut facts)?;
        }
    }
    Ok(facts)
}

/// Adds an image fact for every image a container runs that has none yet, so evidence about
/// images and rules over them see every image in use.
pub fn index_images(facts: &mut Facts) {
    for workload in &facts.workloads {
        for container in &workload.containers {
            let canonical = container.image.canonical();
            if !facts
                .images
                .iter()
                .any(|i| i.reference.canonical() == canonical)
            {
                facts.images.push(Image {
                    reference: container.image.clone(),
                    evidence: Default::default(),
                    source: container.source.clone(),
                });
            }
        }
    }
}

/// Collects files below `dir` that `keep` accepts, sorted by path.
pub(crate) fn walk(dir: &Path, out: &mut Vec<PathBuf>, keep: &dyn Fn(&Path) -> bool) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.to_owned(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out, keep)?;
        } else if keep(&path) {
            out.push(path);
        }
    }
    Ok(())
}
