//! `ztguard watch`: evaluate a stream of runtime events and print detections as they come.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use ztguard::input::Inputs;
use ztguard::runtime::{Detection, EventStream, Monitor, StreamItem};
use ztguard::{Error, Waivers};

use crate::{Format, PolicyArgs, emit, fail};

#[derive(Args)]
pub(crate) struct WatchArgs {
    /// A JSON-lines file of events (Tetragon export, Kubernetes audit log or ztguard events),
    /// or `-` for standard input.
    #[arg(value_name = "EVENTS", default_value = "-")]
    events: String,
    /// Manifests or facts that declare the workloads, so rules can compare what runs with what
    /// was declared (repeatable).
    #[arg(long = "workloads", value_name = "PATH")]
    workloads: Vec<PathBuf>,
    /// Output format: a line of text, or one JSON object, per detection.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Waive detections as a waivers file says (repeatable).
    #[arg(long = "waivers", value_name = "FILE")]
    waivers: Vec<PathBuf>,
    /// Events evaluated together; defaults to 1 for standard input (each detection as soon
    /// as its event arrives) and 256 for a file.
    #[arg(long, value_name = "N")]
    batch: Option<usize>,
    #[command(flatten)]
    policy: PolicyArgs,
}

/// What a stream held, for the closing summary.
#[derive(Default)]
struct Tally {
    events: usize,
    ignored: usize,
    errors: usize,
    detections: usize,
    waived: usize,
}

pub(crate) fn run(args: &WatchArgs) -> ExitCode {
    let mut monitor = match monitor(args) {
        Ok(monitor) => monitor,
        Err(error) => return fail(&error, args.format),
    };
    let (reader, batch): (Box<dyn BufRead>, usize) = if args.events == "-" {
        (Box::new(std::io::stdin().lock()), args.batch.unwrap_or(1))
    } else {
        match File::open(&args.events) {
            Ok(file) => (Box::new(BufReader::new(file)), args.batch.unwrap_or(256)),
            Err(source) => {
                let error = Error::Io {
                    path: PathBuf::from(&args.events),
                    source,
                };
                return fail(&error, args.format);
            }
        }
    };
    let name = if args.events == "-" {
        "<stdin>"
    } else {
        &args.events
    };
    let mut tally = Tally::default();
    let mut pending = Vec::new();
    for item in EventStream::new(name, reader) {
        match item {
            StreamItem::Event { event, .. } => {
                tally.events += 1;
                pending.push(*event);
                if pending.len() >= batch.max(1) {
                    flush(&mut monitor, &mut pending, args.format, &mut tally);
                }
            }
            StreamItem::Ignored { .. } => tally.ignored += 1,
            StreamItem::Error { line, error } => {
                // Detections of the lines before come first, in stream order.
                flush(&mut monitor, &mut pending, args.format, &mut tally);
                report_error(line, &error, args.format, &mut tally);
            }
        }
    }
    flush(&mut monitor, &mut pending, args.format, &mut tally);
    let _ = writeln!(
        std::io::stderr().lock(),
        "watch: {} events, {} ignored, {} unreadable lines, {} detections ({} waived)",
        tally.events,
        tally.ignored,
        tally.errors,
        tally.detections + tally.waived,
        tally.waived
    );
    if tally.detections > 0 {
        ExitCode::from(1)
    } else if tally.errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn monitor(args: &WatchArgs) -> Result<Monitor, Error> {
    let mut waivers = Waivers::new();
    for file in &args.waivers {
        waivers.extend(Waivers::from_file(file)?);
    }
    let engine = args.policy.builder()?.waivers(waivers).build()?;
    let mut inputs = Inputs::new();
    inputs.add_paths(&args.workloads)?;
    Ok(Monitor::new(engine).with_workloads(&inputs.finish()))
}

fn flush(
    monitor: &mut Monitor,
    pending: &mut Vec<ztguard::facts::RuntimeEvent>,
    format: Format,
    tally: &mut Tally,
) {
    if pending.is_empty() {
        return;
    }
    let events = std::mem::take(pending);
    let line = events
        .first()
        .and_then(|e| e.source.as_ref())
        .and_then(|s| s.line)
        .unwrap_or_default();
    match monitor.observe_batch(events) {
        Ok(detections) => {
            for detection in &detections {
                if detection.waiver.is_some() {
                    tally.waived += 1;
                } else {
                    tally.detections += 1;
                    print_detection(detection, format);
                }
            }
        }
        Err(error) => report_error(line, &error, format, tally),
    }
}

fn print_detection(detection: &Detection, format: Format) {
    match format {
        Format::Json => match serde_json::to_string(detection) {
            Ok(text) => emit(&format!("{text}\n")),
            Err(e) => {
                let _ = writeln!(std::io::stderr().lock(), "error: {e}");
            }
        },
        Format::Table => {
            let f = &detection.finding;
            let location = f
                .source
                .as_ref()
                .map_or_else(String::new, ztguard::table::place);
            let response = f.response.map_or("-", |r| r.as_str());
            emit(&format!(
                "{} {} {} {} {} {}: {}\n",
                detection.event.time,
                f.severity,
                response,
                f.rule,
                ztguard::table::resource_label(&f.resource),
                location,
                f.message
            ));
        }
    }
    let _ = std::io::stdout().lock().flush();
}

fn report_error(line: usize, error: &Error, format: Format, tally: &mut Tally) {
    tally.errors += 1;
    let _ = writeln!(std::io::stderr().lock(), "error: {error}");
    if format == Format::Json {
        let record = serde_json::json!({"line": line, "error": error.record()});
        emit(&format!("{record}\n"));
    }
}
