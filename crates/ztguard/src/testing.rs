//! Running Rego unit tests: every rule named `test_*` in a `*_test.rego` module is a test that
//! passes when it evaluates to `true`. The built-in bundle's tests and users' own run the same
//! way: from `ztguard test`, from `cargo test` with one call, or from any harness.
//!
//! ```
//! // In a crate's tests/policies.rs: every test_* rule below policies/ must pass.
//! # fn main() -> Result<(), ztguard::testing::TestFailures> {
//! # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/policies/acme");
//! ztguard::testing::check_dirs(&[dir])?;
//! # Ok(())
//! # }
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
use std::path::Path;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;

use crate::bundle::{self, PolicyFile};
use crate::error::{Error, Result};

/// One Rego unit test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegoTest {
    /// Rule name, `test_...`.
    pub name: String,
    /// Package, for example `data.ztguard.rules.image.mutable_tag`.
    pub package: String,
    /// File that declares it.
    pub file: String,
    /// 1-based line of its first definition.
    pub line: usize,
}

impl RegoTest {
    /// `file:line package.name`, as test harnesses show it.
    pub fn display_name(&self) -> String {
        format!("{}::{}", self.file, self.name)
    }
}

/// A set of policies and their unit tests, parsed once.
#[derive(Debug, Clone)]
pub struct RegoTestSuite {
    engine: regorus::Engine,
    tests: Vec<RegoTest>,
    /// Every module's source, by file, to quote the line a test failed at.
    sources: BTreeMap<String, String>,
    /// The policy files whose coverage is measured: the rules under test, not the tests.
    measured: BTreeSet<String>,
}

impl RegoTestSuite {
    /// The built-in bundle with its tests.
    ///
    /// # Errors
    ///
    /// As [`RegoTestSuite::new`].
    pub fn builtin() -> Result<RegoTestSuite> {
        RegoTestSuite::new(bundle::builtin_policies(), None)
    }

    /// Users' policies and tests from directories, next to the built-in modules (so tests can
    /// use the helper library), with the built-in parameter defaults and optional extra data.
    ///
    /// # Errors
    ///
    /// As [`RegoTestSuite::new`], and [`Error::Io`] when a directory cannot be read.
    pub fn from_dirs<P: AsRef<Path>>(dirs: &[P], data: Option<Value>) -> Result<RegoTestSuite> {
        let mut policies: Vec<PolicyFile> = bundle::builtin_policies()
            .into_iter()
            .filter(|p| !p.is_test())
            .collect();
        let mut users: BTreeSet<String> = BTreeSet::new();
        for dir in dirs {
            let read = bundle::read_policy_dir(dir.as_ref())?;
            users.extend(read.iter().map(|p| p.file.clone()));
            policies.extend(read);
        }
        // The user's files, by the names they were read under (a user directory may itself be
        // called `policies`): the built-ins are there to be imported, not tested or measured.
        let mut suite = RegoTestSuite::new(policies, data)?;
        suite.tests.retain(|t| users.contains(&t.file));
        suite.measured.retain(|f| users.contains(f));
        Ok(suite)
    }

    /// Parses `policies` (rules, helpers and tests) with the built-in parameter defaults and
    /// `data` merged over them.
    ///
    /// # Errors
    ///
    /// [`Error::Policy`] naming the file when a module does not parse, [`Error::Data`] when the
    /// data is malformed.
    pub fn new(policies: Vec<PolicyFile>, data: Option<Value>) -> Result<RegoTestSuite> {
        let mut engine = regorus::Engine::new();
        let mut tests: Vec<RegoTest> = Vec::new();
        let mut sources = BTreeMap::new();
        let mut measured = BTreeSet::new();
        let limits = crate::limits::Limits::default();
        for policy in policies {
            limits.check_policy(&policy.file, &policy.source)?;
            let names = test_rules(&policy.source);
            sources.insert(policy.file.clone(), policy.source.clone());
            if !policy.is_test() {
                measured.insert(policy.file.clone());
            }
            let package = engine
                .add_policy(policy.file.clone(), policy.source)
                .map_err(|e| Error::Policy {
                    file: policy.file.clone(),
                    message: e.to_string(),
                })?;
            for (name, line) in names {
                if !tests.iter().any(|t| t.package == package && t.name == name) {
                    tests.push(RegoTest {
                        name,
                        package: package.clone(),
                        file: policy.file.clone(),
                        line,
                    });
                }
            }
        }
        let mut merged = bundle::builtin_data()?;
        if let Some(data) = data {
            bundle::merge_data(&mut merged, data);
        }
        engine
            .add_data(regorus::Value::from(merged))
            .map_err(|e| Error::Data {
                file: None,
                message: e.to_string(),
            })?;
        engine.set_gather_prints(true);
        Ok(RegoTestSuite {
            engine,
            tests,
            sources,
            measured,
        })
    }

