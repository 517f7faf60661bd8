//! Plain-text tables of reports and rule catalogues, as the CLI prints them.

use std::fmt::Write as _;

use crate::engine::Rule;
use crate::facts::Source;
use crate::report::{Report, Resource};

/// Renders rows as left-aligned columns separated by two spaces; the last column is not padded.
fn columns(rows: &[Vec<String>]) -> String {
    columns_styled(rows, |_, _, cell| cell.to_owned())
}

/// As [`columns`], with `style(row, column, padded cell)` applied to each cell after padding,
/// so escape sequences do not count towards widths.
fn columns_styled(rows: &[Vec<String>], style: impl Fn(usize, usize, &str) -> String) -> String {
    let width = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..width)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (r, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(&style(r, i, cell));
            } else {
                let pad = widths.get(i).copied().unwrap_or(0);
                let _ = write!(line, "{}  ", style(r, i, &format!("{cell:<pad$}")));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `file:line`, or the file alone when the line is unknown.
pub fn place(source: &Source) -> String {
    match source.line {
        Some(line) => format!("{}:{line}", source.file),
        None => source.file.clone(),
    }
}

/// `Kind namespace/name [container]`.
pub fn resource_label(resource: &Resource) -> String {
    let mut out = resource.kind.clone();
    out.push(' ');
    if let Some(namespace) = &resource.namespace {
        out.push_str(namespace);
        out.push('/');
    }
    out.push_str(&resource.name);
    if let Some(container) = &resource.container {
        let _ = write!(out, " [{container}]");
    }
    out
}

/// The report as a table: one row per finding, then skipped objects and a summary line.
pub fn report_table(report: &Report) -> String {
    report_table_styled(report, false)
}

/// The ANSI colour of a severity on a terminal.
fn severity_color(severity: &str) -> Option<&'static str> {
    match severity.trim_end() {
        "critical" => Some("\x1b[1;31m"),
        "high" => Some("\x1b[31m"),
        "medium" => Some("\x1b[33m"),
        "low" => Some("\x1b[36m"),
        _ => None,
    }
}

/// As [`report_table`], with severities in colour when `color` is set.
pub fn report_table_styled(report: &Report, color: bool) -> String {
    let mut out = String::new();
    if !report.findings.is_empty() {
        let mut rows = vec![vec![
            "SEVERITY".to_owned(),
            "ACTION".to_owned(),
            "RULE".to_owned(),
            "RESOURCE".to_owned(),
            "LOCATION".to_owned(),
            "MESSAGE".to_owned(),
        ]];
        for f in &report.findings {
            let location = f.source.as_ref().map_or_else(String::new, place);
            rows.push(vec![
                f.severity.to_string(),
                f.action.to_string(),
                f.rule.clone(),
                resource_label(&f.resource),
                location,
                f.message.clone(),
            ]);
        }
        out.push_str(&columns_styled(
            &rows,
            |row, column, cell| match severity_color(cell)
                .filter(|_| color && row > 0 && column == 0)
            {
                Some(code) => format!("{code}{cell}\x1b[0m"),
                None => cell.to_owned(),
            },
        ));
        out.push('\n');
    }
    for w in &report.waived {
        let _ = writeln!(
            out,
            "waived {} {} until {} ({}): {}",
            w.finding.rule,
            resource_label(&w.finding.resource),
            w.waiver.expires,
            w.waiver.owner,
            w.waiver.reason
        );
    }
    for w in &report.expired_waivers {
        let place = w
            .source
            .as_ref()
            .map_or_else(String::new, |s| format!(" ({})", place(s)));
        let _ = writeln!(
            out,
            "expired waiver for {}{place}: expired {} ({}), no longer applies",
            w.rule, w.expires, w.owner
        );
    }
    for s in &report.skipped {
        let name = s.name.as_deref().unwrap_or("(unnamed)");
        let place = s
            .source
            .as_ref()
            .map_or_else(String::new, |s| format!(" ({})", place(s)));
        let _ = writeln!(out, "skipped {} {name}{place}: {}", s.kind, s.reason);
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

/// One line: verdict and counts by severity.
pub fn summary_line(report: &Report) -> String {
    let counts: Vec<String> = report
        .summary
        .by_severity
        .iter()
        .map(|(severity, n)| format!("{n} {severity}"))
        .collect();
    let verdict = if report.allowed { "allowed" } else { "denied" };
    let plural = if report.summary.total == 1 { "" } else { "s" };
    let mut line = format!(
        "{verdict}: {} finding{plural} ({})",
        report.summary.total,
        counts.join(", ")
    );
    if report.summary.waived > 0 {
        line.push_str(&format!(", {} waived", report.summary.waived));
    }
    match report.summary.expired_waivers {
        0 => {}
        1 => line.push_str(", 1 expired waiver"),
        n => line.push_str(&format!(", {n} expired waivers")),
    }
    line
}

/// The rule catalogue as a table.
pub fn rules_table(rules: &[Rule]) -> String {
    let mut rows = vec![vec![
        "ID".to_owned(),
        "PILLAR".to_owned(),
        "SEVERITY".to_owned(),
        "ACTION".to_owned(),
        "STAGES".to_owned(),
        "TITLE".to_owned(),
    ]];
    for rule in rules {
        let m = &rule.metadata;
        let stages: Vec<&str> = m.stages.iter().map(|s| s.as_str()).collect();
        rows.push(vec![
            m.id.clone(),
            m.pillar.to_string(),
            m.severity.to_string(),
            m.action.to_string(),
            stages.join(","),
            m.title.clone(),
        ]);
    }
    columns(&rows)
}
