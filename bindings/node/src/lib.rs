//! The Node.js addon of ztguard: the core library's engine, inputs and runtime monitor, with
//! JavaScript data in and out and errors thrown as `Error`s carrying the stable code. Every
//! function here converts and calls; what ztguard decides is decided in the core crate.

mod convert;
mod errors;
mod report;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use napi::bindgen_prelude::{AsyncTask, Either, Unknown};
use napi::{Env, Task};
use napi_derive::napi;
use serde_json::{Map, Value};
use ztguard::compliance::ComplianceFormat;
use ztguard::input::Inputs as CoreInputs;
use ztguard::render::{Format, RenderOptions, render};
use ztguard::runtime::{EventStream, Reading};
use ztguard::{Error, Waivers};

pub use report::{
    Detection, ErrorLocation, ErrorRecord, Evidence, Finding, Report, Resource, Rule, RuleMetadata,
    SchemaViolation, Skipped, Source, Summary, Waived, Waiver, WaiverResource,
};

use crate::errors::{guard, to_js};

/// The version of the ztguard library this addon was built from.
#[napi]
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The `apiVersion` of every report.
#[napi]
pub const REPORT_API_VERSION: &str = ztguard::report::REPORT_API_VERSION;

/// Whether the addon was built without optimizations (benchmarks refuse to quote it).
#[napi]
pub const DEBUG_BUILD: bool = cfg!(debug_assertions);

/// Facts read from manifests, evidence, events or a facts document: what an engine judges.
#[napi]
pub struct Facts {
    inner: Arc<ztguard::Facts>,
}

#[napi]
impl Facts {
    /// Facts from a facts document given as an object, checked against the facts schema.
    #[napi(factory, ts_args_type = "value: Record<string, unknown>")]
    pub fn from_object(env: Env, value: Unknown<'_>) -> napi::Result<Facts> {
        let facts = guard(|| {
            let value = convert::to_value(&value, "facts")?;
            ztguard::facts::from_value(&value, None)
        });
        wrap(&env, facts)
    }

    /// Facts from a facts document given as JSON text, checked against the facts schema.
    #[napi(factory)]
    pub fn from_json(env: Env, text: String) -> napi::Result<Facts> {
        wrap(&env, guard(|| ztguard::facts::from_json_str(&text)))
    }

    /// The time the facts describe (RFC 3339), if they say.
    #[napi(getter)]
    pub fn time(&self) -> Option<String> {
        self.inner.time.clone()
    }

    /// A copy of these facts describing `time` (RFC 3339): evidence ages and waiver expiries
    /// are judged against it.
    #[napi]
    pub fn with_time(&self, time: String) -> Facts {
        let mut inner = (*self.inner).clone();
        inner.time = Some(time);
        Facts {
            inner: Arc::new(inner),
        }
    }

    /// The facts document as an object.
    #[napi(ts_return_type = "Record<string, unknown>")]
    pub fn to_object(&self, env: Env) -> napi::Result<Value> {
        let value = serde_json::to_value(&*self.inner).map_err(|e| Error::Internal {
            message: format!("facts cannot be serialized: {e}"),
        });
        value.map_err(|e| to_js(&env, &e))
    }

    /// The facts document as JSON text.
    #[napi]
    pub fn to_json(&self, env: Env) -> napi::Result<String> {
        let text = serde_json::to_string(&*self.inner).map_err(|e| Error::Internal {
            message: format!("facts cannot be serialized: {e}"),
        });
        text.map_err(|e| to_js(&env, &e))
    }
}

fn wrap(env: &Env, facts: ztguard::Result<ztguard::Facts>) -> napi::Result<Facts> {
    match facts {
        Ok(facts) => Ok(Facts {
            inner: Arc::new(facts),
        }),
        Err(e) => Err(to_js(env, &e)),
    }
}

