//! JUnit XML: a test suite per loaded rule, and in it a test case per resource the rule found
//! something about. A finding fails its case, with the message and remediation as the
//! failure's text; a waived finding skips it with the waiver's reason. A rule that found
//! nothing is one passing case, so CI dashboards count what was checked, not only what failed.
//! Expired waivers are a suite of their own whose cases fail.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::engine::Rule;
use crate::report::{Finding, Report, Resource};
use crate::table::{place, resource_label};
use crate::waivers::Waiver;

/// What happened to one rule on one resource.
#[derive(Default)]
struct Case<'a> {
    failures: Vec<&'a Finding>,
    waived: Vec<(&'a Finding, &'a Waiver)>,
}

#[derive(Default)]
struct Suite<'a> {
    title: String,
    pillar: String,
    cases: BTreeMap<&'a Resource, Case<'a>>,
}

pub(super) fn render(report: &Report, rules: &[Rule]) -> String {
    let mut suites: BTreeMap<&str, Suite<'_>> = rules
        .iter()
        .map(|r| {
            let suite = Suite {
                title: r.metadata.title.clone(),
                pillar: r.metadata.pillar.to_string(),
                cases: BTreeMap::new(),
            };
            (r.metadata.id.as_str(), suite)
        })
        .collect();
    for f in &report.findings {
        let suite = suites.entry(f.rule.as_str()).or_insert_with(|| Suite {
            title: f.title.clone(),
            pillar: f.pillar.to_string(),
            cases: BTreeMap::new(),
        });
        suite.cases.entry(&f.resource).or_default().failures.push(f);
    }
    for w in &report.waived {
        let f = &w.finding;
        let suite = suites.entry(f.rule.as_str()).or_insert_with(|| Suite {
            title: f.title.clone(),
            pillar: f.pillar.to_string(),
            cases: BTreeMap::new(),
        });
        suite
            .cases
            .entry(&f.resource)
            .or_default()
            .waived
            .push((f, &w.waiver));
    }

    let mut body = String::new();
    let (mut tests, mut failures, mut skipped) = (0, 0, 0);
    for (id, suite) in &suites {
        let (suite_tests, suite_failures, suite_skipped) = if suite.cases.is_empty() {
            (1, 0, 0)
        } else {
            let failing = suite
                .cases
                .values()
                .filter(|c| !c.failures.is_empty())
                .count();
            let skipping = suite
                .cases
                .values()
                .filter(|c| c.failures.is_empty())
                .count();
            (suite.cases.len(), failing, skipping)
        };
        tests += suite_tests;
        failures += suite_failures;
        skipped += suite_skipped;
        let _ = writeln!(
            body,
            "  <testsuite name=\"{}\" tests=\"{suite_tests}\" failures=\"{suite_failures}\" \
             errors=\"0\" skipped=\"{suite_skipped}\">",
            attr(&format!("{id} {}", suite.title)),
        );
        let classname = attr(&format!("ztguard.{}.{id}", suite.pillar));
        if suite.cases.is_empty() {
            let _ = writeln!(
                body,
                "    <testcase classname=\"{classname}\" name=\"no findings\"/>"
            );
        }
        for (resource, case) in &suite.cases {
            body.push_str(&test_case(&classname, resource, case));
        }
        body.push_str("  </testsuite>\n");
    }
    if !report.expired_waivers.is_empty() {
        let n = report.expired_waivers.len();
        tests += n;
        failures += n;
        let _ = writeln!(
            body,
            "  <testsuite name=\"expired waivers\" tests=\"{n}\" failures=\"{n}\" errors=\"0\" \
             skipped=\"0\">"
        );
        for w in &report.expired_waivers {
            let source = w.source.as_ref().map_or_else(String::new, place);
            let _ = writeln!(
                body,
                "    <testcase classname=\"ztguard.waivers\" name=\"{}\">\n      \
                 <failure type=\"expired-waiver\" message=\"{}\">{}</failure>\n    </testcase>",
                attr(format!("{} {source}", w.rule).trim_end()),
                attr(&format!("the waiver for {} expired {}", w.rule, w.expires)),
                text(&format!(
                    "The waiver for {} owned by {} expired {} and no longer applies: {}",
                    w.rule, w.owner, w.expires, w.reason
                )),
            );
        }
        body.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ztguard\" \
         tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n\
         {body}</testsuites>\n"
    )
}

fn test_case(classname: &str, resource: &Resource, case: &Case<'_>) -> String {
    let mut out = String::new();
    let first = case
        .failures
        .first()
        .copied()
        .or_else(|| case.waived.first().map(|(f, _)| *f));
    let mut open = format!(
        "    <testcase classname=\"{classname}\" name=\"{}\"",
        attr(&resource_label(resource))
    );
    if let Some(source) = first.and_then(|f| f.source.as_ref()) {
        let _ = write!(open, " file=\"{}\"", attr(&source.file));
        if let Some(line) = source.line {
            let _ = write!(open, " line=\"{line}\"");
        }
    }
    out.push_str(&open);
    out.push_str(">\n");
    if let Some(worst) = case.failures.first() {
        let mut detail = String::new();
        for f in &case.failures {
            let _ = writeln!(detail, "{} [{}, {}]", f.message, f.severity, f.action);
            if let Some(source) = &f.source {
                let _ = writeln!(detail, "at {}", place(source));
            }
            if let Some(evidence) = &f.evidence {
                let _ = writeln!(detail, "evidence {}: {}", evidence.pointer, evidence.value);
            }
            let _ = writeln!(detail, "remediation: {}\n", f.remediation);
        }
        let _ = writeln!(
            out,
            "      <failure type=\"{}\" message=\"{}\">{}</failure>",
            worst.severity,
            attr(&worst.message),
            text(detail.trim_end())
        );
    } else {
        let mut reasons: Vec<String> = case
            .waived
            .iter()
            .map(|(_, w)| format!("waived until {} ({}): {}", w.expires, w.owner, w.reason))
            .collect();
        reasons.dedup();
        let _ = writeln!(
            out,
            "      <skipped message=\"{}\"/>",
            attr(&reasons.join("; "))
        );
    }
    out.push_str("    </testcase>\n");
    out
}

/// Escapes text for an XML attribute value, and drops characters XML 1.0 cannot hold.
fn attr(value: &str) -> String {
    escape(value, true)
}

/// Escapes element text.
fn text(value: &str) -> String {
    escape(value, false)
}

fn escape(value: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push('\u{FFFD}');
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_cannot_break_the_document() {
        assert_eq!(attr("a<b & \"c\"\n"), "a&lt;b &amp; &quot;c&quot;&#10;");
        assert_eq!(attr("a\tb\r"), "a&#9;b&#13;");
        assert_eq!(text("x\"y\u{1}z\n"), "x\"y\u{FFFD}z\n");
    }
}
