//! Data-driven cases under `testdata/cases/`, one named test each.
//!
//! A case is a directory with a `case.json`:
//!
//! - `note`: what the case shows;
//! - `inputs`: manifests and facts files, relative to the case directory (default: every
//!   `.yaml`, `.yml` and `.json` file in it but `case.json`);
//! - `waivers`: waivers files and `data_files`: parameter files (neither read as inputs);
//! - `policies`: extra Rego files; `no_builtin_rules`: load only those; `data`: parameters;
//!   `time_limit_ms`: the evaluation time limit;
//! - `time`: the time the facts describe (default `2026-12-01T12:00:00Z`), and `observed_at`:
//!   when evidence that does not say so was observed (default one hour earlier);
//! - `rules`: rule id prefixes the case is about (default: every rule); findings of other
//!   rules are not compared, and `allowed` counts only these rules' findings;
//! - `expect`: either `{"allowed": bool, "findings": [{"rule", "resource", "severity"?,
//!   "action"?, "response"?}], "waived"?: [...], "expired_waivers"?: N}`, the exact findings
//!   (the resource as the table prints it) and waived findings, or `{"error": {"code",
//!   "message"}}`, the exact error.
//!
//! Beside `case.json`, `golden/report.json` holds the whole report the Rust API returns (or
//! `{"error": record}`), with the checkout's absolute path written as `<repo>`. The Python
//! and Node bindings compare their reports with the same file, so all three agree finding for
//! finding. A case that yields a report also pins it in every other output format:
//! `golden/report.txt` (table), `report.sarif.json` (which must also validate against the
//! SARIF 2.1.0 schema), `report.junit.xml` and `report.github.txt`, and through every
//! compliance framework in `compliance.txt`; `compliance_pages` (framework ids) adds that
//! framework's compliance report as `compliance-<id>.json` and `.html`. `ZTGUARD_BLESS=1 cargo
//! test --test cases` rewrites the golden files after a change that is meant to alter them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use libtest_mimic::{Arguments, Failed, Trial};
use serde::Deserialize;
use serde_json::Value;
use ztguard::compliance;
use ztguard::input::Inputs;
use ztguard::render::{Format, RenderOptions, render};
use ztguard::{Engine, Error, Finding, Report, Rule};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    note: String,
    #[serde(default)]
    inputs: Option<Vec<String>>,
    #[serde(default)]
    policies: Vec<String>,
    #[serde(default)]
    waivers: Vec<String>,
    #[serde(default)]
    data_files: Vec<String>,
    #[serde(default)]
    no_builtin_rules: bool,
    #[serde(default)]
    data: Option<Value>,
    #[serde(default)]
    time_limit_ms: Option<u64>,
    #[serde(default = "default_time")]
    time: String,
    #[serde(default = "default_observed_at")]
    observed_at: String,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    compliance_pages: Vec<String>,
    expect: Expect,
}

fn default_time() -> String {
    "2026-12-01T12:00:00Z".to_owned()
}

fn default_observed_at() -> String {
    "2026-12-01T11:00:00Z".to_owned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, untagged)]
enum Expect {
    Error {
        error: ExpectedError,
    },
    Report {
        allowed: bool,
        findings: Vec<ExpectedFinding>,
        #[serde(default)]
        waived: Vec<ExpectedFinding>,
        #[serde(default)]
        expired_waivers: usize,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedError {
    code: String,
    message: String,
}

#[derive(Deserialize, Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
#[serde(deny_unknown_fields)]
struct ExpectedFinding {
    rule: String,
    resource: String,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    action: Option<String>,
    #[serde(default)]
    response: Option<String>,
}

fn cases_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/cases");
    // Canonical, so that files named in messages start with the checkout's path.
    dir.canonicalize().unwrap_or(dir)
}

fn read(path: &Path) -> Result<String, Failed> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()).into())
}