/// Reads inputs one at a time, as `ztguard check` does, and ties evidence to the images
/// workloads run whichever order they came in.
#[napi]
pub struct Inputs {
    inner: CoreInputs,
}

impl Default for Inputs {
    fn default() -> Inputs {
        Inputs {
            inner: CoreInputs::new(),
        }
    }
}

#[napi]
impl Inputs {
    /// An empty reader.
    #[napi(constructor)]
    pub fn new() -> Inputs {
        Inputs::default()
    }

    /// Reads the text of one file; `file` names it in errors and findings, and `observedAt`
    /// (RFC 3339, default now) dates evidence that carries no time.
    #[napi]
    pub fn add_text(
        &mut self,
        env: Env,
        file: String,
        text: String,
        observed_at: Option<String>,
    ) -> napi::Result<()> {
        let observed_at = observed_at.unwrap_or_else(ztguard::clock::now);
        guard(|| self.inner.add_text(&file, &text, &observed_at)).map_err(|e| to_js(&env, &e))
    }

    /// Reads files and directories; evidence that carries no time takes its file's
    /// modification time.
    #[napi]
    pub fn add_paths(&mut self, env: Env, paths: Vec<String>) -> napi::Result<()> {
        guard(|| self.inner.add_paths(&paths)).map_err(|e| to_js(&env, &e))
    }

    /// The facts read so far; the reader starts over empty.
    #[napi]
    pub fn finish(&mut self) -> Facts {
        Facts {
            inner: Arc::new(std::mem::take(&mut self.inner).finish()),
        }
    }
}

/// Facts from the text of one file (YAML or JSON, any number of documents), recognized by
/// content as `ztguard check` does; `file` names it in errors and findings.
#[napi]
pub fn facts_from_text(env: Env, file: String, text: String) -> napi::Result<Facts> {
    wrap(&env, guard(|| ztguard::facts_from_text(&file, &text)))
}

/// Facts from files and directories (every `.yaml`, `.yml`, `.json` and `.jsonl` file below
/// them, in path order), as `ztguard check PATH...` reads them.
#[napi]
pub fn facts_from_paths(env: Env, paths: Vec<String>) -> napi::Result<Facts> {
    wrap(&env, guard(|| ztguard::facts_from_paths(&paths)))
}

/// How to build an engine. Everything is optional: with nothing, the engine holds the
/// built-in bundle with its default parameters.
#[napi(object)]
pub struct EngineOptions {
    /// Directories whose `.rego` files join the built-in rules.
    pub policy_dirs: Option<Vec<String>>,
    /// Rego modules given as text, by file name (the name appears in errors).
    #[napi(ts_type = "Record<string, string>")]
    pub policies: Option<Map<String, Value>>,
    /// JSON or YAML files of parameters, merged over the defaults in order.
    pub data_files: Option<Vec<String>>,
    /// Parameters (under `ztguard.params.<rule id>`), merged after `dataFiles`: one object or
    /// several, merged in order.
    #[napi(ts_type = "Record<string, unknown> | Array<Record<string, unknown>>")]
    pub data: Option<Value>,
    /// Waivers files.
    pub waiver_files: Option<Vec<String>>,
    /// Waivers files given as text, by file name.
    #[napi(ts_type = "Record<string, string>")]
    pub waivers: Option<Map<String, Value>>,
    /// `false` loads only the given policies (the built-in helper library and parameter
    /// defaults stay available to them).
    pub builtin_rules: Option<bool>,
    /// The time one evaluation may take, in milliseconds (default 5,000).
    pub time_limit_ms: Option<u32>,
    /// Lifecycle stages (`build`, `registry`, `admission`, `runtime`) whose rules to keep; by
    /// default every rule.
    pub stages: Option<Vec<String>>,
}

