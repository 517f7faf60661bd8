//! The engine: Rego policies parsed and compiled once, then evaluated over facts as often as
//! needed, from any number of threads.

use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::path::Path;
use std::time::{Duration, Instant};

use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::rvm::vm::{RegoVM, VmError};
use regorus::utils::limits::{ExecutionTimerConfig, LimitError};
use serde::Deserialize;
use serde_json::Value;

use crate::bundle::{self, PolicyFile, RULES_PREFIX};
use crate::error::{Error, Result};
use crate::facts::{self, Facts, Source};
use crate::limits::Limits;
use crate::metadata::{Action, Response, RuleMetadata, Severity, Stage};
use crate::report::{Finding, FindingEvidence, Report, Resource};
use crate::waivers::Waivers;

/// Time an evaluation may take unless configured otherwise.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(5);

/// How often (in interpreter steps) the time limit is checked.
const TIMER_CHECK_INTERVAL: u32 = 64;

/// A loaded rule: its metadata and where it was declared.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rule {
    /// The rule's declared metadata.
    pub metadata: RuleMetadata,
    /// Its Rego package, for example `data.ztguard.rules.image.mutable_tag`.
    pub package: String,
    /// The policy file that declares it.
    pub file: String,
}

impl Rule {
    fn findings_path(&self) -> String {
        format!("{}.findings", self.package)
    }
}

/// Configures and builds an [`Engine`].
#[derive(Debug, Clone)]
pub struct EngineBuilder {
    builtins: bool,
    policies: Vec<PolicyFile>,
    data: Vec<(Option<String>, Value)>,
    waivers: Waivers,
    time_limit: Duration,
    stages: Vec<Stage>,
    limits: Limits,
}

impl Default for EngineBuilder {
    fn default() -> Self {
        EngineBuilder {
            builtins: true,
            policies: Vec::new(),
            data: Vec::new(),
            waivers: Waivers::new(),
            time_limit: DEFAULT_TIME_LIMIT,
            stages: Vec::new(),
            limits: Limits::default(),
        }
    }
}

impl EngineBuilder {
    /// A builder with the built-in bundle and default parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Leaves the built-in rules out; only policies added to the builder are loaded. The
    /// built-in helper library and parameter defaults stay available.
    #[must_use]
    pub fn without_builtin_rules(mut self) -> Self {
        self.builtins = false;
        self
    }

    /// Adds one Rego module. Files named `*_test.rego` are tests and are not evaluated.
    #[must_use]
    pub fn policy(mut self, file: impl Into<String>, source: impl Into<String>) -> Self {
        self.policies.push(PolicyFile {
            file: file.into(),
            source: source.into(),
        });
        self
    }

    /// Adds every `.rego` file below `dir`.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the directory or a file cannot be read.
    pub fn policy_dir(mut self, dir: impl AsRef<Path>) -> Result<Self> {
        self.policies.extend(bundle::read_policy_dir(dir.as_ref())?);
        Ok(self)
    }

    /// Merges data (rule parameters, under `ztguard.params.<rule id>`) over the defaults.
    /// Objects merge key by key; any other value replaces the default.
    #[must_use]
    pub fn data(mut self, data: Value) -> Self {
        self.data.push((None, data));
        self
    }

    /// Merges a JSON or YAML data file over the defaults, as [`EngineBuilder::data`] does.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or is not one object.
    pub fn data_file(mut self, path: impl AsRef<Path>) -> Result<Self> {
        let value = bundle::read_data_file(path.as_ref())?;
        self.data
            .push((Some(path.as_ref().display().to_string()), value));
        Ok(self)
    }

    /// Adds waivers: findings they cover move to the report's `waived` list until they expire.
    #[must_use]
    pub fn waivers(mut self, waivers: Waivers) -> Self {
        self.waivers.extend(waivers);
        self
    }

    /// Adds the waivers of a waivers file, as [`EngineBuilder::waivers`] does.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or a waiver is malformed; see [`Waivers::from_text`].
    pub fn waivers_file(mut self, path: impl AsRef<Path>) -> Result<Self> {
        self.waivers.extend(Waivers::from_file(path.as_ref())?);
        Ok(self)
    }

    /// Sets the time one evaluation may take.
    #[must_use]
    pub fn time_limit(mut self, limit: Duration) -> Self {
        self.time_limit = limit;
        self
    }

