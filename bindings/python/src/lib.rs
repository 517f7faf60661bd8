//! The native module of the `ztguard` Python package: the core library's engine, inputs,
//! waivers and runtime monitor, with Python data in and out and errors as the exceptions of
//! `ztguard.errors`. Everything here converts and calls; what ztguard decides is decided in
//! the core crate.
//!
//! The Python package (`python/ztguard`) wraps reports and detections in typed classes.

mod convert;
mod errors;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use serde_json::Value;
use ztguard::Error;
use ztguard::compliance::ComplianceFormat;
use ztguard::input::Inputs as CoreInputs;
use ztguard::render::{Format, RenderOptions, render};
use ztguard::runtime::{EventStream, Reading};

use crate::convert::{serialize, to_python, to_value};
use crate::errors::{detached, guard, to_py};

/// Facts read from manifests, evidence, events or a facts document: what an engine judges.
#[pyclass(frozen, module = "ztguard._native")]
struct Facts {
    inner: ztguard::Facts,
}

#[pymethods]
impl Facts {
    /// Facts from a facts document given as a dict, checked against the facts schema.
    #[staticmethod]
    fn from_dict(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Facts> {
        let value = guard(py, || to_value(value, "facts"))?;
        let inner = detached(py, || ztguard::facts::from_value(&value, None))?;
        Ok(Facts { inner })
    }

    /// Facts from a facts document given as JSON text, checked against the facts schema.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Facts> {
        let inner = detached(py, || ztguard::facts::from_json_str(text))?;
        Ok(Facts { inner })
    }

    /// The time the facts describe (RFC 3339), if they say.
    #[getter]
    fn time(&self) -> Option<String> {
        self.inner.time.clone()
    }

    /// A copy of these facts describing `time` (RFC 3339): evidence ages and waiver expiries
    /// are judged against it.
    fn with_time(&self, time: String) -> Facts {
        let mut inner = self.inner.clone();
        inner.time = Some(time);
        Facts { inner }
    }

    /// The facts document as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py, &self.inner)
    }

    /// The facts document as JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            serde_json::to_string(&self.inner).map_err(|e| Error::Internal {
                message: format!("facts cannot be serialized: {e}"),
            })
        })
    }

    fn __repr__(&self) -> String {
        let f = &self.inner;
        format!(
            "<ztguard.Facts: {} workloads, {} images, {} runtime events, {} skipped>",
            f.workloads.len(),
            f.images.len(),
            f.runtime.events.len(),
            f.skipped.len()
        )
    }
}

/// Reads inputs one at a time, as `ztguard check` does, and ties evidence to the images
/// workloads run whichever order they came in.
#[pyclass(module = "ztguard._native")]
struct Inputs {
    inner: CoreInputs,
}

#[pymethods]
impl Inputs {
    #[new]
    fn new() -> Inputs {
        Inputs {
            inner: CoreInputs::new(),
        }
    }

    /// Reads the text of one file; `file` names it in errors and findings.
    #[pyo3(signature = (file, text, observed_at = None))]
    fn add_text(
        &mut self,
        py: Python<'_>,
        file: &str,
        text: &str,
        observed_at: Option<String>,
    ) -> PyResult<()> {
        let observed_at = observed_at.unwrap_or_else(ztguard::clock::now);
        let inner = &mut self.inner;
        detached(py, || inner.add_text(file, text, &observed_at))
    }

    /// Reads files and directories.
    fn add_paths(&mut self, py: Python<'_>, paths: Vec<PathBuf>) -> PyResult<()> {
        let inner = &mut self.inner;
        detached(py, || inner.add_paths(&paths))
    }

    /// The facts read so far; the reader starts over empty.
    fn finish(&mut self) -> Facts {
        let inner = std::mem::take(&mut self.inner).finish();
        Facts { inner }
    }
}

/// Facts from the text of one file.
#[pyfunction]
fn facts_from_text(py: Python<'_>, file: &str, text: &str) -> PyResult<Facts> {
    let inner = detached(py, || ztguard::facts_from_text(file, text))?;
    Ok(Facts { inner })
}

