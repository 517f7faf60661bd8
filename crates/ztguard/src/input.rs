//! Reading inputs: files, directories and text holding Kubernetes manifests (YAML or JSON,
//! many documents per file, `List`s, `AdmissionReview`s), facts documents, image evidence
//! (cosign, in-toto, Trivy, Grype), AWS IAM and runtime events (Tetragon, Kubernetes audit,
//! native), recognized by content and merged into one [`Facts`].

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::adapters::events::{self, Reading};
use crate::adapters::evidence::{self, ImageEvidence};
use crate::adapters::{aws_iam, kubernetes};
use crate::clock;
use crate::document::parse_documents;
use crate::error::{Error, Location, Result};
use crate::facts::{self, Facts, Image, Skipped};
use crate::limits::Limits;

/// File extensions read when walking a directory.
const INPUT_EXTENSIONS: &[&str] = &["yaml", "yml", "json", "jsonl"];

/// Gathers inputs one file at a time; [`Inputs::finish`] ties evidence to the images workloads
/// run, whichever order the files came in.
#[derive(Debug, Default)]
pub struct Inputs {
    facts: Facts,
    evidence: Vec<ImageEvidence>,
    audit_ids: HashSet<String>,
    limits: Limits,
}

impl Inputs {
    /// No inputs yet.
    pub fn new() -> Self {
        Inputs {
            facts: Facts::new(),
            evidence: Vec::new(),
            audit_ids: HashSet::new(),
            limits: Limits::default(),
        }
    }

    /// No inputs yet, read within `limits` rather than the defaults.
    pub fn with_limits(limits: Limits) -> Self {
        Inputs {
            limits,
            ..Inputs::new()
        }
    }

    /// Reads the text of one file. `file` names it in errors and findings; `observed_at` (RFC
    /// 3339) is when evidence that does not say so itself was observed.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] for malformed YAML or JSON (file, line, column), [`Error::Schema`] for
    /// a facts document that breaks the schema, [`Error::Input`] for a malformed Kubernetes
    /// object or evidence, or a document in no format ztguard reads; [`Error::Limit`] for text
    /// or a document count past the [`Limits`].
    pub fn add_text(&mut self, file: &str, text: &str, observed_at: &str) -> Result<()> {
        self.limits.check_input(file, text)?;
        let docs = parse_documents(file, text)?;
        self.limits.check_documents(file, docs.len())?;
        for doc in docs {
            if facts::is_facts_document(&doc.value) {
                self.facts.extend(facts::from_document(&doc)?);
            } else if let Some(format) = evidence::detect(&doc.value) {
                self.evidence
                    .extend(evidence::read(&doc, format, observed_at)?);
            } else if let Some(format) = events::detect(&doc.value) {
                match events::read(&doc, format)? {
                    Reading::Event(event) => {
                        let audit_id = event.api.as_ref().and_then(|a| a.audit_id.clone());
                        // The API server logs one request at several stages.
                        if audit_id.is_none_or(|id| self.audit_ids.insert(id)) {
                            self.facts.runtime.events.push(*event);
                        }
                    }
                    Reading::Ignored(reason) => self.facts.skipped.push(Skipped {
                        api_version: String::new(),
                        kind: format!("{} event", format.as_str()),
                        name: None,
                        reason,
                        source: Some(doc.source_of("")),
                    }),
                }
            } else if aws_iam::looks_like(&doc.value) {
                aws_iam::read(&doc, &mut self.facts)?;
            } else if doc.value.get("kind").is_some() {
                kubernetes::read_object(&doc, &mut self.facts)?;
            } else {
                return Err(Error::Input {
                    location: Box::new(Location {
                        file: Some(file.to_owned()),
                        line: doc.line_of(""),
                        ..Location::default()
                    }),
                    message: "unknown format: not a Kubernetes object, a facts document, the \
                              output of cosign, in-toto, Trivy or Grype, AWS IAM JSON, or a \
                              runtime event"
                        .to_owned(),
                });
            }
        }
        Ok(())
    }

    /// Reads files and directories (walked recursively for `.yaml`, `.yml`, `.json` and
    /// `.jsonl` files, in path order). Evidence that does not say when it was observed takes
    /// its file's modification time.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when a path cannot be read, otherwise as [`Inputs::add_text`].
    pub fn add_paths<P: AsRef<Path>>(&mut self, paths: &[P]) -> Result<()> {
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
        for file in files {
            let io = |source| Error::Io {
                path: file.clone(),
                source,
            };
            let metadata = std::fs::metadata(&file).map_err(io)?;
            // A file past the size limit is refused before it is read into memory.
            let size = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
            if size > self.limits.input_bytes {
                return Err(Error::Limit {
                    location: Box::new(Location::file(file.display().to_string())),
                    message: format!(
                        "the input is {size} bytes, more than the limit of {} (input_bytes)",
                        self.limits.input_bytes
                    ),
                });
            }
            let text = std::fs::read_to_string(&file).map_err(io)?;
            let modified = metadata.modified().map_err(io)?;
            self.add_text(
                &file.display().to_string(),
                &text,
                &clock::rfc3339(modified),
            )?;
        }
        Ok(())
    }

    /// The facts, with image facts for every container image and evidence tied to them.
    pub fn finish(self) -> Facts {
        let mut facts = self.facts;
        evidence::attach(&mut facts, self.evidence);
        facts
    }
}

/// Reads facts from files and directories; see [`Inputs::add_paths`].
///
/// # Errors
///
/// As [`Inputs::add_paths`].
pub fn facts_from_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Facts> {
    let mut inputs = Inputs::new();
    inputs.add_paths(paths)?;
    Ok(inputs.finish())
}

/// Reads facts from the text of one file; evidence that does not say when it was observed is
/// taken as observed now. See [`Inputs::add_text`].
///
/// # Errors
///
/// As [`Inputs::add_text`].
pub fn facts_from_text(file: &str, text: &str) -> Result<Facts> {
    let mut inputs = Inputs::new();
    inputs.add_text(file, text, &clock::now())?;
    Ok(inputs.finish())
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