    /// Sets the bounds policies are checked against before they are parsed (size, nesting,
    /// `numbers.range` calls); see [`Limits`].
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Keeps only the rules that apply at `stage` (call again to add stages; without a call,
    /// every rule). A pipeline step that builds images runs the `build` rules and leaves
    /// admission and runtime rules to the cluster.
    #[must_use]
    pub fn stage(mut self, stage: Stage) -> Self {
        if !self.stages.contains(&stage) {
            self.stages.push(stage);
        }
        self
    }

    /// Parses and compiles every policy, checks every rule's metadata, and prepares the engine.
    ///
    /// # Errors
    ///
    /// [`Error::Policy`] naming the file when Rego does not parse or compile;
    /// [`Error::Metadata`] naming the file and rule when a rule's metadata is missing or
    /// malformed or two rules share an id; [`Error::Data`] when data is not an object;
    /// [`Error::Limit`] naming the file and line when a module breaks the [`Limits`].
    pub fn build(self) -> Result<Engine> {
        let mut regorus = regorus::Engine::new();
        let mut packages: Vec<(String, String)> = Vec::new();

        let builtins = bundle::builtin_policies()
            .into_iter()
            .filter(|p| !p.is_test() && (self.builtins || !p.file.starts_with("policies/rules/")));
        let user = self.policies.into_iter().filter(|p| !p.is_test());
        for policy in builtins.chain(user) {
            self.limits.check_policy(&policy.file, &policy.source)?;
            let package = regorus
                .add_policy(policy.file.clone(), policy.source)
                .map_err(|e| policy_error(&policy.file, &e.to_string()))?;
            if !packages.iter().any(|(p, _)| *p == package) {
                packages.push((package, policy.file));
            }
        }

        let mut data = bundle::builtin_data()?;
        for (file, overlay) in self.data {
            if !overlay.is_object() {
                return Err(Error::Data {
                    file,
                    message: "data must be an object".to_owned(),
                });
            }
            bundle::merge_data(&mut data, overlay);
        }
        regorus
            .add_data(regorus::Value::from(data.clone()))
            .map_err(|e| Error::Data {
                file: None,
                message: e.to_string(),
            })?;

        let mut rules = load_rules(&mut regorus, packages)?;
        apply_overrides(&mut rules, &data)?;
        if !self.stages.is_empty() {
            rules.retain(|r| r.metadata.stages.iter().any(|s| self.stages.contains(s)));
        }
        let engine = Engine {
            template: regorus,
            rules,
            waivers: self.waivers,
            time_limit: self.time_limit,
        };
        engine.warm_up()?;
        Ok(engine)
    }
}

/// Reads and checks the metadata of every rule package.
fn load_rules(regorus: &mut regorus::Engine, packages: Vec<(String, String)>) -> Result<Vec<Rule>> {
    let mut rules: Vec<Rule> = Vec::new();
    for (package, file) in packages {
        if !package.starts_with(RULES_PREFIX) {
            continue;
        }
        let problem = |message: String| Error::Metadata {
            file: file.clone(),
            package: package.clone(),
            message,
        };
        let value = match regorus.eval_rule(format!("{package}.metadata")) {
            Ok(regorus::Value::Undefined) | Err(_) => {
                return Err(problem(
                    "the rule declares no `metadata` object; see policies/README.md".to_owned(),
                ));
            }
            Ok(value) => value,
        };
        let value = serde_json::to_value(&value).map_err(|e| problem(e.to_string()))?;
        let metadata = RuleMetadata::from_value(value)
            .map_err(|message| problem(format!("malformed `metadata`: {message}")))?;
        if let Some(other) = rules.iter().find(|r| r.metadata.id == metadata.id) {
            return Err(problem(format!(
                "rule id `{}` is also declared by `{}` in `{}`",
                metadata.id, other.package, other.file
            )));
        }
        rules.push(Rule {
            metadata,
            package,
            file,
        });
    }
    rules.sort_by(|a, b| a.metadata.id.cmp(&b.metadata.id));
    Ok(rules)
}

/// Applies `ztguard.params.<id>.action`, `.severity` and `.response` from data: every rule's
/// defaults can be configured without touching its Rego.
fn apply_overrides(rules: &mut [Rule], data: &Value) -> Result<()> {
    for rule in rules {
        let Some(params) = data.pointer(&format!("/ztguard/params/{}", rule.metadata.id)) else {
            continue;
        };
        let problem = |name: &str, e: serde_json::Error| Error::Data {
            file: None,
            message: format!("`ztguard.params.{}.{name}`: {e}", rule.metadata.id),
        };
        if let Some(action) = params.get("action").cloned() {
            rule.metadata.action =
                serde_json::from_value(action).map_err(|e| problem("action", e))?;
        }
        if let Some(severity) = params.get("severity").cloned() {
            rule.metadata.severity =
                serde_json::from_value(severity).map_err(|e| problem("severity", e))?;
        }
        if let Some(response) = params.get("response").cloned() {
            rule.metadata.response =
                Some(serde_json::from_value(response).map_err(|e| problem("response", e))?);
        }
    }
    Ok(())
}

/// Turns regorus' multi-line parse and compile messages into one `Error::Policy`.
pub(crate) fn policy_error(file: &str, text: &str) -> Error {
    let summary = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .unwrap_or_else(|| text.trim());
    let snippet: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim().starts_with("error: "))
        .collect();
    let mut message = summary.to_owned();
    if !snippet.is_empty() {
        message.push('\n');
        message.push_str(&snippet.join("\n"));
    }
    Error::Policy {
        file: file.to_owned(),
        message,
    }
}

