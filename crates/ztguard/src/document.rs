//! Input documents: YAML or JSON text turned into JSON values that remember the line of every
//! node, so that facts and findings can point back at the file.
//!
//! YAML is read with the YAML 1.2 core schema: plain `true`, `false`, `null`, `~`, integers
//! (`0x` hex, `0o` octal) and floats are typed, everything else is a string. Unlike YAML 1.1
//! readers, a leading zero does not make an integer octal (`010` is ten). Duplicate keys,
//! non-scalar keys, merge keys (`<<`) and runaway alias expansion are errors.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::error::{Error, Location, Result};

/// Most nodes an alias may expand a file to; past this, the file is refused.
pub const MAX_ALIAS_EXPANSION: usize = 100_000;
/// Deepest nesting accepted in a document.
pub const MAX_DEPTH: usize = 128;

/// One document of an input file.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file, as the caller named it.
    pub file: String,
    /// The document's value.
    pub value: Value,
    /// Line (1-based) of each node, keyed by JSON pointer within the document.
    lines: HashMap<String, usize>,
}

impl Document {
    /// A document with a value but no line information, such as one decoded from inside
    /// another.
    pub fn without_lines(file: impl Into<String>, value: Value) -> Document {
        Document {
            file: file.into(),
            value,
            lines: HashMap::new(),
        }
    }

    /// A document that sits on one line of a file, as each line of a JSON-lines stream does.
    pub fn on_line(file: impl Into<String>, value: Value, line: usize) -> Document {
        Document {
            file: file.into(),
            value,
            lines: HashMap::from([(String::new(), line)]),
        }
    }

    /// Line of the node at `pointer`, or of its nearest ancestor that has one.
    pub fn line_of(&self, pointer: &str) -> Option<usize> {
        let mut pointer = pointer;
        loop {
            if let Some(line) = self.lines.get(pointer) {
                return Some(*line);
            }
            pointer = pointer.get(..pointer.rfind('/')?)?;
        }
    }

    /// The source of the node at `pointer`.
    pub fn source_of(&self, pointer: &str) -> crate::facts::Source {
        crate::facts::Source {
            file: self.file.clone(),
            line: self.line_of(pointer),
        }
    }
}

/// Parses a file's text into its documents. JSON is read exactly by `serde_json` (one value,
/// or several in sequence as in JSON Lines); anything else as a YAML stream of documents.
/// Empty YAML documents are dropped.
///
/// # Errors
///
/// [`Error::Parse`] with file, line and column when the text is malformed; [`Error::Limit`]
/// when aliases expand past [`MAX_ALIAS_EXPANSION`] nodes or nesting passes [`MAX_DEPTH`].
pub fn parse_documents(file: &str, text: &str) -> Result<Vec<Document>> {
    if looks_like_json(file, text) {
        return parse_json(file, text);
    }
    parse_yaml(file, text)
}

/// One JSON value, or several one after another (JSON Lines, as signing tools print them).
fn parse_json(file: &str, text: &str) -> Result<Vec<Document>> {
    let mut values = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    loop {
        let start = stream.byte_offset();
        match stream.next() {
            None => break,
            Some(Ok(value)) => values.push((start, value)),
            Some(Err(e)) => {
                return Err(Error::Parse {
                    location: Box::new(Location::file(file).at(e.line(), Some(e.column()))),
                    message: format!("invalid JSON: {}", strip_position(&e.to_string())),
                });
            }
        }
    }
    if values.len() == 1 {
        let value = values.pop().map(|(_, v)| v).unwrap_or_default();
        // JSON is YAML too: a YAML pass finds the lines (and duplicate keys, which serde_json
        // would silently resolve to the last). If it cannot parse, lines stay unknown.
        let lines = match parse_yaml(file, text) {
            Ok(docs) => docs
                .into_iter()
                .next()
                .map(|doc| doc.lines)
                .unwrap_or_default(),
            Err(e @ Error::Parse { .. }) if e.to_string().contains(": duplicate key `") => {
                return Err(e);
            }
            Err(_) => HashMap::new(),
        };
        return Ok(vec![Document {
            file: file.to_owned(),
            value,
            lines,
        }]);
    }
    Ok(values
        .into_iter()
        .map(|(start, value)| {
            // The value starts after any whitespace that follows the previous one.
            let before = text.get(..start).unwrap_or("");
            let rest = text.get(start..).unwrap_or("");
            let gap = rest
                .get(..rest.len() - rest.trim_start().len())
                .unwrap_or("");
            let line = before.matches('\n').count() + gap.matches('\n').count() + 1;
            let lines = HashMap::from([(String::new(), line)]);
            Document {
                file: file.to_owned(),
                value,
                lines,
            }
        })
        .collect())
}

