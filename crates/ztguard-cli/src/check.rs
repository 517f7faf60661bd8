//! `ztguard check`: evaluate inputs and exit by the verdict.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use ztguard::admission::{self, AdmissionRequest};
use ztguard::input::Inputs;
use ztguard::render::{self, RenderOptions};
use ztguard::{Engine, Error, Report, Severity, Waivers};

use crate::{Format, PolicyArgs, StageArg, emit, fail};

/// What is judged, and with which rules: shared by `check` and `report`.
#[derive(Args)]
pub(crate) struct JudgeArgs {
    /// Manifests or facts files, directories of them, or `-` for stdin.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<String>,
    /// Evaluate only the rules of this lifecycle stage (repeatable).
    #[arg(long = "stage", value_enum, value_name = "STAGE")]
    stages: Vec<StageArg>,
    /// Waive findings as a waivers file says (repeatable).
    #[arg(long = "waivers", value_name = "FILE")]
    waivers: Vec<PathBuf>,
    #[command(flatten)]
    policy: PolicyArgs,
}

#[derive(Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    judge: JudgeArgs,
    /// Output format; every format shows the same findings.
    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    format: CheckFormat,
    /// Colour in the table: `auto` colours on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Exit 1 when a finding is this severe or worse, or a waiver has expired; `none` never
    /// fails. Without it, the run fails when the report is not allowed (a `deny` finding) or a
    /// waiver has expired.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<FailOn>,
}

/// Output formats of `check`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// A readable table and a summary line.
    Table,
    /// The documented report JSON.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML, for CI test reports.
    Junit,
    /// GitHub Actions annotations.
    Github,
    /// The one input is an AdmissionReview request: answer with its AdmissionReview response.
    Admission,
}

impl CheckFormat {
    fn render_format(self) -> render::Format {
        match self {
            CheckFormat::Table => render::Format::Table,
            CheckFormat::Json => render::Format::Json,
            CheckFormat::Sarif => render::Format::Sarif,
            CheckFormat::Junit => render::Format::Junit,
            CheckFormat::Github => render::Format::Github,
            // Answered by `admit`, never rendered.
            CheckFormat::Admission => render::Format::Json,
        }
    }

    /// How errors are shown: as a JSON record for JSON output, as text otherwise.
    fn error_format(self) -> Format {
        if self == CheckFormat::Json {
            Format::Json
        } else {
            Format::Table
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Color {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl Color {
    pub(crate) fn enabled(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
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
    if args.format == CheckFormat::Admission {
        return admit(args);
    }
    let (report, engine) = match evaluate(&args.judge) {
        Ok(outcome) => outcome,
        Err(error) => return fail(&error, args.format.error_format()),
    };
    let options = RenderOptions {
        color: args.color.enabled(),
    };
    let format = args.format.render_format();
    emit(&render::render(&report, engine.rules(), format, options));
    if format != render::Format::Table && format != render::Format::Github {
        // The summary line goes to stderr, so pipelines see counts beside machine output.
        summary_to_stderr(&report);
    }
    exit_code(args, &report)
}

fn summary_to_stderr(report: &Report) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        ztguard::table::summary_line(report)
    );
}

/// Answers an AdmissionReview request; the exit code follows the verdict as for any check.
/// Whatever fails once the request's uid is known is answered too, with a denial carrying the
/// error, and exits 2.
fn admit(args: &CheckArgs) -> ExitCode {
    let error_format = Format::Table;
    let [path] = args.judge.paths.as_slice() else {
        let error = Error::Input {
            location: Box::default(),
            message: format!(
                "--format admission answers one AdmissionReview, but {} inputs were given",
                args.judge.paths.len()
            ),
        };
        return fail(&error, error_format);
    };
    let (file, text) = match read_input(path) {
        Ok(input) => input,
        Err(error) => return fail(&error, error_format),
    };
    let unjudged = |error: Error| {
        if let Some(answer) = admission::unjudged(&file, &text, &error) {
            emit(&format!("{answer:#}\n"));
        }
        fail(&error, error_format)
    };
    let engine = match engine(&args.judge) {
        Ok(engine) => engine,
        Err(error) => return unjudged(error),
    };
    let request = match AdmissionRequest::from_text(&file, &text) {
        Ok(request) => request,
        Err(error) => return unjudged(error),
    };
    match engine.evaluate(&request.facts) {
        Ok(report) => {
            emit(&format!("{:#}\n", request.response(&report)));
            summary_to_stderr(&report);
            exit_code(args, &report)
        }
        Err(error) => unjudged(error),
    }
}

fn exit_code(args: &CheckArgs, report: &Report) -> ExitCode {
    // An expired waiver fails the run at any threshold but `none`: the finding it covered is
    // back, and someone must renew the waiver or fix the finding.
    let expired = !report.expired_waivers.is_empty();
    let failed = match args.fail_on {
        None => expired || !report.allowed,
        Some(FailOn::None) => false,
        Some(FailOn::Critical) => expired || report.has_findings_at_least(Severity::Critical),
        Some(FailOn::High) => expired || report.has_findings_at_least(Severity::High),
        Some(FailOn::Medium) => expired || report.has_findings_at_least(Severity::Medium),
        Some(FailOn::Low) => expired || report.has_findings_at_least(Severity::Low),
    };
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn engine(args: &JudgeArgs) -> Result<Engine, Error> {
    let mut waivers = Waivers::new();
    for file in &args.waivers {
        waivers.extend(Waivers::from_file(file)?);
    }
    let mut builder = args.policy.builder()?.waivers(waivers);
    for stage in &args.stages {
        builder = builder.stage(stage.stage());
    }
    builder.build()
}

/// The name and text of one input: a file, or standard input for `-`.
fn read_input(path: &str) -> Result<(String, String), Error> {
    if path == "-" {
        // One byte past the limit is enough for the limit's own error to follow.
        let limit = ztguard::limits::Limits::default().input_bytes;
        let mut text = String::new();
        std::io::stdin()
            .take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
            .read_to_string(&mut text)
            .map_err(|source| Error::Io {
                path: PathBuf::from("<stdin>"),
                source,
            })?;
        return Ok(("<stdin>".to_owned(), text));
    }
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: PathBuf::from(path),
        source,
    })?;
    Ok((path.to_owned(), text))
}

/// Evaluates the inputs; the engine comes back too, for its rule catalogue.
pub(crate) fn evaluate(args: &JudgeArgs) -> Result<(Report, Engine), Error> {
    let engine = engine(args)?;
    let mut inputs = Inputs::new();
    for path in &args.paths {
        if path == "-" {
            let (file, text) = read_input(path)?;
            inputs.add_text(&file, &text, &ztguard::clock::now())?;
        } else {
            inputs.add_paths(&[path])?;
        }
    }
    let report = engine.evaluate(&inputs.finish())?;
    Ok((report, engine))
}
