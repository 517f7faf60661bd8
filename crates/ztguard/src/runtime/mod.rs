//! Streaming evaluation of runtime events.
//!
//! A [`Monitor`] takes events one at a time or in batches, as a sensor delivers them, and
//! returns what the runtime rules find in them at once. Each rule declares the event types it
//! reads (`events` in its metadata); an event is only shown to those rules, so a file event
//! costs nothing in the rules about process starts. Events are tied to the workloads the
//! manifests declare (see [`WorkloadIndex`]), so rules can compare what runs with what was
//! declared.
//!
//! ```
//! # fn main() -> Result<(), ztguard::Error> {
//! use ztguard::runtime::{Monitor, Reading, read_line};
//!
//! let mut monitor = Monitor::new(ztguard::Engine::builtin()?);
//! let line = r#"{"type": "process_exec", "time": "2026-12-01T10:00:00Z",
//!   "workload": {"kind": "Deployment", "namespace": "shop", "name": "web"},
//!   "container": "app", "process": {"binary": "/bin/bash", "uid": 0, "tty": true}}"#;
//! let Reading::Event(event) = read_line("events.jsonl", 1, line)? else { unreachable!() };
//! let detections = monitor.observe(*event)?;
//! let shell = &detections[0].finding;
//! assert_eq!((shell.rule.as_str(), shell.severity.as_str()), ("ZT-RUN-001", "critical"));
//! assert_eq!(shell.response.map(|r| r.as_str()), Some("kill"));
//! # Ok(())
//! # }
//! ```

mod join;
mod stream;

use std::sync::Arc;

use regorus::rvm::vm::RegoVM;
use serde::Serialize;
use serde_json::{Value, json};

pub use crate::adapters::events::{EventFormat, Reading, detect, read_line, read_value};
pub use join::WorkloadIndex;
pub use stream::{EventStream, StreamItem};

/// What a whole stream held, evaluated (see [`Monitor::observe_stream`]).
#[derive(Debug, Default)]
pub struct StreamSummary {
    /// Detections, in stream order.
    pub detections: Vec<Detection>,
    /// Lines that could not be read: their number and what is wrong.
    pub errors: Vec<(usize, Error)>,
    /// Events read and evaluated.
    pub events: usize,
    /// Well-formed records that are not activity ztguard evaluates.
    pub ignored: usize,
}

use crate::engine::{CompiledRules, Engine, Rule};
use crate::error::{Error, Result};
use crate::facts::{EventType, Facts, RuntimeEvent};
use crate::report::Finding;
use crate::waivers::Waiver;

/// A finding about one event, with the event it is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detection {
    /// The finding. Its evidence pointer is `/runtime/events/<n>/…`, where `n` counts the
    /// events this monitor has seen, from 0: the pointer a facts document holding the whole
    /// stream would give.
    #[serde(flatten)]
    pub finding: Finding,
    /// The event, with what its workload declares.
    pub event: RuntimeEvent,
    /// The waiver that covers the finding, if one does; a waived detection asks for no
    /// response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<Waiver>,
}

/// Evaluates runtime events as they come. Cloning is cheap: give each thread its own.
///
/// The rules are compiled for regorus' virtual machine, which evaluates them several times
/// faster than its interpreter; rules the compiler does not support are evaluated by the
/// interpreter instead, with the same results.
#[derive(Debug)]
pub struct Monitor {
    engine: Engine,
    by_type: Vec<(EventType, Vec<usize>)>,
    compiled: Option<Arc<CompiledRules>>,
    machine: Option<RegoVM>,
    workloads: WorkloadIndex,
    seen: usize,
}

impl Clone for Monitor {
    fn clone(&self) -> Monitor {
        Monitor {
            engine: self.engine.clone(),
            by_type: self.by_type.clone(),
            compiled: self.compiled.clone(),
            // A machine holds one evaluation's state; each monitor loads its own when needed.
            machine: None,
            workloads: self.workloads.clone(),
            seen: self.seen,
        }
    }
}