fn run_case(dir: &Path) -> Result<(), Failed> {
    let case: Case = serde_json::from_str(&read(&dir.join("case.json"))?)
        .map_err(|e| format!("case.json: {e}"))?;
    if case.note.trim().is_empty() {
        return Err("case.json: `note` is empty".into());
    }
    let (outcome, rules) = evaluate(dir, &case)?;
    check_golden(dir, &outcome)?;
    if let Ok(report) = &outcome {
        check_formats(dir, report, &rules)?;
        check_compliance(dir, &case, report, &rules)?;
    }
    match (&case.expect, outcome) {
        (Expect::Error { error }, Err(actual)) => {
            let actual_code = actual.code().to_string();
            let actual_message = actual.to_string();
            if (actual_code.as_str(), actual_message.as_str()) != (&error.code, &error.message) {
                return Err(format!(
                    "expected error [{}] {}\n     got error [{actual_code}] {actual_message}",
                    error.code, error.message
                )
                .into());
            }
            Ok(())
        }
        (Expect::Error { error }, Ok(report)) => Err(format!(
            "expected error [{}] {}, got a report with {} findings",
            error.code, error.message, report.summary.total
        )
        .into()),
        (Expect::Report { .. }, Err(e)) => {
            Err(format!("expected a report, got error [{}] {e}", e.code()).into())
        }
        (
            Expect::Report {
                allowed,
                findings,
                waived,
                expired_waivers,
            },
            Ok(mut report),
        ) => {
            let mut problems = Vec::new();
            if report.expired_waivers.len() != *expired_waivers {
                problems.push(format!(
                    "expected {expired_waivers} expired waivers, got {}",
                    report.expired_waivers.len()
                ));
            }
            let waived_findings: Vec<_> = report.waived.iter().map(|w| w.finding.clone()).collect();
            if let Err(e) = compare_findings(waived, &waived_findings) {
                problems.push(format!("waived: {e}"));
            }
            if !problems.is_empty() {
                return Err(problems.join("\n").into());
            }
            if !case.rules.is_empty() {
                report
                    .findings
                    .retain(|f| case.rules.iter().any(|p| f.rule.starts_with(p.as_str())));
                report.allowed = !report
                    .findings
                    .iter()
                    .any(|f| f.action == ztguard::Action::Deny);
            }
            compare(*allowed, findings, &report)
        }
    }
}

/// The case's outcome, and the rules it was judged with (none when the engine did not build).
type Outcome = (Result<Report, Error>, Vec<Rule>);

fn evaluate(dir: &Path, case: &Case) -> Result<Outcome, Failed> {
    let mut builder = Engine::builder();
    if case.no_builtin_rules {
        builder = builder.without_builtin_rules();
    }
    for file in &case.waivers {
        let waivers = match ztguard::Waivers::from_text(file, &read(&dir.join(file))?) {
            Ok(waivers) => waivers,
            Err(e) => return Ok((Err(e), Vec::new())),
        };
        builder = builder.waivers(waivers);
    }
    for policy in &case.policies {
        builder = builder.policy(policy.clone(), read(&dir.join(policy))?);
    }
    for file in &case.data_files {
        builder = match builder.data_file(dir.join(file)) {
            Ok(builder) => builder,
            Err(e) => return Ok((Err(e), Vec::new())),
        };
    }
    if let Some(data) = &case.data {
        builder = builder.data(data.clone());
    }
    if let Some(ms) = case.time_limit_ms {
        builder = builder.time_limit(Duration::from_millis(ms));
    }
    let inputs = match &case.inputs {
        Some(inputs) => inputs.clone(),
        None => default_inputs(dir)?
            .into_iter()
            .filter(|f| !case.waivers.contains(f) && !case.data_files.contains(f))
            .collect(),
    };
    let engine = match builder.build() {
        Ok(engine) => engine,
        Err(e) => return Ok((Err(e), Vec::new())),
    };
    let rules = engine.rules().to_vec();
    let mut reader = Inputs::new();
    for input in inputs {
        if let Err(e) = reader.add_text(&input, &read(&dir.join(&input))?, &case.observed_at) {
            return Ok((Err(e), rules));
        }
    }
    let mut facts = reader.finish();
    facts.time.get_or_insert_with(|| case.time.clone());
    Ok((engine.evaluate(&facts), rules))
}