    /// Every test, in file order.
    pub fn tests(&self) -> &[RegoTest] {
        &self.tests
    }

    /// Runs one test.
    ///
    /// # Errors
    ///
    /// A message naming the test, its file and line, the line of its body where evaluation
    /// stopped, what it evaluated to instead of `true`, and anything it printed.
    pub fn run(&self, test: &RegoTest) -> std::result::Result<(), String> {
        self.run_measured(test, false).0.map_err(|detail| {
            format!(
                "{}.{} ({}:{}) failed: {detail}",
                test.package, test.name, test.file, test.line
            )
        })
    }

    /// Runs one test, gathering line coverage when `coverage` is set (a failing test is
    /// measured anyway, to find where it stopped). A failure is described from "expected"
    /// on; [`RegoTestSuite::run`] adds the test's name and place.
    fn run_measured(
        &self,
        test: &RegoTest,
        coverage: bool,
    ) -> (
        std::result::Result<(), String>,
        Option<regorus::coverage::Report>,
    ) {
        let path = format!("{}.{}", test.package, test.name);
        let mut engine = self.engine.clone();
        engine.set_enable_coverage(coverage);
        let outcome = engine.eval_rule(path.clone());
        let prints = engine.take_prints().unwrap_or_default();
        let actual = match outcome {
            Ok(regorus::Value::Bool(true)) => {
                let report = coverage
                    .then(|| engine.get_coverage_report().ok())
                    .flatten();
                return (Ok(()), report);
            }
            Ok(regorus::Value::Undefined) => {
                "undefined (some expression in the test body was false)".to_owned()
            }
            Ok(other) => format!("`{other}`"),
            Err(e) => format!("an error: {e}"),
        };
        // Run again, measured, to see how far the body got.
        let mut measured = self.engine.clone();
        measured.set_enable_coverage(true);
        let _ = measured.eval_rule(path.clone());
        let _ = measured.take_prints();
        let report = measured.get_coverage_report().ok();
        let mut message = format!("expected `true`, got {actual}");
        if let Some((line, code)) = report.as_ref().and_then(|r| self.stopped_at(test, r)) {
            let _ = write!(message, "\n  stopped at line {line}: {code}");
        }
        for line in prints {
            message.push_str("\n  print: ");
            message.push_str(&line);
        }
        (Err(message), report.filter(|_| coverage))
    }

    /// The last line of a failed test's body that was evaluated, and its text: the expression
    /// that was false, or the one whose error ended the test.
    fn stopped_at(
        &self,
        test: &RegoTest,
        report: &regorus::coverage::Report,
    ) -> Option<(u32, String)> {
        let source = self.sources.get(&test.file)?;
        let first = u32::try_from(test.line).ok()?;
        // The body runs up to the next line that starts a new top-level statement.
        let end = source
            .lines()
            .enumerate()
            .skip(test.line)
            .find(|(_, l)| l.starts_with(|c: char| c.is_ascii_alphabetic() || c == '#'))
            .and_then(|(i, _)| u32::try_from(i).ok())
            .unwrap_or(u32::MAX);
        let file = report.files.iter().find(|f| f.path == test.file)?;
        // A one-line test (`test_x if x == 1`) is its own body.
        let line = file
            .covered
            .range(first..=end.max(first))
            .next_back()
            .copied()?;
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let code = source.lines().nth(index)?.trim();
        Some((line, format!("`{code}`")))
    }