fn build_engine(options: EngineOptions) -> ztguard::Result<ztguard::Engine> {
    let mut builder = ztguard::Engine::builder();
    if options.builtin_rules == Some(false) {
        builder = builder.without_builtin_rules();
    }
    for dir in options.policy_dirs.unwrap_or_default() {
        builder = builder.policy_dir(dir)?;
    }
    for (file, source) in texts(options.policies, "policies")? {
        builder = builder.policy(file, source);
    }
    for file in options.data_files.unwrap_or_default() {
        builder = builder.data_file(file)?;
    }
    match options.data {
        Some(Value::Array(items)) => {
            for item in items {
                builder = builder.data(item);
            }
        }
        Some(value) => builder = builder.data(value),
        None => {}
    }
    for file in options.waiver_files.unwrap_or_default() {
        builder = builder.waivers(Waivers::from_file(std::path::Path::new(&file))?);
    }
    for (file, text) in texts(options.waivers, "waivers")? {
        builder = builder.waivers(Waivers::from_text(&file, &text)?);
    }
    if let Some(ms) = options.time_limit_ms {
        builder = builder.time_limit(Duration::from_millis(u64::from(ms)));
    }
    for stage in options.stages.unwrap_or_default() {
        let stage = serde_json::from_value(Value::String(stage)).map_err(|e| Error::Input {
            location: Box::default(),
            message: format!("stages: {e}"),
        })?;
        builder = builder.stage(stage);
    }
    builder.build()
}

/// The texts of an option that maps file names to file contents, in the object's order.
fn texts(
    files: Option<Map<String, Value>>,
    option: &str,
) -> ztguard::Result<Vec<(String, String)>> {
    let mut texts = Vec::new();
    for (file, text) in files.unwrap_or_default() {
        let Value::String(text) = text else {
            return Err(Error::Input {
                location: Box::default(),
                message: format!("`{option}.{file}` must be the text of the file, not `{text}`"),
            });
        };
        texts.push((file, text));
    }
    Ok(texts)
}

/// Rego policies compiled once and evaluated over facts as often as needed.
///
/// An engine is immutable; `evaluateAsync` runs on the libuv thread pool, so several
/// evaluations of one engine proceed at once.
#[napi]
pub struct Engine {
    inner: Arc<ztguard::Engine>,
}

/// Facts as an evaluation takes them, owned so that they can move to a worker thread.
enum FactsInput {
    Facts(Arc<ztguard::Facts>),
    Json(String),
    Value(Value),
}

impl FactsInput {
    #[expect(
        unsafe_code,
        reason = "the cast is to the type the value was just found to have"
    )]
    fn read(value: Either<&Facts, Unknown<'_>>) -> ztguard::Result<FactsInput> {
        match value {
            Either::A(facts) => Ok(FactsInput::Facts(facts.inner.clone())),
            Either::B(value) => {
                if value.get_type().ok() == Some(napi::ValueType::String) {
                    // SAFETY: the value was just checked to be a string.
                    let text: String = unsafe { value.cast() }.map_err(|e| Error::Input {
                        location: Box::default(),
                        message: format!("facts cannot be read: {}", e.reason),
                    })?;
                    return Ok(FactsInput::Json(text));
                }
                Ok(FactsInput::Value(convert::to_value(&value, "facts")?))
            }
        }
    }
}

/// The one evaluation that `evaluate` and `evaluateAsync` share.
fn evaluate(engine: &ztguard::Engine, facts: &FactsInput) -> ztguard::Result<Report> {
    guard(|| {
        let report = match facts {
            FactsInput::Facts(facts) => engine.evaluate(facts)?,
            FactsInput::Json(text) => engine.evaluate_json(text)?,
            FactsInput::Value(value) => engine.evaluate_value(value)?,
        };
        report::convert(&report)
    })
}

/// An evaluation on the libuv thread pool.
pub struct Evaluation {
    engine: Arc<ztguard::Engine>,
    facts: Option<ztguard::Result<FactsInput>>,
}