/// Compares the outcome, whole, with the case's golden file (or writes it when blessing).
fn check_golden(dir: &Path, outcome: &Result<Report, Error>) -> Result<(), Failed> {
    let value = match outcome {
        Ok(report) => serde_json::to_value(report).map_err(|e| e.to_string())?,
        Err(error) => serde_json::json!({ "error": error.record() }),
    };
    let Some(expected) = golden_text(dir, "report.json", &format!("{value:#}\n"))? else {
        return Ok(());
    };
    let text = format!("{value:#}\n").replace(repo_root()?.as_str(), "<repo>");
    if expected == text {
        return Ok(());
    }
    let expected: Value = serde_json::from_str(&expected).map_err(|e| e.to_string())?;
    let actual: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let place = first_difference(&expected, &actual, String::new())
        .unwrap_or_else(|| "formatting".to_owned());
    Err(format!(
        "the report differs from golden/report.json at `{place}`; if the change is meant, \
         ZTGUARD_BLESS=1 rewrites it"
    )
    .into())
}

/// The golden file `name` of a case, to compare with `actual`; `None` when blessing, which
/// writes `actual` there instead. The checkout's path is written as `<repo>` either way.
fn golden_text(dir: &Path, name: &str, actual: &str) -> Result<Option<String>, Failed> {
    let text = actual.replace(repo_root()?.as_str(), "<repo>");
    let golden = dir.join("golden").join(name);
    if std::env::var_os("ZTGUARD_BLESS").is_some() {
        std::fs::create_dir_all(dir.join("golden")).map_err(|e| e.to_string())?;
        std::fs::write(&golden, text).map_err(|e| e.to_string())?;
        return Ok(None);
    }
    let expected = std::fs::read_to_string(&golden).map_err(|e| {
        format!(
            "cannot read {}: {e}; ZTGUARD_BLESS=1 writes it",
            golden.display()
        )
    })?;
    Ok(Some(expected))
}