    /// Runs every test in file order; with `coverage`, also measures which lines of the
    /// policies under test (not of the tests themselves) ran.
    pub fn run_all(&self, coverage: bool) -> TestRun {
        let mut outcomes = Vec::new();
        let mut lines: BTreeMap<String, (BTreeSet<u32>, BTreeSet<u32>)> = BTreeMap::new();
        for test in &self.tests {
            let start = Instant::now();
            let (result, report) = self.run_measured(test, coverage);
            outcomes.push(TestOutcome {
                test: test.clone(),
                passed: result.is_ok(),
                failure: result.err(),
                duration: start.elapsed(),
            });
            for file in report.into_iter().flat_map(|r| r.files) {
                if self.measured.contains(&file.path) {
                    let entry = lines.entry(file.path).or_default();
                    entry.0.extend(file.covered);
                    entry.1.extend(file.not_covered);
                }
            }
        }
        let coverage = coverage.then(|| {
            // A policy no test reached at all is wholly uncovered.
            let files = self
                .measured
                .iter()
                .map(|file| {
                    let (covered, seen) = lines.remove(file).unwrap_or_default();
                    let not_covered = match seen.is_empty() && covered.is_empty() {
                        true => self.statement_lines(file),
                        false => seen.difference(&covered).copied().collect(),
                    };
                    FileCoverage {
                        file: file.clone(),
                        covered: covered.into_iter().collect(),
                        not_covered,
                    }
                })
                .collect();
            Coverage { files }
        });
        TestRun { outcomes, coverage }
    }

    /// Lines of `file` that hold code (not blank, not comments): what coverage would count.
    fn statement_lines(&self, file: &str) -> Vec<u32> {
        let Some(source) = self.sources.get(file) else {
            return Vec::new();
        };
        source
            .lines()
            .enumerate()
            .filter(|(_, l)| {
                // Roughly what regorus counts: lines with expressions, not structure.
                let l = l.trim();
                !l.is_empty()
                    && !l.starts_with('#')
                    && !l.starts_with("package ")
                    && !l.starts_with("import ")
                    && !matches!(l, "}" | "{" | "]" | ")" | "})" | "}]" | "},")
            })
            .filter_map(|(i, _)| u32::try_from(i + 1).ok())
            .collect()
    }
}

/// What one test did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestOutcome {
    /// The test.
    #[serde(flatten)]
    pub test: RegoTest,
    /// Whether it passed.
    pub passed: bool,
    /// Why it failed, when it did: what it evaluated to, the line it stopped at and what it
    /// printed, one per line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
    /// How long it took.
    #[serde(rename = "duration_ms", serialize_with = "millis")]
    pub duration: Duration,
}

fn millis<S: serde::Serializer>(
    duration: &Duration,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    serializer.serialize_f64(duration.as_secs_f64() * 1000.0)
}

/// Line coverage of one policy file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileCoverage {
    /// The file.
    pub file: String,
    /// Lines that ran.
    pub covered: Vec<u32>,
    /// Lines of code that did not run.
    pub not_covered: Vec<u32>,
}

impl FileCoverage {
    /// Covered lines as a percentage of lines of code (100 for a file with none).
    pub fn percent(&self) -> f64 {
        let total = self.covered.len() + self.not_covered.len();
        if total == 0 {
            return 100.0;
        }
        #[expect(clippy::cast_precision_loss, reason = "line counts are far below 2^52")]
        let ratio = self.covered.len() as f64 / total as f64;
        ratio * 100.0
    }
}

/// Line coverage of the policies under test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Each policy file (tests excluded), by name.
    pub files: Vec<FileCoverage>,
}

/// The outcome of a whole suite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestRun {
    /// Each test, in file order.
    #[serde(rename = "tests")]
    pub outcomes: Vec<TestOutcome>,
    /// Line coverage, when it was measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Coverage>,
}

