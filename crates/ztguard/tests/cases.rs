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
//! finding. `ZTGUARD_BLESS=1 cargo test --test cases` rewrites the golden files after a change
//! that is meant to alter them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use libtest_mimic::{Arguments, Failed, Trial};
use serde::Deserialize;
use serde_json::Value;
use ztguard::input::Inputs;
use ztguard::{Engine, Error, Finding, Report};

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
    let outcome = evaluate(dir, &case)?;
    check_golden(dir, &outcome)?;
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

fn evaluate(dir: &Path, case: &Case) -> Result<Result<Report, Error>, Failed> {
    let mut builder = Engine::builder();
    if case.no_builtin_rules {
        builder = builder.without_builtin_rules();
    }
    for file in &case.waivers {
        let waivers = match ztguard::Waivers::from_text(file, &read(&dir.join(file))?) {
            Ok(waivers) => waivers,
            Err(e) => return Ok(Err(e)),
        };
        builder = builder.waivers(waivers);
    }
    for policy in &case.policies {
        builder = builder.policy(policy.clone(), read(&dir.join(policy))?);
    }
    for file in &case.data_files {
        builder = match builder.data_file(dir.join(file)) {
            Ok(builder) => builder,
            Err(e) => return Ok(Err(e)),
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
        Err(e) => return Ok(Err(e)),
    };
    let mut reader = Inputs::new();
    for input in inputs {
        if let Err(e) = reader.add_text(&input, &read(&dir.join(&input))?, &case.observed_at) {
            return Ok(Err(e));
        }
    }
    let mut facts = reader.finish();
    facts.time.get_or_insert_with(|| case.time.clone());
    Ok(engine.evaluate(&facts))
}

/// Compares the outcome, whole, with the case's golden file (or writes it when blessing).
fn check_golden(dir: &Path, outcome: &Result<Report, Error>) -> Result<(), Failed> {
    let value = match outcome {
        Ok(report) => serde_json::to_value(report).map_err(|e| e.to_string())?,
        Err(error) => serde_json::json!({ "error": error.record() }),
    };
    let root = repo_root()?;
    let text = format!("{value:#}\n").replace(root.as_str(), "<repo>");
    let golden = dir.join("golden").join("report.json");
    if std::env::var_os("ZTGUARD_BLESS").is_some() {
        std::fs::create_dir_all(dir.join("golden")).map_err(|e| e.to_string())?;
        return std::fs::write(&golden, text).map_err(|e| e.to_string().into());
    }
    let expected = std::fs::read_to_string(&golden).map_err(|e| {
        format!(
            "cannot read {}: {e}; ZTGUARD_BLESS=1 writes it",
            golden.display()
        )
    })?;
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
    if trials.is_empty() {
        trials.push(Trial::test("cases exist", || {
            Err("no cases under testdata/cases".into())
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
