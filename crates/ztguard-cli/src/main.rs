//! The `ztguard` command: judge Kubernetes manifests, facts and runtime events with zero-trust
//! policies.
//!
//! Exit codes: 0 pass, 1 findings at or above the threshold (for `watch`, a detection), 2 bad
//! usage or input (for `watch`, an unreadable line when nothing was detected).

mod check;
mod graph;
mod report;
mod rules;
mod test;
mod watch;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ztguard::{Engine, EngineBuilder, Error};

#[derive(Parser)]
#[command(
    name = "ztguard",
    version,
    about = "Zero-trust policy checks for containers"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate manifests and facts files (or directories, or `-` for stdin).
    Check(check::CheckArgs),
    /// List the loaded rules with their metadata.
    Rules(rules::RulesArgs),
    /// Print the workload-to-workload traffic NetworkPolicies allow.
    Graph(graph::GraphArgs),
    /// Evaluate a stream of runtime events (a file or stdin) and print detections as they come.
    Watch(watch::WatchArgs),
    /// Judge inputs and show each control of a compliance framework as pass, fail or not
    /// covered, with the findings behind it.
    Report(report::ReportArgs),
    /// Run the Rego unit tests (`test_*` rules) of policy directories.
    Test(test::TestArgs),
}

/// Options that choose the policies and their parameters.
#[derive(Args)]
pub(crate) struct PolicyArgs {
    /// Add the Rego modules below DIR (repeatable).
    #[arg(long = "policy", value_name = "DIR")]
    policies: Vec<PathBuf>,
    /// Merge rule parameters from a JSON or YAML FILE over the defaults (repeatable).
    #[arg(long = "data", value_name = "FILE")]
    data: Vec<PathBuf>,
    /// Load only the policies given with --policy, not the built-in rules.
    #[arg(long)]
    no_builtin_rules: bool,
    /// Time one evaluation may take, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    time_limit_ms: u64,
}

impl PolicyArgs {
    pub(crate) fn engine(&self) -> Result<Engine, Error> {
        self.builder()?.build()
    }

    pub(crate) fn builder(&self) -> Result<EngineBuilder, Error> {
        let mut builder =
            Engine::builder().time_limit(std::time::Duration::from_millis(self.time_limit_ms));
        if self.no_builtin_rules {
            builder = builder.without_builtin_rules();
        }
        for dir in &self.policies {
            builder = builder.policy_dir(dir)?;
        }
        for file in &self.data {
            builder = builder.data_file(file)?;
        }
        Ok(builder)
    }
}

/// A lifecycle stage, as `--stage` names it.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StageArg {
    /// Building images and manifests.
    Build,
    /// Pushing to or pulling from the registry.
    Registry,
    /// Admission into the cluster.
    Admission,
    /// While running.
    Runtime,
}

impl StageArg {
    pub(crate) fn stage(self) -> ztguard::Stage {
        match self {
            StageArg::Build => ztguard::Stage::Build,
            StageArg::Registry => ztguard::Stage::Registry,
            StageArg::Admission => ztguard::Stage::Admission,
            StageArg::Runtime => ztguard::Stage::Runtime,
        }
    }
}

/// Output format.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// A readable table.
    Table,
    /// The documented JSON form.
    Json,
}

/// Writes to stdout, ignoring a closed pipe (as when piping into `head`).
pub(crate) fn emit(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Reports an error: its message on stderr, and its record on stdout for JSON output.
pub(crate) fn fail(error: &Error, format: Format) -> ExitCode {
    let _ = writeln!(std::io::stderr().lock(), "error: {error}");
    if format == Format::Json {
        let record = serde_json::json!({ "error": error.record() });
        emit(&format!("{record:#}\n"));
    }
    ExitCode::from(2)
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check(args) => check::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Graph(args) => graph::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Report(args) => report::run(&args),
    }
}