/// Why evaluating a rule failed.
enum Failure {
    TimedOut,
    Failed(String),
}

/// Rules compiled for regorus' virtual machine, and the data they read.
#[derive(Debug, Clone)]
pub(crate) struct CompiledRules {
    policy: regorus::CompiledPolicy,
    program: std::sync::Arc<Program>,
    data: regorus::Value,
}

impl CompiledRules {
    /// A virtual machine loaded with the rules and their data.
    pub(crate) fn machine(&self) -> Result<RegoVM> {
        let mut vm = RegoVM::new_with_policy(self.policy.clone());
        vm.load_program(self.program.clone());
        // The engine's time limit bounds an evaluation; an instruction count would also cut
        // off a large batch that is well within it.
        vm.set_max_instructions(usize::MAX);
        vm.set_data(self.data.clone()).map_err(|e| Error::Data {
            file: None,
            message: e.to_string(),
        })?;
        Ok(vm)
    }
}

/// Evaluates facts with loaded policies. Cheap to share: `evaluate` takes `&self`, and the
/// engine is `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Engine {
    template: regorus::Engine,
    rules: Vec<Rule>,
    waivers: Waivers,
    time_limit: Duration,
}

/// What a rule returns for each finding; see `policies/README.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFinding {
    resource: Resource,
    message: String,
    #[serde(default)]
    pointer: Option<String>,
    #[serde(default)]
    value: Option<Value>,
    #[serde(default)]
    severity: Option<Severity>,
    #[serde(default)]
    action: Option<Action>,
    #[serde(default)]
    response: Option<Response>,
    #[serde(default)]
    controls: Option<BTreeMap<String, Vec<String>>>,
}

impl Engine {
    /// An engine with the built-in bundle and default parameters.
    ///
    /// # Errors
    ///
    /// Only if the built-in bundle is defective, which the crate's tests rule out.
    pub fn builtin() -> Result<Engine> {
        EngineBuilder::new().build()
    }