/// Facts from files and directories.
#[pyfunction]
fn facts_from_paths(py: Python<'_>, paths: Vec<PathBuf>) -> PyResult<Facts> {
    let inner = detached(py, || ztguard::facts_from_paths(&paths))?;
    Ok(Facts { inner })
}

/// Waivers: findings they cover are reported as waived until they expire.
#[pyclass(frozen, module = "ztguard._native")]
struct Waivers {
    inner: ztguard::Waivers,
}

#[pymethods]
impl Waivers {
    /// Waivers from the text of a waivers file; `file` names it in errors.
    #[staticmethod]
    fn from_text(py: Python<'_>, file: &str, text: &str) -> PyResult<Waivers> {
        let inner = guard(py, || ztguard::Waivers::from_text(file, text))?;
        Ok(Waivers { inner })
    }

    /// Waivers from a waivers file.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Waivers> {
        let inner = guard(py, || ztguard::Waivers::from_file(&path))?;
        Ok(Waivers { inner })
    }

    /// Each waiver as a dict.
    fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let waivers: Vec<_> = self.inner.iter().collect();
        serialize(py, &waivers)
    }

    fn __len__(&self) -> usize {
        self.inner.iter().count()
    }
}

/// The policy engine: Rego compiled once, evaluated from any number of threads.
#[pyclass(frozen, module = "ztguard._native")]
struct Engine {
    inner: ztguard::Engine,
}

#[pymethods]
impl Engine {
    #[new]
    #[pyo3(signature = (*, builtin_rules, policy_dirs, policies, data, data_files, waivers, time_limit_ms, stages))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        builtin_rules: bool,
        policy_dirs: Vec<PathBuf>,
        policies: Vec<(String, String)>,
        data: Vec<Bound<'_, PyAny>>,
        data_files: Vec<PathBuf>,
        waivers: Vec<PyRef<'_, Waivers>>,
        time_limit_ms: Option<u64>,
        stages: Vec<String>,
    ) -> PyResult<Engine> {
        let data: Vec<Value> = data
            .iter()
            .map(|d| guard(py, || to_value(d, "data")))
            .collect::<PyResult<_>>()?;
        let stages: Vec<ztguard::Stage> = stages
            .into_iter()
            .map(|s| guard(py, || parse_stage(s)))
            .collect::<PyResult<_>>()?;
        let waivers: Vec<ztguard::Waivers> = waivers.iter().map(|w| w.inner.clone()).collect();
        let inner = detached(py, move || {
            let mut builder = ztguard::Engine::builder();
            if !builtin_rules {
                builder = builder.without_builtin_rules();
            }
            for dir in policy_dirs {
                builder = builder.policy_dir(dir)?;
            }
            for (file, source) in policies {
                builder = builder.policy(file, source);
            }
            for file in data_files {
                builder = builder.data_file(file)?;
            }
            for value in data {
                builder = builder.data(value);
            }
            for set in waivers {
                builder = builder.waivers(set);
            }
            if let Some(ms) = time_limit_ms {
                builder = builder.time_limit(Duration::from_millis(ms));
            }
            for stage in stages {
                builder = builder.stage(stage);
            }
            builder.build()
        })?;
        Ok(Engine { inner })
    }

    /// Evaluates facts (`Facts`, a facts dict, or facts JSON text) and returns the report as
    /// a dict.
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        facts: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let engine = &self.inner;
        let report = if let Ok(facts) = facts.cast::<Facts>() {
            let facts = &facts.get().inner;
            detached(py, || report_value(engine.evaluate(facts)))?
        } else if let Ok(text) = facts.cast::<PyString>() {
            let text = text.to_str()?;
            detached(py, || report_value(engine.evaluate_json(text)))?
        } else {
            let value = guard(py, || to_value(facts, "facts"))?;
            detached(py, || report_value(engine.evaluate_value(&value)))?
        };
        to_python(py, &report)
    }

    /// Renders a report (as a dict) in a format: `table`, `json`, `sarif`, `junit` or
    /// `github`, with this engine's rule catalogue.
    #[pyo3(signature = (report, format, color = false))]
    fn render(
        &self,
        py: Python<'_>,
        report: &Bound<'_, PyAny>,
        format: &str,
        color: bool,
    ) -> PyResult<String> {
        let value = guard(py, || to_value(report, "report"))?;
        let engine = &self.inner;
        detached(py, move || {
            let format: Format = format.parse().map_err(|message| Error::Input {
                location: Box::default(),
                message,
            })?;
            let report = ztguard::Report::from_value(value)?;
            let options = RenderOptions { color };
            Ok(render(&report, engine.rules(), format, options))
        })
    }

    /// The report seen through a compliance framework (`cis-kubernetes`, `nist-800-190`,
    /// `nist-800-53`, `pci-dss-4.0`, `soc2`), as `table`, `json` or `html` text.
    #[pyo3(signature = (report, framework, format = "table"))]
    fn compliance(
        &self,
        py: Python<'_>,
        report: &Bound<'_, PyAny>,
        framework: &str,
        format: &str,
    ) -> PyResult<String> {
        let value = guard(py, || to_value(report, "report"))?;
        let engine = &self.inner;
        detached(py, move || {
            compliance_text(engine, value, framework, format)
        })
    }

    /// Judges an `AdmissionReview` request (a dict or its JSON text) and returns the
    /// `AdmissionReview` response as a dict. Once the request's uid is known, every failure is
    /// answered with a denial that carries it; a request without one raises.
    #[pyo3(signature = (review, file = "<request>"))]
    fn admit<'py>(
        &self,
        py: Python<'py>,
        review: &Bound<'py, PyAny>,
        file: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let engine = &self.inner;
        let response = if let Ok(text) = review.cast::<PyString>() {
            let text = text.to_str()?;
            detached(py, || engine.admit_text(file, text))?
        } else {
            let value = guard(py, || to_value(review, "review"))?;
            detached(py, || engine.admit_text(file, &value.to_string()))?
        };
        to_python(py, &response)
    }

    /// The rule catalogue: each rule's metadata, package and file, ordered by id.
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize(py, self.inner.rules())
    }

    /// The time limit of one evaluation, in milliseconds.
    #[getter]
    fn time_limit_ms(&self) -> u128 {
        self.inner.time_limit().as_millis()
    }
}

