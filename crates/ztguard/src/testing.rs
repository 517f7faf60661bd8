//! Running Rego unit tests: every rule named `test_*` in a `*_test.rego` module is a test that
//! passes when it evaluates to `true`. The built-in bundle's tests and users' own run the same
//! way, from `cargo test` or from any harness.

use std::path::Path;

use serde_json::Value;

use crate::bundle::{self, PolicyFile};
use crate::error::{Error, Result};

/// One Rego unit test.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        for dir in dirs {
            policies.extend(bundle::read_policy_dir(dir.as_ref())?);
        }
        let mut suite = RegoTestSuite::new(policies, data)?;
        suite.tests.retain(|t| !t.file.starts_with("policies/"));
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
        for policy in policies {
            let names = test_rules(&policy.source);
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
        Ok(RegoTestSuite { engine, tests })
    }

    /// Every test, in file order.
    pub fn tests(&self) -> &[RegoTest] {
        &self.tests
    }

    /// Runs one test.
    ///
    /// # Errors
    ///
    /// A message naming the test, its file and line, what it evaluated to instead of `true`,
    /// and anything it printed.
    pub fn run(&self, test: &RegoTest) -> std::result::Result<(), String> {
        let mut engine = self.engine.clone();
        let path = format!("{}.{}", test.package, test.name);
        let outcome = engine.eval_rule(path.clone());
        let prints = engine.take_prints().unwrap_or_default();
        let actual = match outcome {
            Ok(regorus::Value::Bool(true)) => return Ok(()),
            Ok(regorus::Value::Undefined) => {
                "undefined (some expression in the test body was false)".to_owned()
            }
            Ok(other) => format!("`{other}`"),
            Err(e) => format!("an error: {e}"),
        };
        let mut message = format!(
            "{path} ({}:{}) failed: expected `true`, got {actual}",
            test.file, test.line
        );
        for line in prints {
            message.push_str("\n  print: ");
            message.push_str(&line);
        }
        Err(message)
    }
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
