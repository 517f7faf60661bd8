/* The declarations of ztguard's Node addon. Generated from the Rust sources (their `///`
 * docs) by `napi build`, with this header written by hand: edit `src/`, not this file. */
/* eslint-disable */

/**
 * Every error ztguard throws (and every promise rejection): an `Error` whose `code` is the
 * stable error code, with where the problem is as properties, each present when known.
 */
export interface ZtguardError extends Error {
  /** The stable error code; script against it, never against the message. */
  code: ErrorRecord['code']
  /** Input or policy file. */
  file?: string
  /** 1-based line in `file`. */
  line?: number
  /** 1-based column in `file`. */
  column?: number
  /** JSON pointer into the facts document or the input document. */
  pointer?: string
  /** Policy rule, as `data.<package>.<rule>` or a rule id. */
  rule?: string
  /** Every schema violation, for `schema` errors. */
  violations?: Array<SchemaViolation>
  /** The error as data, as `ztguard check --format json` prints it. */
  record: ErrorRecord
}

/** The answer to an `AdmissionReview` request, for the API server (`Engine.admit`). */
export interface AdmissionReviewResponse {
  /** The request's own version: `admission.k8s.io/v1` or `admission.k8s.io/v1beta1`. */
  apiVersion: string
  kind: 'AdmissionReview'
  response: {
    /** The request's `uid`. */
    uid: string
    allowed: boolean
    /** Present when denied: 403 for denying findings, 400 or 500 when judging failed. */
    status?: { code: number; reason?: string; message: string }
    /** Findings that do not deny, one line each (at most 256 characters). */
    warnings?: Array<string>
  }
}

/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

/**
 * Rego policies compiled once and evaluated over facts as often as needed.
 *
 * An engine is immutable; `evaluateAsync` runs on the libuv thread pool, so several
 * evaluations of one engine proceed at once.
 */
export declare class Engine {
  /** Builds an engine: parses and compiles every policy and checks every rule's metadata. */
  constructor(options?: EngineOptions | undefined | null)
  /**
   * Evaluates every rule over `facts`: a `Facts`, a facts document as an object, or its
   * JSON text (objects and text are checked against the facts schema).
   */
  evaluate(facts: Facts | Record<string, unknown> | string): Report
  /** As `evaluate`, on the libuv thread pool; the promise rejects with the same errors. */
  evaluateAsync(facts: Facts | Record<string, unknown> | string): Promise<Report>
  /**
   * Renders a report as `ztguard check --format` does: `table` (the default), `json`,
   * `sarif` (2.1.0), `junit` (XML) or `github` (Actions annotations), with this engine's
   * rule catalogue. Every format shows the same findings; `color` colours severities in the
   * table with ANSI escapes.
   */
  render(report: Report, format?: string, color?: boolean): string
  /**
   * The report seen through a compliance framework's controls, as `ztguard report` shows
   * it: `framework` is `cis-kubernetes`, `nist-800-190`, `nist-800-53`, `pci-dss-4.0` or
   * `soc2`, `format` is `table` (the default), `json` or `html` (a self-contained page).
   */
  compliance(report: Report, framework: string, format?: string): string
  /**
   * Judges a Kubernetes `AdmissionReview` request (an object or its JSON text) and returns
   * the `AdmissionReview` response for the API server: allowed unless a finding denies, the
   * denying findings in `status.message` (code 403), every other finding in `warnings`.
   * Once the request's uid is known, every failure is answered with a denial carrying the
   * error (code 400 for an object that cannot be read, 500 when judging fails); a request
   * without one throws.
   * `file` names the request in errors (default `<request>`).
   */
  admit(review: Record<string, unknown> | string, file?: string): AdmissionReviewResponse
  /** The rule catalogue, ordered by id. */
  rules(): Array<Rule>
  /** The time one evaluation may take, in milliseconds. */
  get timeLimitMs(): number
}

/** Facts read from manifests, evidence, events or a facts document: what an engine judges. */
export declare class Facts {
  /** Facts from a facts document given as an object, checked against the facts schema. */
  static fromObject(value: Record<string, unknown>): Facts
  /** Facts from a facts document given as JSON text, checked against the facts schema. */
  static fromJson(text: string): Facts
  /** The time the facts describe (RFC 3339), if they say. */
  get time(): string | null
  /**
   * A copy of these facts describing `time` (RFC 3339): evidence ages and waiver expiries
   * are judged against it.
   */
  withTime(time: string): Facts
  /** The facts document as an object. */
  toObject(): Record<string, unknown>
  /** The facts document as JSON text. */
  toJson(): string
}