/// A report (as JSON) through a framework, as text in `format`.
fn compliance_text(
    engine: &ztguard::Engine,
    report: Value,
    framework: &str,
    format: &str,
) -> ztguard::Result<String> {
    let format: ComplianceFormat = format.parse()?;
    let report = ztguard::Report::from_value(report)?;
    let framework = ztguard::compliance::framework(framework)?;
    Ok(ztguard::compliance::assess(&framework, engine.rules(), &report).render(format))
}

/// A lifecycle stage by name, as rule metadata spells it.
fn parse_stage(name: String) -> ztguard::Result<ztguard::Stage> {
    serde_json::from_value(Value::String(name)).map_err(|e| Error::Input {
        location: Box::default(),
        message: format!("stages: {e}"),
    })
}

fn report_value(report: ztguard::Result<ztguard::Report>) -> ztguard::Result<Value> {
    serde_json::to_value(report?).map_err(|e| Error::Internal {
        message: format!("a report cannot be serialized: {e}"),
    })
}

/// Evaluates runtime events as they come, with the rules of an engine that read them.
#[pyclass(frozen, module = "ztguard._native")]
struct Monitor {
    inner: Mutex<ztguard::runtime::Monitor>,
}

#[pymethods]
impl Monitor {
    #[new]
    #[pyo3(signature = (engine, workloads = None))]
    fn new(engine: &Engine, workloads: Option<&Facts>) -> Monitor {
        let mut monitor = ztguard::runtime::Monitor::new(engine.inner.clone());
        if let Some(facts) = workloads {
            monitor = monitor.with_workloads(&facts.inner);
        }
        Monitor {
            inner: Mutex::new(monitor),
        }
    }

