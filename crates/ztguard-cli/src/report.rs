//! `ztguard report`: the findings of a check seen through a compliance framework's controls.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ztguard::Error;
use ztguard::compliance::{self, ComplianceFormat, ComplianceReport};

use crate::check::{JudgeArgs, evaluate};
use crate::{Format, emit, fail};

#[derive(Args)]
pub(crate) struct ReportArgs {
    /// The framework: cis-kubernetes, nist-800-190, nist-800-53, pci-dss-4.0 or soc2.
    #[arg(long, value_name = "NAME")]
    framework: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    judge: JudgeArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// A line per control, the findings behind failures, and a summary.
    Table,
    /// The compliance report as JSON.
    Json,
    /// A self-contained HTML page.
    Html,
}

pub(crate) fn run(args: &ReportArgs) -> ExitCode {
    let error_format = if args.format == ReportFormat::Json {
        Format::Json
    } else {
        Format::Table
    };
    let assessed = (|| -> Result<(ComplianceReport, bool), Error> {
        let framework = compliance::framework(&args.framework)?;
        let (report, engine) = evaluate(&args.judge)?;
        let expired = !report.expired_waivers.is_empty();
        Ok((
            compliance::assess(&framework, engine.rules(), &report),
            expired,
        ))
    })();
    let (assessed, expired) = match assessed {
        Ok(assessed) => assessed,
        Err(error) => return fail(&error, error_format),
    };
    let text = assessed.render(match args.format {
        ReportFormat::Table => ComplianceFormat::Table,
        ReportFormat::Json => ComplianceFormat::Json,
        ReportFormat::Html => ComplianceFormat::Html,
    });
    match &args.output {
        Some(path) => {
            if let Err(source) = std::fs::write(path, text) {
                let error = Error::Io {
                    path: path.clone(),
                    source,
                };
                return fail(&error, error_format);
            }
        }
        None => emit(&text),
    }
    // Like `check`, a failure (or an expired waiver) exits 1 so pipelines can gate on it.
    if assessed.failed() || expired {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