impl Task for Evaluation {
    type Output = ztguard::Result<Report>;
    type JsValue = Report;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(match self.facts.take() {
            Some(Ok(facts)) => evaluate(&self.engine, &facts),
            Some(Err(error)) => Err(error),
            None => Err(Error::Internal {
                message: "an evaluation ran twice".to_owned(),
            }),
        })
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Report> {
        output.map_err(|e| to_js(&env, &e))
    }
}

#[napi]
impl Engine {
    /// Builds an engine: parses and compiles every policy and checks every rule's metadata.
    #[napi(constructor)]
    pub fn new(env: Env, options: Option<EngineOptions>) -> napi::Result<Engine> {
        let options = options.unwrap_or(EngineOptions {
            policy_dirs: None,
            policies: None,
            data_files: None,
            data: None,
            waiver_files: None,
            waivers: None,
            builtin_rules: None,
            time_limit_ms: None,
            stages: None,
        });
        match guard(|| build_engine(options)) {
            Ok(engine) => Ok(Engine {
                inner: Arc::new(engine),
            }),
            Err(e) => Err(to_js(&env, &e)),
        }
    }

    /// Evaluates every rule over `facts`: a `Facts`, a facts document as an object, or its
    /// JSON text (objects and text are checked against the facts schema).
    #[napi(ts_args_type = "facts: Facts | Record<string, unknown> | string")]
    pub fn evaluate(&self, env: Env, facts: Either<&Facts, Unknown<'_>>) -> napi::Result<Report> {
        let facts = FactsInput::read(facts).map_err(|e| to_js(&env, &e))?;
        evaluate(&self.inner, &facts).map_err(|e| to_js(&env, &e))
    }

    /// As `evaluate`, on the libuv thread pool; the promise rejects with the same errors.
    #[napi(
        ts_args_type = "facts: Facts | Record<string, unknown> | string",
        ts_return_type = "Promise<Report>"
    )]
    pub fn evaluate_async(&self, facts: Either<&Facts, Unknown<'_>>) -> AsyncTask<Evaluation> {
        AsyncTask::new(Evaluation {
            engine: self.inner.clone(),
            facts: Some(FactsInput::read(facts)),
        })
    }

    /// Renders a report as `ztguard check --format` does: `table` (the default), `json`,
    /// `sarif` (2.1.0), `junit` (XML) or `github` (Actions annotations), with this engine's
    /// rule catalogue. Every format shows the same findings; `color` colours severities in the
    /// table with ANSI escapes.
    #[napi(ts_args_type = "report: Report, format?: string, color?: boolean")]
    pub fn render(
        &self,
        env: Env,
        report: Unknown<'_>,
        format: Option<String>,
        color: Option<bool>,
    ) -> napi::Result<String> {
        let engine = &self.inner;
        let rendered = guard(|| {
            let format: Format =
                format
                    .as_deref()
                    .unwrap_or("table")
                    .parse()
                    .map_err(|message| Error::Input {
                        location: Box::default(),
                        message,
                    })?;
            let report = ztguard::Report::from_value(convert::to_value(&report, "report")?)?;
            let options = RenderOptions {
                color: color.unwrap_or(false),
            };
            Ok(render(&report, engine.rules(), format, options))
        });
        rendered.map_err(|e| to_js(&env, &e))
    }

    /// The report seen through a compliance framework's controls, as `ztguard report` shows
    /// it: `framework` is `cis-kubernetes`, `nist-800-190`, `nist-800-53`, `pci-dss-4.0` or
    /// `soc2`, `format` is `table` (the default), `json` or `html` (a self-contained page).
    #[napi(ts_args_type = "report: Report, framework: string, format?: string")]
    pub fn compliance(
        &self,
        env: Env,
        report: Unknown<'_>,
        framework: String,
        format: Option<String>,
    ) -> napi::Result<String> {
        let engine = &self.inner;
        let text = guard(|| {
            let format: ComplianceFormat = format.as_deref().unwrap_or("table").parse()?;
            let report = ztguard::Report::from_value(convert::to_value(&report, "report")?)?;
            let framework = ztguard::compliance::framework(&framework)?;
            Ok(ztguard::compliance::assess(&framework, engine.rules(), &report).render(format))
        });
        text.map_err(|e| to_js(&env, &e))
    }

    /// Judges a Kubernetes `AdmissionReview` request (an object or its JSON text) and returns
    /// the `AdmissionReview` response for the API server: allowed unless a finding denies, the
    /// denying findings in `status.message` (code 403), every other finding in `warnings`.
    /// Once the request's uid is known, every failure is answered with a denial carrying the
    /// error (code 400 for an object that cannot be read, 500 when judging fails); a request
    /// without one throws.
    /// `file` names the request in errors (default `<request>`).
    #[napi(
        ts_args_type = "review: Record<string, unknown> | string, file?: string",
        ts_return_type = "AdmissionReviewResponse"
    )]
    pub fn admit(
        &self,
        env: Env,
        review: Unknown<'_>,
        file: Option<String>,
    ) -> napi::Result<Value> {
        let engine = &self.inner;
        let answer = guard(|| {
            let text = match convert::to_value(&review, "review")? {
                Value::String(text) => text,
                value => value.to_string(),
            };
            engine.admit_text(file.as_deref().unwrap_or("<request>"), &text)
        });
        answer.map_err(|e| to_js(&env, &e))
    }

    /// The rule catalogue, ordered by id.
    #[napi]
    pub fn rules(&self, env: Env) -> napi::Result<Vec<Rule>> {
        report::convert(self.inner.rules()).map_err(|e| to_js(&env, &e))
    }

    /// The time one evaluation may take, in milliseconds.
    #[napi(getter)]
    pub fn time_limit_ms(&self) -> f64 {
        self.inner.time_limit().as_millis() as f64
    }
}