    /// Evaluates one event (a dict or one line of JSON, in any event format) and returns its
    /// detections as dicts.
    fn observe<'py>(
        &self,
        py: Python<'py>,
        event: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.observe_batch(py, PyList::new(py, [event])?.into_any())
    }

    /// Evaluates a batch of events and returns their detections as dicts, in event order.
    fn observe_batch<'py>(
        &self,
        py: Python<'py>,
        events: Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut read = Vec::new();
        for (index, event) in events.try_iter()?.enumerate() {
            let event = event?;
            let reading = if let Ok(text) = event.cast::<PyString>() {
                let text = text.to_str()?;
                guard(py, || {
                    ztguard::runtime::read_line("<event>", index + 1, text)
                })?
            } else {
                let value = guard(py, || to_value(&event, "the event"))?;
                guard(py, || ztguard::runtime::read_value("<event>", value))?
            };
            if let Reading::Event(event) = reading {
                read.push(*event);
            }
        }
        let detections = detached(py, || {
            let mut monitor = self.lock()?;
            let detections = monitor.observe_batch(read)?;
            serde_json::to_value(detections).map_err(|e| Error::Internal {
                message: format!("detections cannot be serialized: {e}"),
            })
        })?;
        to_python(py, &detections)
    }

    /// Reads a JSON-lines stream of events and evaluates it in batches of `batch`; a line that
    /// cannot be read is reported with its number and the stream goes on.
    #[pyo3(
        signature = (text, file = "<events>".to_owned(), batch = 256),
        text_signature = "(self, /, text, file='<events>', batch=256)"
    )]
    fn observe_stream<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        file: String,
        batch: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (detections, errors, events, ignored) = detached(py, || {
            let summary = self
                .lock()?
                .observe_stream(EventStream::new(file, text.as_bytes()), batch)?;
            let detections =
                serde_json::to_value(summary.detections).map_err(|e| Error::Internal {
                    message: format!("detections cannot be serialized: {e}"),
                })?;
            Ok((detections, summary.errors, summary.events, summary.ignored))
        })?;
        let result = pyo3::types::PyDict::new(py);
        result.set_item("detections", to_python(py, &detections)?)?;
        let errors: Vec<(usize, Py<PyAny>)> = errors
            .iter()
            .map(|(line, error)| (*line, to_py(py, error).into_value(py).into_any()))
            .collect();
        result.set_item("errors", errors)?;
        result.set_item("events", events)?;
        result.set_item("ignored", ignored)?;
        Ok(result.into_any())
    }

    /// How many events this monitor has evaluated.
    #[getter]
    fn seen(&self, py: Python<'_>) -> PyResult<usize> {
        guard(py, || Ok(self.lock()?.seen()))
    }

    /// Whether the rules run on regorus' virtual machine rather than its interpreter.
    #[getter]
    fn compiled(&self, py: Python<'_>) -> PyResult<bool> {
        guard(py, || Ok(self.lock()?.is_compiled()))
    }
}

impl Monitor {
    fn lock(&self) -> ztguard::Result<std::sync::MutexGuard<'_, ztguard::runtime::Monitor>> {
        // A panic while evaluating leaves nothing half-written that the next event would read:
        // the monitor's state is its rules and a count.
        Ok(self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}

/// The version of the ztguard library this module was built from.
const VERSION: &str = env!("CARGO_PKG_VERSION");

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", VERSION)?;
    // Benchmarks refuse to quote figures of a debug build.
    module.add("DEBUG_BUILD", cfg!(debug_assertions))?;
    module.add("REPORT_API_VERSION", ztguard::report::REPORT_API_VERSION)?;
    module.add_class::<Engine>()?;
    module.add_class::<Facts>()?;
    module.add_class::<Inputs>()?;
    module.add_class::<Waivers>()?;
    module.add_class::<Monitor>()?;
    module.add_function(wrap_pyfunction!(facts_from_text, module)?)?;
    module.add_function(wrap_pyfunction!(facts_from_paths, module)?)?;
    Ok(())
}
