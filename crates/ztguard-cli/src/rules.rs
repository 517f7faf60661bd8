//! `ztguard rules`: the rule catalogue.

use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use crate::{Format, PolicyArgs, emit, fail};

#[derive(Args)]
pub(crate) struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    policy: PolicyArgs,
}

pub(crate) fn run(args: &RulesArgs) -> ExitCode {
    let engine = match args.policy.engine() {
        Ok(engine) => engine,
        Err(error) => return fail(&error, args.format),
    };
    match args.format {
        Format::Table => emit(&ztguard::table::rules_table(engine.rules())),
        Format::Json => {
            emit(&format!("{:#}\n", json!({ "rules": engine.rules() })));
        }
    }
    ExitCode::SUCCESS
}