fn looks_like_json(file: &str, text: &str) -> bool {
    file.ends_with(".json") || text.trim_start().starts_with(['{', '['])
}

fn strip_position(message: &str) -> &str {
    message
        .find(" at line ")
        .and_then(|i| message.get(..i))
        .unwrap_or(message)
}

fn parse_yaml(file: &str, text: &str) -> Result<Vec<Document>> {
    let mut builder = Builder::new(file);
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, true) {
        let mark = e.marker();
        return Err(Error::Parse {
            location: Box::new(Location::file(file).at(mark.line(), Some(mark.col() + 1))),
            message: format!("invalid YAML: {}", e.info()),
        });
    }
    if let Some(error) = builder.error {
        return Err(error);
    }
    Ok(builder.documents)
}

enum Frame {
    Seq {
        items: Vec<Value>,
        anchor: usize,
    },
    Map {
        entries: Map<String, Value>,
        key: Option<String>,
        anchor: usize,
    },
}

struct Builder {
    file: String,
    documents: Vec<Document>,
    stack: Vec<Frame>,
    path: Vec<String>,
    lines: HashMap<String, usize>,
    anchors: HashMap<usize, Value>,
    expanded: usize,
    error: Option<Error>,
}

impl Builder {
    fn new(file: &str) -> Self {
        Builder {
            file: file.to_owned(),
            documents: Vec::new(),
            stack: Vec::new(),
            path: Vec::new(),
            lines: HashMap::new(),
            anchors: HashMap::new(),
            expanded: 0,
            error: None,
        }
    }

    fn fail(&mut self, mark: Marker, message: String, limit: bool) {
        if self.error.is_some() {
            return;
        }
        let location = Box::new(Location::file(&self.file).at(mark.line(), Some(mark.col() + 1)));
        self.error = Some(if limit {
            Error::Limit { location, message }
        } else {
            Error::Parse { location, message }
        });
    }

    /// The pointer segment the next node takes within its parent, or `None` when the next
    /// node is a mapping key.
    fn next_segment(&self) -> Option<String> {
        match self.stack.last() {
            None => Some(String::new()),
            Some(Frame::Seq { items, .. }) => Some(items.len().to_string()),
            Some(Frame::Map { key: Some(key), .. }) => Some(escape_pointer(key)),
            Some(Frame::Map { key: None, .. }) => None,
        }
    }

    fn record_line(&mut self, segment: &str, mark: Marker) {
        let mut pointer = self.path.concat();
        if !self.stack.is_empty() {
            pointer.push('/');
            pointer.push_str(segment);
        }
        self.lines.entry(pointer).or_insert(mark.line());
    }