impl TestRun {
    /// How many tests passed.
    pub fn passed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.passed).count()
    }

    /// How many tests failed.
    pub fn failed(&self) -> usize {
        self.outcomes.len() - self.passed()
    }

    /// The run as text: a line per test (failures with their details), a summary line, then
    /// coverage when measured.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for o in &self.outcomes {
            let place = format!("{}:{}", o.test.file, o.test.line);
            match &o.failure {
                None => {
                    let _ = writeln!(out, "ok    {} ({place})", o.test.name);
                }
                Some(failure) => {
                    let _ = writeln!(out, "FAIL  {} ({place})", o.test.name);
                    for line in failure.lines() {
                        let _ = writeln!(out, "      {}", line.trim_start());
                    }
                }
            }
        }
        let plural = if self.outcomes.len() == 1 { "" } else { "s" };
        let _ = writeln!(
            out,
            "{} test{plural}: {} passed, {} failed",
            self.outcomes.len(),
            self.passed(),
            self.failed()
        );
        if let Some(coverage) = &self.coverage {
            out.push_str("coverage:\n");
            for f in &coverage.files {
                let total = f.covered.len() + f.not_covered.len();
                let _ = write!(
                    out,
                    "  {:5.1}%  {} ({}/{total} lines)",
                    f.percent(),
                    f.file,
                    f.covered.len()
                );
                if !f.not_covered.is_empty() {
                    let _ = write!(out, ", not covered: {}", line_ranges(&f.not_covered));
                }
                out.push('\n');
            }
        }
        out
    }

    /// `Ok` when every test passed (and there was at least one), else the failures.
    ///
    /// # Errors
    ///
    /// [`TestFailures`], whose text lists each failing test as [`TestRun::to_text`] does.
    pub fn check(&self) -> std::result::Result<(), TestFailures> {
        if self.outcomes.is_empty() {
            return Err(TestFailures("no test_* rules were found".to_owned()));
        }
        if self.failed() == 0 {
            return Ok(());
        }
        Err(TestFailures(self.to_text()))
    }
}

/// Lines as ranges: `3-5, 9`.
fn line_ranges(lines: &[u32]) -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &line in lines {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == line => *end = line,
            _ => ranges.push((line, line)),
        }
    }
    let parts: Vec<String> = ranges
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    parts.join(", ")
}

/// Failed Rego tests (or a suite that could not load), as readable text; `cargo test` prints
/// it when a test function returns it.
#[derive(Clone, PartialEq, Eq)]
pub struct TestFailures(String);

impl TestFailures {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TestFailures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for TestFailures {
    // `cargo test` shows a returned error with `Debug`: the text reads better than a struct.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{}", self.0)
    }
}

impl std::error::Error for TestFailures {}

impl From<Error> for TestFailures {
    fn from(error: Error) -> Self {
        TestFailures(error.to_string())
    }
}

/// Runs the `test_*` rules of the policies below `dirs` (with the built-in library they import)
/// and fails unless every one passes: the one call a crate's `cargo test` needs.
///
/// # Errors
///
/// [`TestFailures`] listing each failing test, or why the policies did not load.
pub fn check_dirs<P: AsRef<Path>>(dirs: &[P]) -> std::result::Result<(), TestFailures> {
    RegoTestSuite::from_dirs(dirs, None)?.run_all(false).check()
}

/// Names and lines of the `test_*` rules a module declares at the start of a line.
fn test_rules(source: &str) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for (i, line) in source.lines().enumerate() {
        if !line.starts_with("test_") {
            continue;
        }
        let name: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, i + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_as_ranges() {
        assert_eq!(line_ranges(&[3, 4, 5, 9, 11, 12]), "3-5, 9, 11-12");
        assert_eq!(line_ranges(&[]), "");
    }

    #[test]
    fn a_suite_without_tests_does_not_pass() {
        let run = TestRun {
            outcomes: Vec::new(),
            coverage: None,
        };
        assert_eq!(
            run.check().err().map(|f| f.to_string()),
            Some("no test_* rules were found".to_owned())
        );
    }

    #[test]
    fn coverage_of_a_file_without_code_is_full() {
        let file = FileCoverage {
            file: "f.rego".to_owned(),
            covered: vec![1, 2, 3],
            not_covered: vec![4],
        };
        assert!((file.percent() - 75.0).abs() < 1e-9);
        let empty = FileCoverage {
            covered: vec![],
            not_covered: vec![],
            ..file
        };
        assert!((empty.percent() - 100.0).abs() < 1e-9);
    }
}
