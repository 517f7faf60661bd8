//! `ztguard test`: run the Rego unit tests of users' policies, with the built-in library they
//! import, and optionally their line coverage.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use ztguard::Error;
use ztguard::testing::RegoTestSuite;

use crate::{Format, emit, fail};

#[derive(Args)]
pub(crate) struct TestArgs {
    /// Directories of policies and their `*_test.rego` tests (default: the current one).
    #[arg(value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Print the line coverage of the policies under test (not of the tests).
    #[arg(long)]
    coverage: bool,
    /// Merge parameters from a JSON or YAML FILE over the built-in defaults (repeatable).
    #[arg(long = "data", value_name = "FILE")]
    data: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub(crate) fn run(args: &TestArgs) -> ExitCode {
    let dirs = if args.dirs.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.dirs.clone()
    };
    let suite = (|| -> Result<RegoTestSuite, Error> {
        let mut data: Option<serde_json::Value> = None;
        for file in &args.data {
            let overlay = ztguard::bundle::read_data_file(file)?;
            match &mut data {
                Some(merged) => ztguard::bundle::merge_data(merged, overlay),
                None => data = Some(overlay),
            }
        }
        RegoTestSuite::from_dirs(&dirs, data)
    })();
    let suite = match suite {
        Ok(suite) => suite,
        Err(error) => return fail(&error, args.format),
    };
    if suite.tests().is_empty() {
        let shown: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        let error = Error::Input {
            location: Box::default(),
            message: format!(
                "no test_* rules in *_test.rego files below {}",
                shown.join(", ")
            ),
        };
        return fail(&error, args.format);
    }
    let run = suite.run_all(args.coverage);
    match args.format {
        Format::Table => emit(&run.to_text()),
        Format::Json => {
            let value = serde_json::json!({
                "tests": run.outcomes,
                "summary": {"total": run.outcomes.len(), "passed": run.passed(), "failed": run.failed()},
                "coverage": run.coverage,
            });
            emit(&format!("{value:#}\n"));
        }
    }
    if run.failed() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
