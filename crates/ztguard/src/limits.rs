//! Bounds on what ztguard accepts, so that hostile or broken input and policies end in an
//! error naming the limit, never in a process that runs out of memory or time.
//!
//! Some bounds are fixed ([`MAX_DEPTH`](crate::document::MAX_DEPTH) nesting and
//! [`MAX_ALIAS_EXPANSION`](crate::document::MAX_ALIAS_EXPANSION) YAML alias expansion); the
//! others are settings with defaults, in [`Limits`]. Policies are checked before regorus sees
//! them: its parser takes time exponential in the nesting of array and object literals, and
//! its `numbers.range` builtins reserve memory for the whole range before any other limit can
//! apply.

use crate::error::{Error, Location, Result};

/// Settable bounds, with defaults fit for CI and admission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input text, in bytes (one file, one request or one stream).
    pub input_bytes: usize,
    /// Most documents one input text may hold.
    pub documents: usize,
    /// Longest line of an event stream, in bytes.
    pub line_bytes: usize,
    /// Largest Rego module, in bytes.
    pub policy_bytes: usize,
    /// Deepest nesting of brackets and braces in a Rego module.
    pub policy_nesting: usize,
    /// Most elements a `numbers.range` or `numbers.range_step` call may produce.
    pub range_elements: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            input_bytes: 64 * 1024 * 1024,
            documents: 50_000,
            line_bytes: 1024 * 1024,
            policy_bytes: 1024 * 1024,
            policy_nesting: 16,
            range_elements: 1_000_000,
        }
    }
}

fn limit_error(file: &str, line: Option<usize>, message: String) -> Error {
    let mut location = Location::file(file);
    if let Some(line) = line {
        location = location.at(line, None);
    }
    Error::Limit {
        location: Box::new(location),
        message,
    }
}

impl Limits {
    /// Checks the size of one input text.
    ///
    /// # Errors
    ///
    /// [`Error::Limit`] naming the file and the limit.
    pub fn check_input(&self, file: &str, text: &str) -> Result<()> {
        if text.len() > self.input_bytes {
            return Err(limit_error(
                file,
                None,
                format!(
                    "the input is {} bytes, more than the limit of {} (input_bytes)",
                    text.len(),
                    self.input_bytes
                ),
            ));
        }
        Ok(())
    }

    /// Checks how many documents one input text held.
    ///
    /// # Errors
    ///
    /// [`Error::Limit`] naming the file and the limit.
    pub fn check_documents(&self, file: &str, count: usize) -> Result<()> {
        if count > self.documents {
            return Err(limit_error(
                file,
                None,
                format!(
                    "the input holds {count} documents, more than the limit of {} (documents)",
                    self.documents
                ),
            ));
        }
        Ok(())
    }