/// Renders the report in every other format and compares each with its golden file; SARIF
/// must also validate against its schema, and every format must show the same findings.
fn check_formats(dir: &Path, report: &Report, rules: &[Rule]) -> Result<(), Failed> {
    let formats = [
        (Format::Table, "report.txt"),
        (Format::Sarif, "report.sarif.json"),
        (Format::Junit, "report.junit.xml"),
        (Format::Github, "report.github.txt"),
    ];
    let mut problems = Vec::new();
    for (format, name) in formats {
        let text = render(report, rules, format, RenderOptions::default());
        if format == Format::Sarif {
            problems.extend(sarif_problems(&text, report));
        }
        if format == Format::Junit {
            problems.extend(junit_problems(&text, report));
        }
        if format == Format::Github {
            problems.extend(github_problems(&text, report));
        }
        let Some(expected) = golden_text(dir, name, &text)? else {
            continue;
        };
        let actual = text.replace(repo_root()?.as_str(), "<repo>");
        if expected != actual {
            let line = expected
                .lines()
                .zip(actual.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
            problems.push(format!(
                "the {format} output differs from golden/{name} at line {}; if the change is \
                 meant, ZTGUARD_BLESS=1 rewrites it",
                line + 1
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

/// Compares the report through every framework, and the pages the case asks for, with their
/// golden files.
fn check_compliance(
    dir: &Path,
    case: &Case,
    report: &Report,
    rules: &[Rule],
) -> Result<(), Failed> {
    let frameworks = compliance::builtin_frameworks().map_err(|e| e.to_string())?;
    let mut outputs = vec![(
        "compliance.txt".to_owned(),
        frameworks
            .iter()
            .map(|f| compliance::assess(f, rules, report).to_table())
            .collect::<Vec<_>>()
            .join("\n"),
    )];
    for id in &case.compliance_pages {
        let framework = compliance::framework(id).map_err(|e| e.to_string())?;
        let assessed = compliance::assess(&framework, rules, report);
        outputs.push((
            format!("compliance-{id}.json"),
            format!("{}\n", assessed.to_json_pretty()),
        ));
        outputs.push((format!("compliance-{id}.html"), assessed.to_html()));
    }
    let mut problems = Vec::new();
    for (name, text) in outputs {
        let Some(expected) = golden_text(dir, &name, &text)? else {
            continue;
        };
        if expected != text.replace(repo_root()?.as_str(), "<repo>") {
            problems.push(format!(
                "the compliance view differs from golden/{name}; if the change is meant, \
                 ZTGUARD_BLESS=1 rewrites it"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

fn sarif_schema() -> &'static Result<jsonschema::Validator, String> {
    static SCHEMA: OnceLock<Result<jsonschema::Validator, String>> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../testdata/schemas/sarif-2.1.0.schema.json");
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        // The published schema's `language` pattern ends in a stray `]`, a literal in the
        // ECMA-262 regexes JSON Schema specifies but an error to Rust's regex engine: escape it.
        let text = text.replace("{2}]?$", "{2}\\\\]?$");
        let schema: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        jsonschema::validator_for(&schema).map_err(|e| e.to_string())
    })
}

/// Schema violations of a SARIF log, and any disagreement with the report it renders.
fn sarif_problems(text: &str, report: &Report) -> Vec<String> {
    let log: Value = match serde_json::from_str(text) {
        Ok(log) => log,
        Err(e) => return vec![format!("SARIF is not JSON: {e}")],
    };
    let validator = match sarif_schema() {
        Ok(validator) => validator,
        Err(e) => return vec![format!("the SARIF schema does not load: {e}")],
    };
    let mut problems: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("SARIF breaks its schema at `{}`: {e}", e.instance_path()))
        .collect();
    let results = log
        .pointer("/runs/0/results")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    // GitHub code scanning refuses a whole log if one result has no file to point at.
    let placeless = results
        .iter()
        .filter(|r| {
            r.pointer("/locations/0/physicalLocation/artifactLocation/uri")
                .is_none()
        })
        .count();
    if placeless > 0 {
        problems.push(format!("{placeless} SARIF results have no file location"));
    }
    let suppressed = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .count();
    if results.len() - suppressed != report.findings.len() || suppressed != report.waived.len() {
        problems.push(format!(
            "SARIF has {} results ({suppressed} suppressed) for {} findings and {} waived",
            results.len(),
            report.findings.len(),
            report.waived.len()
        ));
    }
    problems
}

/// The schema check is only worth its passes if it fails: a level SARIF does not define, a
/// result without a message and a result too many must each be reported.
fn sarif_check_can_fail() -> Result<(), Failed> {
    let dir = cases_dir().join("quickstart");
    let case: Case = serde_json::from_str(&read(&dir.join("case.json"))?)
        .map_err(|e| format!("case.json: {e}"))?;
    let (outcome, rules) = evaluate(&dir, &case)?;
    let report = outcome.map_err(|e| e.to_string())?;
    let text = render(&report, &rules, Format::Sarif, RenderOptions::default());
    let log: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut log = log.clone();
        edit(&mut log);
        sarif_problems(&log.to_string(), &report)
    };
    if !broken(&|_| {}).is_empty() {
        return Err("the unbroken log should pass".into());
    }
    let level = broken(&|log| {
        if let Some(level) = log.pointer_mut("/runs/0/results/0/level") {
            *level = "fatal".into();
        }
    });
    let message = broken(&|log| {
        if let Some(result) = log
            .pointer_mut("/runs/0/results/0")
            .and_then(Value::as_object_mut)
        {
            result.remove("message");
        }
    });
    let extra = broken(&|log| {
        let first = log.pointer("/runs/0/results/0").cloned();
        let results = log
            .pointer_mut("/runs/0/results")
            .and_then(Value::as_array_mut);
        if let (Some(first), Some(results)) = (first, results) {
            results.push(first);
        }
    });
    for (what, problems) in [("level", level), ("message", message), ("extra", extra)] {
        if problems.is_empty() {
            return Err(format!("the {what} breakage went unnoticed").into());
        }
    }
    Ok(())
}

/// Whether the JUnit XML counts every finding and waived finding of the report.
fn junit_problems(text: &str, report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    let key = |f: &Finding| (f.rule.clone(), format!("{:?}", f.resource));
    let mut failing: Vec<(String, String)> = report.findings.iter().map(key).collect();
    failing.sort();
    failing.dedup();
    let mut waived: Vec<(String, String)> = report
        .waived
        .iter()
        .map(|w| key(&w.finding))
        .filter(|pair| failing.binary_search(pair).is_err())
        .collect();
    waived.sort();
    waived.dedup();
    let (failing, waived_only) = (failing.len(), waived.len());
    let failures = text.matches("<failure type=").count();
    let expected_failures = failing + report.expired_waivers.len();
    if failures != expected_failures {
        problems.push(format!(
            "JUnit has {failures} failures, the report {expected_failures} failing rule and \
             resource pairs and expired waivers"
        ));
    }
    let skipped = text.matches("<skipped ").count();
    if skipped != waived_only {
        problems.push(format!(
            "JUnit skips {skipped} cases, the report waives {waived_only} rule and resource pairs"
        ));
    }
    problems
}

/// Whether the annotations carry every finding, waived finding and expired waiver.
fn github_problems(text: &str, report: &Report) -> Vec<String> {
    let commands = text.lines().filter(|l| l.starts_with("::")).count();
    let expected = report.findings.len() + report.waived.len() + report.expired_waivers.len();
    if commands == expected {
        Vec::new()
    } else {
        vec![format!(
            "GitHub output has {commands} annotations for {expected} findings, waived findings \
             and expired waivers"
        )]
    }
}

/// The JSON pointer of the first place two values differ.
fn first_difference(a: &Value, b: &Value, pointer: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => first_difference(p, q, format!("{pointer}/{k}")),
                _ => Some(format!("{pointer}/{k}")),
            })
        }
        (Value::Array(x), Value::Array(y)) => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, format!("{pointer}/{i}")))
            .or_else(|| {
                (x.len() != y.len()).then(|| format!("{pointer}/{}", x.len().min(y.len())))
            }),
        _ => (a != b).then_some(pointer),
    }
}