    /// Places a finished node into its parent, or finishes the document.
    fn place(&mut self, value: Value, anchor: usize, mark: Marker) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        let problem = match self.stack.last_mut() {
            None => {
                let lines = std::mem::take(&mut self.lines);
                if !value.is_null() {
                    self.documents.push(Document {
                        file: self.file.clone(),
                        value,
                        lines,
                    });
                }
                None
            }
            Some(Frame::Seq { items, .. }) => {
                items.push(value);
                None
            }
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                Some(k) => {
                    entries.insert(k, value);
                    None
                }
                None => match scalar_key(value) {
                    Some(k) if entries.contains_key(&k) => Some(format!("duplicate key `{k}`")),
                    Some(k) => {
                        *key = Some(k);
                        None
                    }
                    None => Some("mapping keys must be scalars".to_owned()),
                },
            },
        };
        if let Some(message) = problem {
            self.fail(mark, message, false);
        }
    }

    fn open(&mut self, frame: Frame, mark: Marker) {
        let segment = self.next_segment();
        if let Some(segment) = &segment {
            self.record_line(segment, mark);
        }
        if self.stack.len() >= MAX_DEPTH {
            self.fail(
                mark,
                format!("nesting deeper than {MAX_DEPTH} levels"),
                true,
            );
        }
        let segment = segment.unwrap_or_default();
        if !self.stack.is_empty() {
            self.path.push(format!("/{segment}"));
        }
        self.stack.push(frame);
    }

    fn close(&mut self, mark: Marker) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if !self.stack.is_empty() {
            self.path.pop();
        }
        let (value, anchor) = match frame {
            Frame::Seq { items, anchor } => (Value::Array(items), anchor),
            Frame::Map {
                entries, anchor, ..
            } => (Value::Object(entries), anchor),
        };
        self.place(value, anchor, mark);
    }
}

