//! Reading an event stream line by line: one bad line is reported and skipped, and the
//! stream goes on.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, Read};

use crate::adapters::events::{Reading, read_line};
use crate::error::{Error, Location};
use crate::facts::RuntimeEvent;
use crate::limits::Limits;

/// How many audit ids a stream remembers to drop the second record of one request.
const AUDIT_IDS_REMEMBERED: usize = 4096;

/// What one line of a stream held.
#[derive(Debug)]
pub enum StreamItem {
    /// An event.
    Event {
        /// 1-based line number.
        line: usize,
        /// The event.
        event: Box<RuntimeEvent>,
    },
    /// A well-formed record that is not activity ztguard evaluates.
    Ignored {
        /// 1-based line number.
        line: usize,
        /// Why it was not evaluated.
        reason: String,
    },
    /// A line that could not be read; the stream goes on after it.
    Error {
        /// 1-based line number.
        line: usize,
        /// What is wrong, with file and line.
        error: Error,
    },
}

/// The events of a JSON-lines stream (Tetragon export, Kubernetes audit log or native
/// events, mixed freely), one item per non-blank line.
///
/// The API server logs an allowed exec twice (when the stream starts and when it ends); the
/// second record of an audit id already read is ignored.
#[derive(Debug)]
pub struct EventStream<R> {
    file: String,
    reader: R,
    line: usize,
    done: bool,
    audit_ids: HashMap<String, usize>,
    audit_order: VecDeque<String>,
    max_line: usize,
}

impl<R: BufRead> EventStream<R> {
    /// A stream read from `reader`; `file` names it in errors and findings.
    pub fn new(file: impl Into<String>, reader: R) -> Self {
        EventStream {
            file: file.into(),
            reader,
            line: 0,
            done: false,
            audit_ids: HashMap::new(),
            audit_order: VecDeque::new(),
            max_line: Limits::default().line_bytes,
        }
    }

    /// This stream with lines bounded by `limits.line_bytes` rather than the default.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.max_line = limits.line_bytes;
        self
    }

    /// Reads one line into `bytes`, at most `max_line` bytes of it; a longer line is read to
    /// its end and dropped. Returns how many bytes the line had (0 at the end of the stream).
    fn read_bounded(&mut self, bytes: &mut Vec<u8>) -> std::io::Result<usize> {
        let cap = u64::try_from(self.max_line)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let mut total = (&mut self.reader).take(cap).read_until(b'\n', bytes)?;
        if total > self.max_line && bytes.last() != Some(&b'\n') {
            // Skip the rest of the line without holding it.
            let mut rest = Vec::new();
            loop {
                rest.clear();
                let n = (&mut self.reader)
                    .take(64 * 1024)
                    .read_until(b'\n', &mut rest)?;
                total += n;
                if n == 0 || rest.last() == Some(&b'\n') {
                    break;
                }
            }
        }
        Ok(total)
    }

    fn item(&mut self, text: &str) -> StreamItem {
        let line = self.line;
        match read_line(&self.file, line, text) {
            Ok(Reading::Event(event)) => {
                match event.api.as_ref().and_then(|a| a.audit_id.clone()) {
                    Some(id) => self.first_of_request(line, id, event),
                    None => StreamItem::Event { line, event },
                }
            }
            Ok(Reading::Ignored(reason)) => StreamItem::Ignored { line, reason },
            Err(error) => StreamItem::Error { line, error },
        }
    }

    fn first_of_request(
        &mut self,
        line: usize,
        id: String,
        event: Box<RuntimeEvent>,
    ) -> StreamItem {
        if let Some(first) = self.audit_ids.get(&id) {
            return StreamItem::Ignored {
                line,
                reason: format!("audit id `{id}` was read at line {first}: the same request"),
            };
        }
        if self.audit_order.len() == AUDIT_IDS_REMEMBERED {
            if let Some(oldest) = self.audit_order.pop_front() {
                self.audit_ids.remove(&oldest);
            }
        }
        self.audit_ids.insert(id.clone(), line);
        self.audit_order.push_back(id);
        StreamItem::Event { line, event }
    }
}

impl<R: BufRead> Iterator for EventStream<R> {
    type Item = StreamItem;

    fn next(&mut self) -> Option<StreamItem> {
        let mut bytes = Vec::new();
        while !self.done {
            bytes.clear();
            match self.read_bounded(&mut bytes) {
                Ok(0) => self.done = true,
                Ok(n) if n > self.max_line => {
                    self.line += 1;
                    return Some(StreamItem::Error {
                        line: self.line,
                        error: Error::Limit {
                            location: Box::new(Location::file(&self.file).at(self.line, None)),
                            message: format!(
                                "the line is {n} bytes, more than the limit of {} (line_bytes)",
                                self.max_line
                            ),
                        },
                    });
                }
                Ok(_) => {
                    self.line += 1;
                    match std::str::from_utf8(&bytes) {
                        Ok(text) if text.trim().is_empty() => continue,
                        Ok(text) => {
                            let text = text.to_owned();
                            return Some(self.item(&text));
                        }
                        Err(e) => {
                            return Some(StreamItem::Error {
                                line: self.line,
                                error: Error::Parse {
                                    location: Box::new(
                                        Location::file(&self.file)
                                            .at(self.line, Some(e.valid_up_to() + 1)),
                                    ),
                                    message: "the line is not UTF-8".to_owned(),
                                },
                            });
                        }
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(source) => {
                    self.done = true;
                    return Some(StreamItem::Error {
                        line: self.line + 1,
                        error: Error::Io {
                            path: self.file.clone().into(),
                            source,
                        },
                    });
                }
            }
        }
        None
    }
}
