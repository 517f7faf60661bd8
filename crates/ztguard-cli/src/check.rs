//! `ztguard check`: evaluate inputs and exit by the verdict.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ztguard::input::Inputs;
use ztguard::{Error, Report, Severity, Waivers};

use crate::{Format, PolicyArgs, emit, fail};

#[derive(Args)]
pub(crate) struct CheckArgs {
    /// Manifests or facts files, directories of them, or `-` for stdin.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Waive findings as a waivers file says (repeatable).
    #[arg(long = "waivers", value_name = "FILE")]
    waivers: Vec<PathBuf>,
    /// Exit 1 when a finding is this severe or worse; `none` never fails. Without it, the run
    /// fails when the report is not allowed (a `deny` finding).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<FailOn>,
    #[command(flatten)]
    policy: PolicyArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    None,
}

pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let report = match evaluate(args) {
        Ok(report) => report,
        Err(error) => return fail(&error, args.format),
    };
    match args.format {
        Format::Table => emit(&ztguard::table::report_table(&report)),
        Format::Json => emit(&format!("{}\n", report.to_json_pretty())),
    }
    let failed = match args.fail_on {
        None => !report.allowed,
        Some(FailOn::None) => false,
        Some(FailOn::Critical) => report.has_findings_at_least(Severity::Critical),
        Some(FailOn::High) => report.has_findings_at_least(Severity::High),
        Some(FailOn::Medium) => report.has_findings_at_least(Severity::Medium),
        Some(FailOn::Low) => report.has_findings_at_least(Severity::Low),
    };
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn evaluate(args: &CheckArgs) -> Result<Report, Error> {
    let mut waivers = Waivers::new();
    for file in &args.waivers {
        waivers.extend(Waivers::from_file(file)?);
    }
    let engine = args.policy.builder()?.waivers(waivers).build()?;
    let mut inputs = Inputs::new();
    for path in &args.paths {
        if path == "-" {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|source| Error::Io {
                    path: PathBuf::from("<stdin>"),
                    source,
                })?;
            inputs.add_text("<stdin>", &text, &ztguard::clock::now())?;
        } else {
            inputs.add_paths(&[path])?;
        }
    }
    engine.evaluate(&inputs.finish())
}