/// A line of a stream that could not be read; the stream went on after it.
#[napi(object)]
pub struct LineError {
    /// 1-based line number.
    pub line: u32,
    /// What is wrong, as data: the record a thrown error carries.
    pub error: ErrorRecord,
}

/// What a stream of events held.
#[napi(object)]
pub struct StreamResult {
    /// Detections, in stream order.
    pub detections: Vec<Detection>,
    /// One per line that could not be read.
    pub errors: Vec<LineError>,
    /// Events evaluated.
    pub events: u32,
    /// Well-formed records that are not activity ztguard evaluates.
    pub ignored: u32,
}

/// Evaluates runtime events as they come, with the rules of an engine that read events; each
/// rule only sees the event types it declares.
#[napi]
pub struct Monitor {
    inner: Mutex<ztguard::runtime::Monitor>,
}

impl Monitor {
    fn observe_read(
        &self,
        events: Vec<ztguard::facts::RuntimeEvent>,
    ) -> ztguard::Result<Vec<Detection>> {
        guard(|| {
            let mut monitor = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            report::convert(&monitor.observe_batch(events)?)
        })
    }
}

#[expect(
    unsafe_code,
    reason = "the cast is to the type the value was just found to have"
)]
fn read_event(
    index: usize,
    event: &Unknown<'_>,
) -> ztguard::Result<Option<ztguard::facts::RuntimeEvent>> {
    let reading = if event.get_type().ok() == Some(napi::ValueType::String) {
        // SAFETY: the value was just checked to be a string.
        let text: String = unsafe { event.cast() }.map_err(|e| Error::Input {
            location: Box::default(),
            message: format!("the event cannot be read: {}", e.reason),
        })?;
        ztguard::runtime::read_line("<event>", index + 1, &text)?
    } else {
        ztguard::runtime::read_value("<event>", convert::to_value(event, "the event")?)?
    };
    Ok(match reading {
        Reading::Event(event) => Some(*event),
        Reading::Ignored(_) => None,
    })
}