    /// A builder, to add policies, data or limits.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::new()
    }

    /// The rule catalogue, ordered by id.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The waivers findings are judged against.
    pub fn waivers(&self) -> &Waivers {
        &self.waivers
    }

    /// The time limit of one evaluation.
    pub fn time_limit(&self) -> Duration {
        self.time_limit
    }

    /// Evaluates every rule over typed facts.
    ///
    /// # Errors
    ///
    /// [`Error::TimeLimit`] when the evaluation runs past the limit, [`Error::Eval`] naming
    /// the rule when a rule fails or returns a malformed finding.
    pub fn evaluate(&self, facts: &Facts) -> Result<Report> {
        // What is derived (RBAC permissions, network reachability) is computed here, from the
        // facts as they are now, so it can never be stale.
        let mut facts = facts.clone();
        facts.analyse();
        let facts = &facts;
        let mut value = serde_json::to_value(facts).map_err(|e| Error::Input {
            location: Box::default(),
            message: format!("facts cannot be serialized: {e}"),
        })?;
        let time = facts.time.clone().unwrap_or_else(crate::clock::now);
        let now = crate::clock::parse(&time).ok_or_else(|| Error::Input {
            location: Box::new(crate::error::Location::pointer("/time")),
            message: format!("`time` `{time}` is not an RFC 3339 time"),
        })?;
        if let Some(object) = value.as_object_mut() {
            object.insert("time".to_owned(), Value::String(time));
        }
        facts::check_times(&value, None)?;
        let findings = self.run(value)?;
        let mut report = Report::new(findings, facts.skipped.clone());
        report.apply_waivers(&self.waivers, now);
        Ok(report)
    }

    /// Validates a facts value against the schema, then evaluates it.
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] listing every violation with its JSON pointer, then as
    /// [`Engine::evaluate`].
    pub fn evaluate_value(&self, facts: &Value) -> Result<Report> {
        self.evaluate(&facts::from_value(facts, None)?)
    }

    /// Parses, validates and evaluates facts JSON text.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] when the text is not JSON, then as [`Engine::evaluate_value`].
    pub fn evaluate_json(&self, facts: &str) -> Result<Report> {
        self.evaluate(&facts::from_json_str(facts)?)
    }

    fn warm_up(&self) -> Result<()> {
        // Evaluating once compiles every rule, so compile errors surface at load, and clones
        // of the template skip the analysis later.
        let empty = serde_json::to_value(Facts::new()).unwrap_or(Value::Null);
        self.run(empty).map(|_| ())
    }

    fn run(&self, facts: Value) -> Result<Vec<Finding>> {
        self.run_rules(self.rules.iter(), facts)
    }

    /// Evaluates some of the rules over a facts value that is already normalized.
    pub(crate) fn run_rules<'a>(
        &self,
        rules: impl IntoIterator<Item = &'a Rule>,
        facts: Value,
    ) -> Result<Vec<Finding>> {
        let facts = regorus::Value::from(facts);
        let mut regorus = self.template.clone();
        regorus.set_input(facts.clone());
        self.run_each(rules, &facts, |path, limit| {
            regorus.set_execution_timer_config(limit);
            regorus.eval_rule(path.to_owned()).map_err(|e| {
                // regorus raises the limit as a typed error, but some evaluation paths wrap it
                // into text; both mean the same.
                let timed_out = e.chain().any(|c| {
                    matches!(c.downcast_ref(), Some(LimitError::TimeLimitExceeded { .. }))
                }) || e.to_string().contains("execution exceeded time limit");
                if timed_out {
                    Failure::TimedOut
                } else {
                    Failure::Failed(e.to_string())
                }
            })
        })
    }

    /// Compiles rules for regorus' virtual machine, which evaluates them several times faster
    /// than the interpreter: worth it for rules evaluated over and over, as on a stream.
    ///
    /// # Errors
    ///
    /// The compiler's message, when a rule uses what the virtual machine does not support.
    pub(crate) fn compile(&self, rules: &[&Rule]) -> std::result::Result<CompiledRules, String> {
        let paths: Vec<String> = rules.iter().map(|r| r.findings_path()).collect();
        let Some(first) = paths.first() else {
            return Err("no rules to compile".to_owned());
        };
        let mut regorus = self.template.clone();
        let policy = regorus
            .compile_with_entrypoint(&regorus::Rc::from(first.as_str()))
            .map_err(|e| e.to_string())?;
        let entry_points: Vec<&str> = paths.iter().map(String::as_str).collect();
        let program =
            Compiler::compile_from_policy(&policy, &entry_points).map_err(|e| e.to_string())?;
        Ok(CompiledRules {
            policy,
            program,
            data: regorus.get_data(),
        })
    }

    /// Evaluates compiled rules over a facts value that is already normalized.
    pub(crate) fn run_compiled<'a>(
        &self,
        vm: &mut RegoVM,
        rules: impl IntoIterator<Item = &'a Rule>,
        facts: Value,
    ) -> Result<Vec<Finding>> {
        let facts = regorus::Value::from(facts);
        vm.set_input(facts.clone());
        self.run_each(rules, &facts, |path, limit| {
            vm.set_execution_timer_config(Some(limit));
            vm.execute_entry_point_by_name(path).map_err(|e| match e {
                VmError::TimeLimitExceeded { .. } => Failure::TimedOut,
                other => Failure::Failed(other.to_string()),
            })
        })
    }

    fn run_each<'a>(
        &self,
        rules: impl IntoIterator<Item = &'a Rule>,
        facts: &regorus::Value,
        mut eval: impl FnMut(&str, ExecutionTimerConfig) -> std::result::Result<regorus::Value, Failure>,
    ) -> Result<Vec<Finding>> {
        let deadline = Instant::now() + self.time_limit;
        let mut findings = Vec::new();
        for rule in rules {
            let path = rule.findings_path();
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(Error::TimeLimit {
                    rule: path,
                    limit: self.time_limit,
                });
            }
            let limit = ExecutionTimerConfig {
                limit: remaining,
                check_interval: NonZeroU32::new(TIMER_CHECK_INTERVAL).unwrap_or(NonZeroU32::MIN),
            };
            let value = eval(&path, limit).map_err(|failure| match failure {
                Failure::TimedOut => Error::TimeLimit {
                    rule: path.clone(),
                    limit: self.time_limit,
                },
                Failure::Failed(message) => Error::Eval {
                    rule: path.clone(),
                    file: Some(rule.file.clone()),
                    message,
                },
            })?;
            self.collect(rule, &value, facts, &mut findings)?;
        }
        Ok(findings)
    }

    fn collect(
        &self,
        rule: &Rule,
        value: &regorus::Value,
        facts: &regorus::Value,
        findings: &mut Vec<Finding>,
    ) -> Result<()> {
        let fail = |message: String| Error::Eval {
            rule: rule.findings_path(),
            file: Some(rule.file.clone()),
            message,
        };
        let items: Vec<Value> = match serde_json::to_value(value) {
            Ok(Value::Array(items)) => items,
            Ok(Value::Null) if *value == regorus::Value::Undefined => return Ok(()),
            Ok(other) => return Err(fail(format!("`findings` must be a set, not `{other}`"))),
            Err(e) => return Err(fail(e.to_string())),
        };
        for item in items {
            let raw: RawFinding = serde_json::from_value(item.clone())
                .map_err(|e| fail(format!("malformed finding {item}: {e}")))?;
            let mut finding = Finding::new(&rule.metadata, raw.resource, raw.message);
            if let Some(severity) = raw.severity {
                finding.severity = severity;
            }
            if let Some(action) = raw.action {
                finding.action = action;
            }
            if raw.response.is_some() {
                finding.response = raw.response;
            }
            for (framework, ids) in raw.controls.unwrap_or_default() {
                // A finding narrows its rule's controls; it cannot claim others.
                let declared = rule.metadata.controls.get(&framework);
                if let Some(id) = ids
                    .iter()
                    .find(|id| !declared.is_some_and(|d| d.contains(id)))
                {
                    return Err(fail(format!(
                        "finding names control `{id}` of `{framework}`, which the rule's \
                         metadata does not list"
                    )));
                }
                finding.controls.insert(framework, ids);
            }
            if let Some(pointer) = raw.pointer {
                let value = match raw.value {
                    Some(value) => value,
                    None => at_pointer(facts, &pointer)
                        .and_then(|v| serde_json::to_value(v).ok())
                        .ok_or_else(|| {
                            fail(format!(
                                "finding points at `{pointer}`, which is not in the facts"
                            ))
                        })?,
                };
                finding.source = source_near(facts, &pointer);
                finding.evidence = Some(FindingEvidence { pointer, value });
            }
            findings.push(finding);
        }
        Ok(())
    }
}

/// The `source` of the object at `pointer` or of its nearest ancestor that has one.
fn source_near(facts: &regorus::Value, pointer: &str) -> Option<Source> {
    let key = regorus::Value::from("source");
    let mut pointer = pointer;
    loop {
        // A field named `source` that is not a file location (a connection's source
        // address) does not count.
        let source = at_pointer(facts, pointer).map(|v| &v[&key]);
        if let Some(found) = source.and_then(|s| serde_json::to_value(s).ok()) {
            if let Ok(found) = serde_json::from_value(found) {
                return Some(found);
            }
        }
        pointer = pointer.get(..pointer.rfind('/')?)?;
    }
}

/// The value at a JSON pointer in an evaluation's input, if there is one there.
fn at_pointer<'a>(root: &'a regorus::Value, pointer: &str) -> Option<&'a regorus::Value> {
    let mut value = root;
    if !pointer.is_empty() {
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
            let key = match value {
                regorus::Value::Array(_) => regorus::Value::from(token.parse::<u64>().ok()?),
                _ => regorus::Value::from(token),
            };
            value = &value[&key];
        }
    }
    (*value != regorus::Value::Undefined).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn engine_is_send_and_sync() {
        assert_send_sync::<Engine>();
    }
}
