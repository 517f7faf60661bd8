//! GitHub Actions workflow commands: an annotation per finding on the file and line of the
//! offending object (`error` for critical and high, `warning` for medium, `notice` for low), a
//! notice per waived finding, an error per expired waiver, then the summary line.

use std::fmt::Write as _;

use crate::facts::Source;
use crate::metadata::Severity;
use crate::report::{Finding, Report};
use crate::table::{resource_label, summary_line};

pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let command = match f.severity {
            Severity::Critical | Severity::High => "error",
            Severity::Medium => "warning",
            Severity::Low => "notice",
        };
        let title = format!("{} {} ({})", f.rule, f.title, f.severity);
        let message = format!(
            "{}: {}\nRemediation: {}",
            resource_label(&f.resource),
            f.message,
            f.remediation
        );
        out.push_str(&annotation(command, f, &title, &message));
    }
    for w in &report.waived {
        let f = &w.finding;
        let title = format!("{} waived until {}", f.rule, w.waiver.expires);
        let message = format!(
            "{}: {}\nWaived by {}: {}",
            resource_label(&f.resource),
            f.message,
            w.waiver.owner,
            w.waiver.reason
        );
        out.push_str(&annotation("notice", f, &title, &message));
    }
    for w in &report.expired_waivers {
        let mut properties = Vec::new();
        if let Some(source) = &w.source {
            properties.push(format!("file={}", property(&source.file)));
            if let Some(line) = source.line {
                properties.push(format!("line={line}"));
            }
        }
        properties.push(format!(
            "title={}",
            property(&format!("{} waiver expired", w.rule))
        ));
        let _ = writeln!(
            out,
            "::error {}::{}",
            properties.join(","),
            data(&format!(
                "The waiver for {} owned by {} expired {} and no longer applies",
                w.rule, w.owner, w.expires
            ))
        );
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

fn annotation(kind: &str, finding: &Finding, title: &str, message: &str) -> String {
    command(kind, finding.source.as_ref(), title, message)
}

/// One workflow command, on the file and line of `source` when known.
fn command(kind: &str, source: Option<&Source>, title: &str, message: &str) -> String {
    let mut properties = Vec::new();
    if let Some(source) = source {
        properties.push(format!("file={}", property(&source.file)));
        if let Some(line) = source.line {
            properties.push(format!("line={line}"));
        }
    }
    properties.push(format!("title={}", property(title)));
    format!("::{kind} {}::{}\n", properties.join(","), data(message))
}

/// Escapes a command's message, as the Actions runner reads it back.
fn data(value: &str) -> String {
    value
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value, where `:` and `,` separate too.
fn property(value: &str) -> String {
    data(value).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_in_values_are_escaped() {
        assert_eq!(data("50% of\r\nall"), "50%25 of%0D%0Aall");
        assert_eq!(property("a:b,c\n"), "a%3Ab%2Cc%0A");
    }
}