/**
 * Reads inputs one at a time, as `ztguard check` does, and ties evidence to the images
 * workloads run whichever order they came in.
 */
export declare class Inputs {
  /** An empty reader. */
  constructor()
  /**
   * Reads the text of one file; `file` names it in errors and findings, and `observedAt`
   * (RFC 3339, default now) dates evidence that carries no time.
   */
  addText(file: string, text: string, observedAt?: string | undefined | null): void
  /**
   * Reads files and directories; evidence that carries no time takes its file's
   * modification time.
   */
  addPaths(paths: Array<string>): void
  /** The facts read so far; the reader starts over empty. */
  finish(): Facts
}

/**
 * Evaluates runtime events as they come, with the rules of an engine that read events; each
 * rule only sees the event types it declares.
 */
export declare class Monitor {
  /**
   * A monitor over the rules of `engine`; `workloads` (facts read from manifests) ties
   * events to the workloads that declare them.
   */
  constructor(engine: Engine, workloads?: Facts | undefined | null)
  /**
   * Evaluates one event, an object or one line of JSON, in any event format (Tetragon,
   * Kubernetes audit, or ztguard's own); returns its detections.
   */
  observe(event: Record<string, unknown> | string): Array<Detection>
  /**
   * Evaluates several events at once, which costs less per event; detections come in event
   * order. The first bad event throws, and none is evaluated.
   */
  observeBatch(events: Array<Record<string, unknown> | string>): Array<Detection>
  /**
   * Reads a JSON-lines stream of events (formats mixed freely) and evaluates it in batches
   * of `batch` (default 256). A line that cannot be read is reported in `errors` with its
   * number, and the stream goes on; the second audit record of one request is ignored.
   */
  observeStream(text: string, file?: string | undefined | null, batch?: number | undefined | null): StreamResult
  /** How many events this monitor has evaluated. */
  get seen(): number
  /** Whether the rules run on regorus' virtual machine rather than its interpreter. */
  get compiled(): boolean
}

/** Whether the addon was built without optimizations (benchmarks refuse to quote it). */
export declare const DEBUG_BUILD: boolean

/**
 * A finding about one runtime event: the finding's fields, the event (with what its workload
 * declares) and the waiver that covers it, if one does.
 */
export interface Detection {
  /** Rule id. */
  rule: string
  /** Rule title. */
  title: string
  /** Pillar. */
  pillar: 'image' | 'privilege' | 'segmentation' | 'runtime'
  /** Severity. */
  severity: 'critical' | 'high' | 'medium' | 'low'
  /** Action. */
  action: 'deny' | 'warn' | 'alert'
  /** Recommended response: what to do about the running workload. */
  response?: 'alert' | 'kill' | 'isolate'
  /** Lifecycle stages of the rule. */
  stages: Array<'build' | 'registry' | 'admission' | 'runtime'>
  /** The resource. */
  resource: Resource
  /** What happened, in a sentence. */
  message: string
  /** What to do about it. */
  remediation: string
  /** Compliance controls of the rule, by framework. */
  controls: Record<string, Array<string>>
  /**
   * The event field the rule judged: a pointer `/runtime/events/<n>/...`, counting the
   * events the monitor has seen.
   */
  evidence?: Evidence
  /** Where the event was read. */
  source?: Source
  /** The event, as a native ztguard event. */
  event: Record<string, unknown>
  /** The waiver that covers the finding: a waived detection asks for no response. */
  waiver?: Waiver
}

/**
 * How to build an engine. Everything is optional: with nothing, the engine holds the
 * built-in bundle with its default parameters.
 */