#[napi]
impl Monitor {
    /// A monitor over the rules of `engine`; `workloads` (facts read from manifests) ties
    /// events to the workloads that declare them.
    #[napi(constructor)]
    pub fn new(engine: &Engine, workloads: Option<&Facts>) -> Monitor {
        let mut monitor = ztguard::runtime::Monitor::new((*engine.inner).clone());
        if let Some(facts) = workloads {
            monitor = monitor.with_workloads(&facts.inner);
        }
        Monitor {
            inner: Mutex::new(monitor),
        }
    }

    /// Evaluates one event, an object or one line of JSON, in any event format (Tetragon,
    /// Kubernetes audit, or ztguard's own); returns its detections.
    #[napi(ts_args_type = "event: Record<string, unknown> | string")]
    pub fn observe(&self, env: Env, event: Unknown<'_>) -> napi::Result<Vec<Detection>> {
        let events = guard(|| read_event(0, &event)).map_err(|e| to_js(&env, &e))?;
        self.observe_read(events.into_iter().collect())
            .map_err(|e| to_js(&env, &e))
    }

    /// Evaluates several events at once, which costs less per event; detections come in event
    /// order. The first bad event throws, and none is evaluated.
    #[napi(ts_args_type = "events: Array<Record<string, unknown> | string>")]
    pub fn observe_batch(
        &self,
        env: Env,
        events: Vec<Unknown<'_>>,
    ) -> napi::Result<Vec<Detection>> {
        let read = guard(|| {
            let mut read = Vec::with_capacity(events.len());
            for (index, event) in events.iter().enumerate() {
                read.extend(read_event(index, event)?);
            }
            Ok(read)
        });
        let read = read.map_err(|e| to_js(&env, &e))?;
        self.observe_read(read).map_err(|e| to_js(&env, &e))
    }

    /// Reads a JSON-lines stream of events (formats mixed freely) and evaluates it in batches
    /// of `batch` (default 256). A line that cannot be read is reported in `errors` with its
    /// number, and the stream goes on; the second audit record of one request is ignored.
    #[napi]
    pub fn observe_stream(
        &self,
        env: Env,
        text: String,
        file: Option<String>,
        batch: Option<u32>,
    ) -> napi::Result<StreamResult> {
        let file = file.unwrap_or_else(|| "<events>".to_owned());
        let batch = batch.unwrap_or(256).max(1) as usize;
        let outcome = guard(|| {
            let mut monitor = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            let summary = monitor.observe_stream(EventStream::new(file, text.as_bytes()), batch)?;
            let (detections, errors) = (summary.detections, summary.errors);
            let events = u32::try_from(summary.events).unwrap_or(u32::MAX);
            let ignored = u32::try_from(summary.ignored).unwrap_or(u32::MAX);
            let errors = errors
                .into_iter()
                .map(|(line, error)| {
                    Ok(LineError {
                        line: u32::try_from(line).unwrap_or(u32::MAX),
                        error: report::convert(&error.record())?,
                    })
                })
                .collect::<ztguard::Result<Vec<_>>>()?;
            Ok((
                report::convert::<_, Vec<Detection>>(&detections)?,
                errors,
                events,
                ignored,
            ))
        });
        let (detections, errors, events, ignored) = outcome.map_err(|e| to_js(&env, &e))?;
        Ok(StreamResult {
            detections,
            errors,
            events,
            ignored,
        })
    }

    /// How many events this monitor has evaluated.
    #[napi(getter)]
    pub fn seen(&self) -> u32 {
        let monitor = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        u32::try_from(monitor.seen()).unwrap_or(u32::MAX)
    }

    /// Whether the rules run on regorus' virtual machine rather than its interpreter.
    #[napi(getter)]
    pub fn compiled(&self) -> bool {
        let monitor = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        monitor.is_compiled()
    }
}
