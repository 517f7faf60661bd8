//! Output formats. Every renderer draws on one [`Report`] and the rule catalogue it was
//! judged with, so the formats cannot disagree: what one shows (findings, waived findings,
//! expired waivers), every other shows too.

mod github;
mod junit;
mod sarif;

use std::fmt;

use crate::engine::Rule;
use crate::report::{Finding, Report};
use crate::table;

pub use sarif::SARIF_VERSION;

/// A way to print a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A readable table with a summary line.
    Table,
    /// The documented report JSON.
    Json,
    /// SARIF 2.1.0, for code scanning dashboards.
    Sarif,
    /// JUnit XML, for CI test reports.
    Junit,
    /// GitHub Actions workflow commands (`::error file=...::message`).
    Github,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [
        Format::Table,
        Format::Json,
        Format::Sarif,
        Format::Junit,
        Format::Github,
    ];

    /// The format's name, as the command line and the bindings spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                format!("unknown format `{s}`, expected table, json, sarif, junit or github")
            })
    }
}

/// Choices that change how a report looks, never what it says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Colour severities in the table with ANSI escapes (for a terminal).
    pub color: bool,
}

/// Renders `report`, judged with `rules`, in `format`. The text ends with a newline.
pub fn render(report: &Report, rules: &[Rule], format: Format, options: RenderOptions) -> String {
    match format {
        Format::Table => table::report_table_styled(report, options.color),
        Format::Json => format!("{}\n", report.to_json_pretty()),
        Format::Sarif => sarif::render(report, rules),
        Format::Junit => junit::render(report, rules),
        Format::Github => github::render(report),
    }
}

/// A stable identity for a finding, the same from run to run while the rule, the resource, the
/// offending field and the file it was read from stay the same (line numbers and message
/// wording may change): FNV-1a over those fields, as 16 hex digits. The file keeps the same
/// object in two overlays apart.
pub fn fingerprint(finding: &Finding) -> String {
    let r = &finding.resource;
    let pointer = finding.evidence.as_ref().map(|e| e.pointer.as_str());
    let file = finding.source.as_ref().map(|s| s.file.as_str());
    let parts = [
        Some(finding.rule.as_str()),
        Some(r.kind.as_str()),
        r.namespace.as_deref(),
        Some(r.name.as_str()),
        r.container.as_deref(),
        r.image.as_deref(),
        pointer,
        file,
    ];
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        // A separator that cannot occur in the fields keeps ("ab", "c") apart from ("a", "bc");
        // an absent field hashes differently from an empty one.
        let bytes = part.map_or(&[0xff_u8][..], str::as_bytes);
        for byte in bytes.iter().chain(&[0x00]) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::{Action, Pillar, Severity};
    use crate::report::Resource;

    fn finding(name: &str, container: Option<&str>) -> Finding {
        Finding {
            rule: "ZT-PRV-001".to_owned(),
            title: "t".to_owned(),
            pillar: Pillar::Privilege,
            severity: Severity::High,
            action: Action::Deny,
            response: None,
            stages: vec![],
            resource: Resource {
                kind: "Pod".to_owned(),
                namespace: Some("shop".to_owned()),
                name: name.to_owned(),
                container: container.map(str::to_owned),
                image: None,
            },
            message: "m".to_owned(),
            remediation: "r".to_owned(),
            controls: Default::default(),
            evidence: None,
            source: None,
        }
    }

    #[test]
    fn fingerprints_ignore_wording_and_tell_resources_apart() {
        let a = finding("web", Some("app"));
        let mut reworded = a.clone();
        reworded.message = "other words".to_owned();
        let at = |line| {
            Some(crate::facts::Source {
                file: "x.yaml".to_owned(),
                line: Some(line),
            })
        };
        let (mut moved, mut elsewhere) = (a.clone(), a.clone());
        (moved.source, reworded.source) = (at(40), at(12));
        assert_eq!(fingerprint(&moved), fingerprint(&reworded));
        assert_ne!(fingerprint(&a), fingerprint(&moved));
        elsewhere.source = Some(crate::facts::Source {
            file: "overlay/x.yaml".to_owned(),
            line: Some(40),
        });
        assert_ne!(fingerprint(&moved), fingerprint(&elsewhere));
        assert_ne!(fingerprint(&a), fingerprint(&finding("web", None)));
        assert_ne!(fingerprint(&a), fingerprint(&finding("web", Some(""))));
        assert_ne!(fingerprint(&a), fingerprint(&finding("webapp", None)));
        assert_eq!(fingerprint(&a).len(), 16);
    }

    #[test]
    fn formats_read_back_from_their_names() {
        for format in Format::ALL {
            assert_eq!(format.as_str().parse::<Format>(), Ok(format));
        }
        assert!(
            "xml"
                .parse::<Format>()
                .is_err_and(|e| e.contains("sarif, junit"))
        );
    }
}