export interface EngineOptions {
  /** Directories whose `.rego` files join the built-in rules. */
  policyDirs?: Array<string>
  /** Rego modules given as text, by file name (the name appears in errors). */
  policies?: Record<string, string>
  /** JSON or YAML files of parameters, merged over the defaults in order. */
  dataFiles?: Array<string>
  /**
   * Parameters (under `ztguard.params.<rule id>`), merged after `dataFiles`: one object or
   * several, merged in order.
   */
  data?: Record<string, unknown> | Array<Record<string, unknown>>
  /** Waivers files. */
  waiverFiles?: Array<string>
  /** Waivers files given as text, by file name. */
  waivers?: Record<string, string>
  /**
   * `false` loads only the given policies (the built-in helper library and parameter
   * defaults stay available to them).
   */
  builtinRules?: boolean
  /** The time one evaluation may take, in milliseconds (default 5,000). */
  timeLimitMs?: number
  /**
   * Lifecycle stages (`build`, `registry`, `admission`, `runtime`) whose rules to keep; by
   * default every rule.
   */
  stages?: Array<string>
}

/** Where an error is, as precisely as known. */
export interface ErrorLocation {
  /** Input or policy file. */
  file?: string
  /** 1-based line in `file`. */
  line?: number
  /** 1-based column in `file`. */
  column?: number
  /** JSON pointer into the facts document (or the input document for schema errors). */
  pointer?: string
  /** Policy rule, as `data.<package>.<rule>` or a rule id. */
  rule?: string
}

/**
 * An error as data: what `ztguard check --format json` prints, and what every thrown
 * error carries as `record`.
 */
export interface ErrorRecord {
  /** The stable error code. */
  code: 'io' | 'parse' | 'schema' | 'input' | 'policy' | 'metadata' | 'data' | 'eval' | 'limit' | 'internal'
  /** The message, including the location. */
  message: string
  /** Where, when known. */
  location?: ErrorLocation
  /** Every schema violation, for `schema` errors. */
  violations?: Array<SchemaViolation>
}

/** What a rule saw: a JSON pointer into the facts and the value there. */
export interface Evidence {
  /** JSON pointer into the facts document. */
  pointer: string
  /** The value found there, or the value the rule reported. */
  value: unknown
}

/**
 * Facts from files and directories (every `.yaml`, `.yml`, `.json` and `.jsonl` file below
 * them, in path order), as `ztguard check PATH...` reads them.
 */
export declare function factsFromPaths(paths: Array<string>): Facts

/**
 * Facts from the text of one file (YAML or JSON, any number of documents), recognized by
 * content as `ztguard check` does; `file` names it in errors and findings.
 */
export declare function factsFromText(file: string, text: string): Facts

/** One finding of one rule about one resource. */
export interface Finding {
  /** Rule id, for example `ZT-PRV-001`. */
  rule: string
  /** Rule title. */
  title: string
  /** Pillar. */
  pillar: 'image' | 'privilege' | 'segmentation' | 'runtime'
  /** Severity: the rule's, unless the finding set its own. */
  severity: 'critical' | 'high' | 'medium' | 'low'
  /** Action. */
  action: 'deny' | 'warn' | 'alert'
  /** Recommended response, for findings about running workloads. */
  response?: 'alert' | 'kill' | 'isolate'
  /** Lifecycle stages of the rule. */
  stages: Array<'build' | 'registry' | 'admission' | 'runtime'>
  /** The resource. */
  resource: Resource
  /** What is wrong, in a sentence. */
  message: string
  /** How to fix it. */
  remediation: string
  /** Compliance controls of the rule, by framework. */
  controls: Record<string, Array<string>>
  /** What the rule saw, when it says. */
  evidence?: Evidence
  /** Where the offending object was read, when known. */
  source?: Source
}

/** A line of a stream that could not be read; the stream went on after it. */
export interface LineError {
  /** 1-based line number. */
  line: number
  /** What is wrong, as data: the record a thrown error carries. */
  error: ErrorRecord
}

/** The result of one evaluation: the documented report, field for field. */
export interface Report {
  /** Always `ztguard.dev/report/v1`. */
  apiVersion: string
  /** No finding has the action `deny`. */
  allowed: boolean
  /** Counts. */
  summary: Summary
  /** Findings, most severe first, then by rule id, resource and message. */
  findings: Array<Finding>
  /** Findings covered by a waiver, in the same order as `findings`. */
  waived: Array<Waived>
  /** Waivers that have expired: they waive nothing. */
  expired_waivers: Array<Waiver>
  /** Input objects that were read but not understood. */
  skipped: Array<Skipped>
}

/** The `apiVersion` of every report. */
export declare const REPORT_API_VERSION: string