    /// Checks a Rego module before it is parsed: its size, the nesting of its brackets and
    /// braces, and the `numbers.range` calls it makes, which must have integer literal bounds
    /// spanning at most [`Limits::range_elements`] elements.
    ///
    /// # Errors
    ///
    /// [`Error::Limit`] naming the file, the line and the limit.
    pub fn check_policy(&self, file: &str, source: &str) -> Result<()> {
        if source.len() > self.policy_bytes {
            return Err(limit_error(
                file,
                None,
                format!(
                    "the module is {} bytes, more than the limit of {} (policy_bytes)",
                    source.len(),
                    self.policy_bytes
                ),
            ));
        }
        let tokens = scan(source);
        let mut depth = 0usize;
        for token in &tokens {
            match token.kind {
                Kind::Open => {
                    depth += 1;
                    if depth > self.policy_nesting {
                        return Err(limit_error(
                            file,
                            Some(token.line),
                            format!(
                                "brackets nest more than {} deep (policy_nesting); regorus \
                                 parses deeply nested literals in exponential time",
                                self.policy_nesting
                            ),
                        ));
                    }
                }
                Kind::Close => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        self.check_ranges(file, &tokens)
    }

    fn check_ranges(&self, file: &str, tokens: &[Token<'_>]) -> Result<()> {
        for (i, token) in tokens.iter().enumerate() {
            let Kind::Word(word) = token.kind else {
                continue;
            };
            let arity = match word {
                "numbers.range" => 2,
                "numbers.range_step" => 3,
                _ => continue,
            };
            let refuse = |why: String| {
                limit_error(
                    file,
                    Some(token.line),
                    format!(
                        "`{word}` {why}: regorus reserves memory for the whole range before \
                         any limit applies, so ztguard takes only integer literal bounds \
                         spanning at most {} elements (range_elements); iterate over the \
                         collection itself instead (`some i, x in xs`)",
                        self.range_elements
                    ),
                )
            };
            // The call's arguments: integer literals separated by commas, then `)`.
            let mut numbers: Vec<i128> = Vec::new();
            let mut rest = tokens.get(i + 1..).unwrap_or_default().iter();
            if !matches!(rest.next().map(|t| &t.kind), Some(Kind::Open)) {
                return Err(refuse("is not called directly".to_owned()));
            }
            loop {
                let Some(Kind::Word(literal)) = rest.next().map(|t| &t.kind) else {
                    return Err(refuse(
                        "takes a bound that is not an integer literal".to_owned(),
                    ));
                };
                let Ok(value) = literal.parse::<i128>() else {
                    return Err(refuse(format!("takes the bound `{literal}`")));
                };
                numbers.push(value);
                match rest.next().map(|t| &t.kind) {
                    Some(Kind::Comma) => {}
                    Some(Kind::Close) => break,
                    _ => {
                        return Err(refuse(
                            "takes a bound that is not an integer literal".to_owned(),
                        ));
                    }
                }
            }
            let elements = match numbers.as_slice() {
                [a, b] if arity == 2 => (b - a).abs() + 1,
                [a, b, step] if arity == 3 && *step > 0 => (b - a).abs() / step + 1,
                _ => return Err(refuse("is called with other arguments".to_owned())),
            };
            if elements > i128::from(self.range_elements) {
                return Err(refuse(format!("would produce {elements} elements")));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind<'a> {
    Open,
    Close,
    Comma,
    /// A run of identifier characters, dots and digits (`numbers.range`, `-3`, `x`).
    Word(&'a str),
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: Kind<'a>,
    line: usize,
}

/// The module's tokens outside comments and strings, as far as the checks need them.
fn scan(source: &str) -> Vec<Token<'_>> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let (mut i, mut line) = (0usize, 1usize);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'#' => {
                while bytes.get(i).is_some_and(|c| *c != b'\n') {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += match c {
                        b'\\' => 2,
                        b'"' => break,
                        b'\n' => {
                            line += 1;
                            1
                        }
                        _ => 1,
                    };
                }
                i += 1;
            }
            b'`' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    if c == b'`' {
                        break;
                    }
                    if c == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                tokens.push(Token {
                    kind: Kind::Open,
                    line,
                });
                i += 1;
            }
            b')' | b']' | b'}' => {
                tokens.push(Token {
                    kind: Kind::Close,
                    line,
                });
                i += 1;
            }
            b',' => {
                tokens.push(Token {
                    kind: Kind::Comma,
                    line,
                });
                i += 1;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'-' => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.')
                    || (i == start && bytes.get(i) == Some(&b'-'))
                {
                    i += 1;
                }
                let word = source.get(start..i).unwrap_or_default();
                let kind = if word == "-" {
                    Kind::Other
                } else {
                    Kind::Word(word)
                };
                tokens.push(Token { kind, line });
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                tokens.push(Token {
                    kind: Kind::Other,
                    line,
                });
                i += 1;
            }
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy_error(source: &str) -> String {
        Limits::default()
            .check_policy("p.rego", source)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn deep_literals_are_refused_before_parsing() {
        let deep = format!("package p\n\nx := {}1{}\n", "[".repeat(17), "]".repeat(17));
        assert_eq!(
            policy_error(&deep),
            "p.rego:3: brackets nest more than 16 deep (policy_nesting); regorus parses deeply \
             nested literals in exponential time"
        );
        let fine = format!("package p\nx := {}1{}\n", "[".repeat(16), "]".repeat(16));
        assert_eq!(policy_error(&fine), "");
        // Brackets in strings and comments do not count.
        let quoted = format!(
            "package p\n# {}\nx := \"{}\"\n",
            "[".repeat(40),
            "{".repeat(40)
        );
        assert_eq!(policy_error(&quoted), "");
    }

    #[test]
    fn ranges_need_small_literal_bounds() {
        assert_eq!(policy_error("package p\nx := numbers.range(1, 3000)\n"), "");
        assert_eq!(policy_error("package p\nx := numbers.range(-5, 5)\n"), "");
        assert_eq!(
            policy_error("package p\nx := numbers.range_step(0, 10000000, 100)\n"),
            ""
        );
        let big = policy_error("package p\n\nx := numbers.range(0, 1000000000000)\n");
        assert!(
            big.starts_with("p.rego:3: `numbers.range` would produce 1000000000001 elements:"),
            "{big}"
        );
        let dynamic = policy_error("package p\nx := numbers.range(0, count(input.xs))\n");
        assert!(
            dynamic.contains("`numbers.range` takes the bound `count`")
                || dynamic.contains("takes a bound that is not an integer literal"),
            "{dynamic}"
        );
        assert!(policy_error("package p\nf := numbers.range\n").contains("is not called directly"));
        assert_eq!(policy_error("package p\n# numbers.range(0, input.n)\n"), "");
    }

    #[test]
    fn sizes_are_bounded() {
        let limits = Limits {
            input_bytes: 4,
            documents: 1,
            policy_bytes: 8,
            ..Limits::default()
        };
        let error = |r: Result<()>| r.err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            error(limits.check_input("a.yaml", "12345")),
            "a.yaml: the input is 5 bytes, more than the limit of 4 (input_bytes)"
        );
        assert_eq!(
            error(limits.check_documents("a.yaml", 2)),
            "a.yaml: the input holds 2 documents, more than the limit of 1 (documents)"
        );
        assert_eq!(
            error(limits.check_policy("p.rego", "package p\n")),
            "p.rego: the module is 10 bytes, more than the limit of 8 (policy_bytes)"
        );
    }
}
