//! The compliance report as one self-contained HTML page: no scripts, no fonts or images to
//! fetch, so it opens the same from a CI artifact, an email or a file share.

use std::fmt::Write as _;

use super::{ComplianceReport, ControlResult, Status};
use crate::metadata::{Pillar, Severity};
use crate::table::{place, resource_label};

const STYLE: &str = r#"
:root { --fail: #c62828; --pass: #2e7d32; --none: #9e9e9e; --ink: #1d232b; --muted: #5f6b7a;
  --line: #e3e7ec; --critical: #8e1b1b; --high: #d84315; --medium: #f9a825; --low: #4f83cc; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #f5f7fa; }
main { max-width: 1100px; margin: 0 auto; padding: 28px 24px 48px; }
header h1 { margin: 0 0 4px; font-size: 26px; }
header p { margin: 0; color: var(--muted); }
header a { color: inherit; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 14px; margin: 22px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.card .n { font-size: 30px; font-weight: 700; }
.card .l { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
.card.fail .n { color: var(--fail); } .card.pass .n { color: var(--pass); }
.card.none .n { color: var(--none); }
.bar { display: flex; height: 12px; border-radius: 6px; overflow: hidden; margin: 8px 0 0;
  background: var(--line); }
.bar span { display: block; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px;
  margin: 0 0 18px; }
section h2 { margin: 0 0 12px; font-size: 18px; }
.legend { display: flex; gap: 16px; flex-wrap: wrap; color: var(--muted); font-size: 13px; }
.legend i { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px;
  vertical-align: -1px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.badge { display: inline-block; min-width: 74px; text-align: center; padding: 1px 8px; border-radius: 10px;
  font-size: 12px; font-weight: 600; color: #fff; }
.badge.fail { background: var(--fail); } .badge.pass { background: var(--pass); }
.badge.not_covered { background: var(--none); }
.sev { display: inline-block; padding: 0 7px; border-radius: 4px; font-size: 12px; font-weight: 600;
  color: #fff; }
.sev.critical { background: var(--critical); } .sev.high { background: var(--high); }
.sev.medium { background: var(--medium); color: #3b2f00; } .sev.low { background: var(--low); }
details { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 10px; }
details > summary { cursor: pointer; padding: 10px 12px; list-style: none; display: flex; gap: 10px;
  align-items: baseline; }
details > summary::-webkit-details-marker { display: none; }
details > div { padding: 0 12px 10px; }
.id { font-weight: 700; white-space: nowrap; }
.muted { color: var(--muted); }
.finding { border-top: 1px solid var(--line); padding: 8px 0; }
.finding p { margin: 2px 0; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; background: #eef1f5; padding: 0 4px;
  border-radius: 3px; }
@media print { body { background: #fff; } section, .card { break-inside: avoid; } }
"#;

/// Escapes text for HTML element content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text with `code` spans for the back-quoted parts, as rule messages write values.
fn rich(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "var(--critical)",
        Severity::High => "var(--high)",
        Severity::Medium => "var(--medium)",
        Severity::Low => "var(--low)",
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    #[expect(clippy::cast_precision_loss, reason = "counts are far below 2^52")]
    let ratio = part as f64 / whole as f64;
    ratio * 100.0
}

/// Findings per pillar, stacked by severity, as an SVG bar chart.
fn chart(report: &ComplianceReport) -> String {
    let counts = &report.summary.findings;
    let total = |p: &Pillar| counts.get(p).map_or(0, |m| m.values().sum::<usize>());
    let max = Pillar::ALL.iter().map(total).max().unwrap_or(0).max(1);
    let (width, height, left, bottom, top) = (640.0_f64, 240.0_f64, 40.0, 36.0, 16.0);
    let plot = height - bottom - top;
    let slot = (width - left) / 4.0;
    let bar = slot * 0.5;
    let mut svg = format!(
        "<svg role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {width} {height}\" \
         width=\"100%\" style=\"max-width:{width}px\"><title id=\"chart-title\">Findings by \
         pillar and severity</title>"
    );
    // The scale: a line at zero and at the top count.
    #[expect(clippy::cast_precision_loss, reason = "counts are far below 2^52")]
    let scale = plot / max as f64;
    for (value, y) in [(0, height - bottom), (max, top)] {
        let _ = write!(
            svg,
            "<line x1=\"{left}\" x2=\"{width}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#e3e7ec\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5f6b7a\">{value}</text>",
            left - 6.0,
            y + 4.0
        );
    }
    for (i, pillar) in Pillar::ALL.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "four pillars")]
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = height - bottom;
        for severity in Severity::ALL.iter().rev() {
            let n = counts
                .get(pillar)
                .and_then(|m| m.get(severity))
                .copied()
                .unwrap_or(0);
            if n == 0 {
                continue;
            }
            #[expect(clippy::cast_precision_loss, reason = "counts are far below 2^52")]
            let h = n as f64 * scale;
            y -= h;
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" \
                 fill=\"{}\" data-pillar=\"{pillar}\" data-severity=\"{severity}\" \
                 data-count=\"{n}\"><title>{pillar}: {n} {severity}</title></rect>",
                severity_color(*severity)
            );
        }
        let center = x + bar / 2.0;
        let _ = write!(
            svg,
            "<text x=\"{center:.1}\" y=\"{:.1}\" font-size=\"12\" font-weight=\"600\" \
             text-anchor=\"middle\" fill=\"#1d232b\">{}</text>\
             <text x=\"{center:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" \
             fill=\"#5f6b7a\">{pillar}</text>",
            y - 5.0,
            total(pillar),
            height - bottom + 20.0
        );
    }
    svg.push_str("</svg>");
    svg
}

fn control_block(c: &ControlResult) -> String {
    let mut out = String::new();
    let open = if c.status == Status::Fail {
        " open"
    } else {
        ""
    };
    let rules = if c.rules.is_empty() {
        "no ztguard rule covers this control".to_owned()
    } else {
        c.rules.join(", ")
    };
    let waived = match c.waived {
        0 => String::new(),
        n => format!(" · {n} waived"),
    };
    let findings = match c.findings.len() {
        1 => "1 finding".to_owned(),
        n => format!("{n} findings"),
    };
    let _ = write!(
        out,
        "<details{open} id=\"control-{id}\" data-status=\"{status}\"><summary>\
         <span class=\"badge {status}\">{label}</span><span class=\"id\">{id}</span>\
         <span>{title}</span><span class=\"muted\">{section} · {findings}{waived}</span>\
         </summary><div><p class=\"muted\">Rules: {rules}</p>",
        id = esc(&c.id),
        status = c.status.as_str(),
        label = c.status.as_str().replace('_', " "),
        title = esc(&c.title),
        section = esc(&c.section),
        rules = esc(&rules),
    );
    for f in &c.findings {
        let location = f.source.as_ref().map_or_else(String::new, |s| {
            format!(" · <code>{}</code>", esc(&place(s)))
        });
        let _ = write!(
            out,
            "<div class=\"finding\"><p><span class=\"sev {severity}\">{severity}</span> \
             <strong>{rule}</strong> {title} · {resource}{location}</p><p>{message}</p>\
             <p class=\"muted\">Fix: {remediation}</p></div>",
            severity = f.severity,
            rule = esc(&f.rule),
            title = esc(&f.title),
            resource = esc(&resource_label(&f.resource)),
            message = rich(&f.message),
            remediation = rich(&f.remediation),
        );
    }
    out.push_str("</div></details>");
    out
}

/// The page.
pub(super) fn render(report: &ComplianceReport) -> String {
    let f = &report.framework;
    let s = &report.summary;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"ztguard {version}\">\
         <title>{title} {fversion}: ztguard compliance report</title><style>{STYLE}</style></head>\
         <body><main><header><h1>{title}</h1><p>{fversion} · <a href=\"{url}\">{url}</a> · \
         judged by ztguard {version}</p></header>",
        version = env!("CARGO_PKG_VERSION"),
        title = esc(&f.title),
        fversion = esc(&f.version),
        url = esc(&f.url),
    );
    let _ = write!(
        out,
        "<div class=\"cards\">\
         <div class=\"card\" id=\"total\"><div class=\"n\">{controls}</div><div class=\"l\">controls</div>\
         <div class=\"bar\"><span style=\"width:{pf:.1}%;background:var(--fail)\"></span>\
         <span style=\"width:{pp:.1}%;background:var(--pass)\"></span>\
         <span style=\"width:{pn:.1}%;background:var(--none)\"></span></div></div>\
         <div class=\"card fail\" id=\"failing\"><div class=\"n\">{fail}</div><div class=\"l\">fail</div></div>\
         <div class=\"card pass\" id=\"passing\"><div class=\"n\">{pass}</div><div class=\"l\">pass</div></div>\
         <div class=\"card none\" id=\"not-covered\"><div class=\"n\">{none}</div><div class=\"l\">not covered</div></div>\
         </div>",
        controls = s.controls,
        fail = s.fail,
        pass = s.pass,
        none = s.not_covered,
        pf = percent(s.fail, s.controls),
        pp = percent(s.pass, s.controls),
        pn = percent(s.not_covered, s.controls),
    );
    out.push_str("<section><h2>Findings by pillar and severity</h2>");
    out.push_str(&chart(report));
    out.push_str("<div class=\"legend\">");
    for severity in Severity::ALL {
        let _ = write!(
            out,
            "<span><i style=\"background:{}\"></i>{severity}</span>",
            severity_color(severity)
        );
    }
    out.push_str("</div></section>");
    for (status, heading) in [
        (Status::Fail, "Failing controls"),
        (Status::Pass, "Passing controls"),
        (Status::NotCovered, "Controls ztguard does not cover"),
    ] {
        let controls: Vec<&ControlResult> = report
            .controls
            .iter()
            .filter(|c| c.status == status)
            .collect();
        if controls.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<section class=\"{}\"><h2>{heading} ({})</h2>",
            status.as_str(),
            controls.len()
        );
        for c in controls {
            out.push_str(&control_block(c));
        }
        out.push_str("</section>");
    }
    if !report.unknown_controls.is_empty() {
        out.push_str(
            "<section><h2>Controls rules name that the catalogue lacks</h2><table>\
             <tr><th>control</th><th>rules</th></tr>",
        );
        for (id, rules) in &report.unknown_controls {
            let _ = write!(
                out,
                "<tr><td class=\"id\">{}</td><td>{}</td></tr>",
                esc(id),
                esc(&rules.join(", "))
            );
        }
        out.push_str("</table></section>");
    }
    out.push_str("</main></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(
            rich("runs `<img src=x>` as `root`"),
            "runs <code>&lt;img src=x&gt;</code> as <code>root</code>"
        );
    }
}