/// The checkout's absolute path, as it appears in messages that name files.
fn repo_root() -> Result<String, Failed> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.canonicalize().map_err(|e| e.to_string())?;
    Ok(root.display().to_string())
}

fn default_inputs(dir: &Path) -> Result<Vec<String>, Failed> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| {
            n != "case.json"
                && [".yaml", ".yml", ".json", ".jsonl"]
                    .iter()
                    .any(|x| n.ends_with(x))
        })
        .collect();
    names.sort();
    Ok(names)
}

fn compare(allowed: bool, expected: &[ExpectedFinding], report: &Report) -> Result<(), Failed> {
    let mut problems = Vec::new();
    if report.allowed != allowed {
        problems.push(format!(
            "expected allowed = {allowed}, got {}",
            report.allowed
        ));
    }
    if let Err(e) = compare_findings(expected, &report.findings) {
        problems.push(e);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

fn compare_findings(expected: &[ExpectedFinding], findings: &[Finding]) -> Result<(), String> {
    let mut want = expected.to_vec();
    want.sort();
    let mut got: Vec<ExpectedFinding> = findings
        .iter()
        .map(|f| {
            let with_severity = want
                .iter()
                .any(|w| w.rule == f.rule && w.severity.is_some());
            let with_action = want.iter().any(|w| w.rule == f.rule && w.action.is_some());
            let with_response = want
                .iter()
                .any(|w| w.rule == f.rule && w.response.is_some());
            ExpectedFinding {
                rule: f.rule.clone(),
                resource: ztguard::table::resource_label(&f.resource),
                severity: with_severity.then(|| f.severity.to_string()),
                action: with_action.then(|| f.action.to_string()),
                response: with_response
                    .then(|| f.response.map(|r| r.to_string()).unwrap_or_default()),
            }
        })
        .collect();
    got.sort();
    // Compare as multisets: a finding expected twice must be found twice.
    let mut problems = Vec::new();
    let mut unmatched = got;
    for w in &want {
        match unmatched.iter().position(|g| g == w) {
            Some(i) => {
                unmatched.remove(i);
            }
            None => problems.push(format!("missing finding: {w:?}")),
        }
    }
    for g in unmatched {
        problems.push(format!("unexpected finding: {g:?}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

fn main() {
    let args = Arguments::from_args();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    let mut trials: Vec<Trial> = dirs
        .into_iter()
        .map(|dir| {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Trial::test(name, move || run_case(&dir))
        })
        .collect();
    trials.push(Trial::test(
        "the SARIF check rejects a log that breaks the schema",
        sarif_check_can_fail,
    ));
    if trials.is_empty() {
        trials.push(Trial::test("cases exist", || {
            Err("no cases under testdata/cases".into())
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