/** The resource a finding is about. */
export interface Resource {
  /** Kind, for example `Deployment`. */
  kind: string
  /** Namespace, for namespaced resources. */
  namespace?: string
  /** Name. */
  name: string
  /** Container, when the finding is about one. */
  container?: string
  /** The image, fully qualified, when the finding is about what a container runs. */
  image?: string
}

/** A rule of the catalogue: its metadata, and the Rego package and file that declare it. */
export interface Rule {
  /** The rule's metadata. */
  metadata: RuleMetadata
  /** Its Rego package, for example `data.ztguard.rules.image.mutable_tag`. */
  package: string
  /** The policy file that declares it. */
  file: string
}

/** What a rule declares about itself. */
export interface RuleMetadata {
  /** Stable id, for example `ZT-IMG-001`. */
  id: string
  /** One-line title. */
  title: string
  /** Longer explanation. */
  description?: string
  /** Pillar. */
  pillar: 'image' | 'privilege' | 'segmentation' | 'runtime'
  /** Default severity. */
  severity: 'critical' | 'high' | 'medium' | 'low'
  /** Default action. */
  action: 'deny' | 'warn' | 'alert'
  /** Lifecycle stages where the rule applies. */
  stages: Array<'build' | 'registry' | 'admission' | 'runtime'>
  /** How to fix a finding. */
  remediation: string
  /** Compliance controls, by framework. */
  controls: Record<string, Array<string>>
  /** Parameters the rule reads from `ztguard.params.<id>`, with a sentence each. */
  params?: Record<string, string>
  /** Runtime event types the rule reads. */
  events?: Array<string>
  /** Recommended response to a finding. */
  response?: 'alert' | 'kill' | 'isolate'
}

/** One way a facts document breaks the facts schema. */
export interface SchemaViolation {
  /** JSON pointer to the offending value. */
  pointer: string
  /** Line of the offending value in its file, when known. */
  line?: number
  /** What is wrong with it. */
  message: string
}

/** An input object that was read but not understood, and why. */
export interface Skipped {
  /** `apiVersion` of the object. */
  api_version: string
  /** Kind of the object. */
  kind: string
  /** Name of the object, when it has one. */
  name?: string
  /** Why it was skipped. */
  reason: string
  /** Where it was read. */
  source?: Source
}

/** Where an object was read. */
export interface Source {
  /** The file, as given. */
  file: string
  /** 1-based line of the object in `file`. */
  line?: number
}

/** What a stream of events held. */
export interface StreamResult {
  /** Detections, in stream order. */
  detections: Array<Detection>
  /** One per line that could not be read. */
  errors: Array<LineError>
  /** Events evaluated. */
  events: number
  /** Well-formed records that are not activity ztguard evaluates. */
  ignored: number
}

/** Counts of the findings (waived ones aside). */
export interface Summary {
  /** All findings. */
  total: number
  /** By severity; every severity is present. */
  by_severity: Record<string, number>
  /** By pillar; every pillar is present. */
  by_pillar: Record<string, number>
  /** By action; every action is present. */
  by_action: Record<string, number>
  /** Findings a waiver covers (not counted above). */
  waived: number
  /** Waivers that have expired. */
  expired_waivers: number
}

/** The version of the ztguard library this addon was built from. */
export declare const VERSION: string

/** A finding and the waiver that covers it. */
export interface Waived {
  /** The finding. */
  finding: Finding
  /** The waiver. */
  waiver: Waiver
}

/**
 * An accepted finding: which rule, which resource or image, who answers for it, why, and
 * until when.
 */
export interface Waiver {
  /** The rule id it waives. */
  rule: string
  /** The resources it covers. */
  resource?: WaiverResource
  /** The image it covers. */
  image?: string
  /** The `id` of the finding's evidence it covers, such as one vulnerability. */
  id?: string
  /** Who answers for it. */
  owner: string
  /** Why the finding is accepted. */
  reason: string
  /** When it stops applying: a date or an RFC 3339 time. */
  expires: string
  /** Where it was read. */
  source?: Source
}

/** Which resources a waiver covers; a field left out matches any value. */
export interface WaiverResource {
  /** Kind. */
  kind?: string
  /** Namespace. */
  namespace?: string
  /** Name. */
  name?: string
  /** Container. */
  container?: string
}