impl Monitor {
    /// A monitor evaluating the rules of `engine` that declare event types.
    pub fn new(engine: Engine) -> Monitor {
        let by_type = EventType::ALL
            .into_iter()
            .map(|t| {
                let rules = engine
                    .rules()
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.metadata.events.contains(&t))
                    .map(|(i, _)| i)
                    .collect();
                (t, rules)
            })
            .collect();
        let streamed: Vec<&Rule> = engine
            .rules()
            .iter()
            .filter(|r| !r.metadata.events.is_empty())
            .collect();
        let compiled = engine.compile(&streamed).ok().map(Arc::new);
        Monitor {
            engine,
            by_type,
            compiled,
            machine: None,
            workloads: WorkloadIndex::default(),
            seen: 0,
        }
    }

    /// Whether the rules run on regorus' virtual machine rather than its interpreter.
    pub fn is_compiled(&self) -> bool {
        self.compiled.is_some()
    }

    /// Ties events to the workloads in `facts` from now on.
    #[must_use]
    pub fn with_workloads(mut self, facts: &Facts) -> Monitor {
        self.workloads = WorkloadIndex::new(&facts.workloads);
        self
    }

    /// The rules an event of type `kind` is shown to.
    pub fn rules_for(&self, kind: EventType) -> impl Iterator<Item = &Rule> {
        self.by_type
            .iter()
            .filter(move |(t, _)| *t == kind)
            .flat_map(|(_, rules)| rules.iter())
            .filter_map(|&i| self.engine.rules().get(i))
    }

    /// How many events this monitor has seen.
    pub fn seen(&self) -> usize {
        self.seen
    }

    /// Evaluates one event.
    ///
    /// # Errors
    ///
    /// As [`Monitor::observe_batch`].
    pub fn observe(&mut self, event: RuntimeEvent) -> Result<Vec<Detection>> {
        self.observe_batch(vec![event])
    }

    /// Reads a whole stream and evaluates its events in batches of `batch` (at least one):
    /// every detection, every unreadable line with its number (the stream goes on past it),
    /// and counts of events and ignored records.
    ///
    /// # Errors
    ///
    /// As [`Monitor::observe_batch`]; unreadable lines are not errors of the call.
    pub fn observe_stream<R: std::io::BufRead>(
        &mut self,
        stream: EventStream<R>,
        batch: usize,
    ) -> Result<StreamSummary> {
        let mut summary = StreamSummary::default();
        let mut pending = Vec::new();
        for item in stream {
            match item {
                StreamItem::Event { event, .. } => {
                    summary.events += 1;
                    pending.push(*event);
                    if pending.len() >= batch.max(1) {
                        let detections = self.observe_batch(std::mem::take(&mut pending))?;
                        summary.detections.extend(detections);
                    }
                }
                StreamItem::Ignored { .. } => summary.ignored += 1,
                StreamItem::Error { line, error } => summary.errors.push((line, error)),
            }
        }
        summary.detections.extend(self.observe_batch(pending)?);
        Ok(summary)
    }

    /// Evaluates a batch of events; detections come in the order of the events. A batch
    /// costs less per event than events one by one: the rules are entered once per event type
    /// in the batch, not once per event.
    ///
    /// # Errors
    ///
    /// [`Error::TimeLimit`] when the batch takes longer than the engine's time limit,
    /// [`Error::Eval`] naming the rule when a rule fails. The events still count as seen.
    pub fn observe_batch(&mut self, events: Vec<RuntimeEvent>) -> Result<Vec<Detection>> {
        let first = self.seen;
        self.seen += events.len();
        let mut events = events;
        if !self.workloads.is_empty() {
            for event in &mut events {
                self.workloads.declare(event);
            }
        }
        let mut detections = Vec::new();
        for (kind, rules) in &self.by_type {
            if rules.is_empty() {
                continue;
            }
            let positions: Vec<usize> = (0..events.len())
                .filter(|&i| events.get(i).is_some_and(|e| e.kind == *kind))
                .collect();
            if positions.is_empty() {
                continue;
            }
            let group: Vec<&RuntimeEvent> =
                positions.iter().filter_map(|&i| events.get(i)).collect();
            let input = json!({"runtime": {"events": group}});
            let rules = rules.iter().filter_map(|&i| self.engine.rules().get(i));
            let findings = match (&self.compiled, &mut self.machine) {
                (Some(_), Some(machine)) => self.engine.run_compiled(machine, rules, input)?,
                (Some(compiled), machine) => {
                    let machine = machine.insert(compiled.machine()?);
                    self.engine.run_compiled(machine, rules, input)?
                }
                (None, _) => self.engine.run_rules(rules, input)?,
            };
            for finding in findings {
                let (position, finding) = renumber(finding, &positions, first)?;
                let Some(event) = events.get(position - first) else {
                    continue;
                };
                detections.push((position, self.detection(finding, event.clone())));
            }
        }
        detections.sort_by(|(a, x), (b, y)| {
            a.cmp(b)
                .then_with(|| x.finding.severity.cmp(&y.finding.severity))
                .then_with(|| x.finding.rule.cmp(&y.finding.rule))
        });
        Ok(detections.into_iter().map(|(_, d)| d).collect())
    }

    fn detection(&self, finding: Finding, event: RuntimeEvent) -> Detection {
        let now = crate::clock::parse(&event.time).unwrap_or_default();
        let waiver = self
            .engine
            .waivers()
            .iter()
            .find(|w| !w.expired(now) && w.covers(&finding))
            .cloned();
        Detection {
            finding,
            event,
            waiver,
        }
    }
}

/// Rewrites a finding's pointer from its place in a batch's group of one event type to the
/// event's place in the stream, and returns that place.
fn renumber(mut finding: Finding, positions: &[usize], first: usize) -> Result<(usize, Finding)> {
    let misplaced = |pointer: &str| Error::Eval {
        rule: finding.rule.clone(),
        file: None,
        message: format!(
            "a runtime finding must point into `/runtime/events/<n>`, not at `{pointer}`"
        ),
    };
    let Some(evidence) = finding.evidence.as_mut() else {
        return Err(misplaced(""));
    };
    let rest = evidence
        .pointer
        .strip_prefix("/runtime/events/")
        .ok_or_else(|| misplaced(&evidence.pointer))?;
    let (index, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let position = index
        .parse::<usize>()
        .ok()
        .and_then(|i| positions.get(i))
        .map(|p| first + p)
        .ok_or_else(|| misplaced(&evidence.pointer))?;
    evidence.pointer = format!("/runtime/events/{position}{tail}");
    Ok((position, finding))
}

/// Checks a native event's JSON value and reads it; for embedders that build events
/// themselves.
///
/// # Errors
///
/// [`Error::Schema`] naming each problem with its JSON pointer.
pub fn event_from_value(value: &Value) -> Result<RuntimeEvent> {
    let doc = crate::document::Document::without_lines("event", value.clone());
    crate::adapters::events::read_native(&doc)
}