fn scalar_key(value: Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some("null".to_owned()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        match event {
            Event::SequenceStart(anchor, _) => {
                self.open(
                    Frame::Seq {
                        items: Vec::new(),
                        anchor,
                    },
                    mark,
                );
            }
            Event::MappingStart(anchor, _) => {
                self.open(
                    Frame::Map {
                        entries: Map::new(),
                        key: None,
                        anchor,
                    },
                    mark,
                );
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(mark),
            Event::Scalar(text, style, anchor, tag) => {
                match self.next_segment() {
                    Some(segment) => self.record_line(&segment, mark),
                    None if style == TScalarStyle::Plain && text == "<<" => {
                        // Kubernetes tooling merges `<<` keys; reading one as a plain key
                        // would hide the merged settings from every rule.
                        let message = "YAML merge keys (`<<`) are not supported: write the \
                                       merged keys out"
                            .to_owned();
                        self.fail(mark, message, false);
                        return;
                    }
                    None => {}
                }
                let is_str_tag = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let value = if style != TScalarStyle::Plain || is_str_tag {
                    Value::String(text)
                } else {
                    resolve_plain(text)
                };
                self.place(value, anchor, mark);
            }
            Event::Alias(anchor) => {
                let Some(value) = self.anchors.get(&anchor).cloned() else {
                    self.fail(mark, "alias to an unknown anchor".to_owned(), false);
                    return;
                };
                self.expanded += count_nodes(&value, MAX_ALIAS_EXPANSION);
                if self.expanded > MAX_ALIAS_EXPANSION {
                    let message = format!("aliases expand past {MAX_ALIAS_EXPANSION} nodes");
                    self.fail(mark, message, true);
                    return;
                }
                if let Some(segment) = self.next_segment() {
                    self.record_line(&segment, mark);
                }
                self.place(value, 0, mark);
            }
            Event::DocumentStart => {
                self.anchors.clear();
                self.lines.clear();
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
}

/// Counts nodes in `value`, stopping early once `cap` is passed.
fn count_nodes(value: &Value, cap: usize) -> usize {
    let mut count = 0;
    let mut pending = vec![value];
    while let Some(v) = pending.pop() {
        count += 1;
        if count > cap {
            break;
        }
        match v {
            Value::Array(items) => pending.extend(items),
            Value::Object(entries) => pending.extend(entries.values()),
            _ => {}
        }
    }
    count
}

/// Escapes a key for use as a JSON pointer segment (RFC 6901).
pub fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn resolve_plain(text: String) -> Value {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(n) = parse_int(&text) {
        return Value::Number(n.into());
    }
    if let Some(n) = parse_float(&text).and_then(Number::from_f64) {
        return Value::Number(n);
    }
    Value::String(text)
}

fn parse_int(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, text.get(1..)?),
        b'+' => (false, text.get(1..)?),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if let Some(oct) = digits.strip_prefix("0o") {
        (8, oct)
    } else {
        (10, digits)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let signed = if negative {
        format!("-{digits}")
    } else {
        digits.to_owned()
    };
    i64::from_str_radix(&signed, radix).ok()
}

fn parse_float(text: &str) -> Option<f64> {
    let body = text.trim_start_matches(['-', '+']);
    let well_formed = body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && body.bytes().any(|b| b.is_ascii_digit());
    if well_formed { text.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Document> {
        parse_documents("t.yaml", text).unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn every_node_remembers_its_line() {
        let docs = parse("a: 1\n---\nkind: Pod\nspec:\n  containers:\n  - name: x\n    image: y\n");
        assert_eq!(docs.len(), 2);
        let pod = &docs[1];
        assert_eq!(pod.line_of("/spec/containers/0"), Some(6));
        assert_eq!(pod.line_of("/spec/containers/0/image"), Some(7));
        assert_eq!(pod.line_of("/spec/containers/0/missing/deeper"), Some(6));
        assert_eq!(pod.line_of(""), Some(3));
    }

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        let docs = parse("a: true\nb: '1'\nc: 0x1F\nd: 1.5\ne: ~\nf: yes\ng: 010\n");
        let expected = serde_json::json!({"a": true, "b": "1", "c": 31, "d": 1.5, "e": null, "f": "yes", "g": 10});
        assert_eq!(docs[0].value, expected);
    }

    #[test]
    fn malformed_yaml_names_file_line_and_column() {
        let err = parse_documents("bad.yaml", "a: 1\nb: [1, 2\n")
            .err()
            .map(|e| e.to_string());
        let err = err.unwrap_or_default();
        assert!(err.starts_with("bad.yaml:3:1: invalid YAML: "), "{err}");
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let err = parse_documents("d.yaml", "a: 1\na: 2\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("d.yaml:2:1: duplicate key `a`"));
    }

    #[test]
    fn merge_keys_are_refused_rather_than_ignored() {
        let text = "base: &b {privileged: true}\nsecurityContext:\n  <<: *b\n";
        let err = parse_documents("m.yaml", text).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("m.yaml:3:3: YAML merge keys (`<<`) are not supported: write the merged keys out")
        );
    }

    #[test]
    fn malformed_integers_stay_strings() {
        let docs = parse("a: -0x-8000000000000000\nb: 0x-1\nc: -9223372036854775808\n");
        let expected = serde_json::json!({"a": "-0x-8000000000000000", "b": "0x-1", "c": i64::MIN});
        assert_eq!(docs[0].value, expected);
    }

    #[test]
    fn duplicate_keys_in_json_are_rejected_too() {
        let err = parse_documents("d.json", "{\"a\": 1,\n \"a\": 2}")
            .err()
            .map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("d.json:2:2: duplicate key `a`"));
    }

    #[test]
    fn alias_bombs_hit_the_expansion_limit() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..8 {
            let prev = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
        }
        let err = parse_documents("bomb.yaml", &text).err();
        assert!(matches!(err, Some(Error::Limit { .. })), "{err:?}");
    }

    #[test]
    fn json_is_read_exactly_and_still_has_lines() {
        let docs = parse_documents(
            "f.json",
            "{\n  \"n\": 12345678901234567890,\n  \"o\": {\"k\": 1}\n}",
        )
        .unwrap_or_default();
        assert_eq!(docs[0].value["n"].to_string(), "12345678901234567890");
        assert_eq!(docs[0].line_of("/o"), Some(3));
    }

    #[test]
    fn json_lines_are_documents_with_their_lines() {
        let docs =
            parse_documents("a.json", "{\"a\": 1}\n\n{\"b\": 2}\n{\"c\": 3}\n").unwrap_or_default();
        let lines: Vec<Option<usize>> = docs.iter().map(|d| d.line_of("/x")).collect();
        assert_eq!(lines, [Some(1), Some(3), Some(4)]);
    }

    #[test]
    fn malformed_json_names_file_line_and_column() {
        let err = parse_documents("f.json", "{\n  \"a\": 1,,\n}")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("f.json:2:10: invalid JSON: key must be a string")
        );
    }
}
