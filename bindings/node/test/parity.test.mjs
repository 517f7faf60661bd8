// Every data-driven case of testdata/cases, evaluated through Node exactly as the Rust case
// runner does (crates/ztguard/tests/cases.rs), must give the report the Rust API gave: the
// golden file beside the case. Sync and async evaluation must agree on every case, and the
// report rendered in every format must be the text the Rust API rendered.
import assert from 'node:assert/strict'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { Engine, Inputs } from '../index.js'
import { CASES, REPO, read } from './helpers.mjs'

const SUFFIXES = ['.yaml', '.yml', '.json', '.jsonl']
const cases = readdirSync(CASES)
  .filter((name) => statSync(join(CASES, name)).isDirectory())
  .sort()

function prepare(dir) {
  const c = JSON.parse(read(dir, 'case.json'))
  const waivers = Object.fromEntries((c.waivers ?? []).map((f) => [f, read(dir, f)]))
  const policies = Object.fromEntries((c.policies ?? []).map((f) => [f, read(dir, f)]))
  const options = {
    builtinRules: !c.no_builtin_rules,
    policies,
    dataFiles: (c.data_files ?? []).map((f) => join(dir, f)),
    data: c.data ?? undefined,
    waivers,
    timeLimitMs: c.time_limit_ms ?? undefined,
  }
  let inputs = c.inputs
  if (inputs === undefined) {
    const skip = new Set(['case.json', ...(c.waivers ?? []), ...(c.data_files ?? [])])
    inputs = readdirSync(dir)
      .filter((n) => statSync(join(dir, n)).isFile() && SUFFIXES.some((s) => n.endsWith(s)) && !skip.has(n))
      .sort()
  }
  return { c, options, inputs }
}

function facts(dir, c, inputs) {
  const reader = new Inputs()
  for (const name of inputs) {
    reader.addText(name, read(dir, name), c.observed_at ?? '2026-12-01T11:00:00Z')
  }
  const read_ = reader.finish()
  return read_.time == null ? read_.withTime(c.time ?? '2026-12-01T12:00:00Z') : read_
}

/** The outcome as the golden file writes it: the report, or `{error: record}`. */
function normalize(outcome) {
  return JSON.parse(JSON.stringify(outcome).replaceAll(REPO, '<repo>'))
}

async function run(dir) {
  const { c, options, inputs } = prepare(dir)
  let engine
  try {
    engine = new Engine(options)
  } catch (error) {
    return { sync: { error: error.record }, async: { error: error.record } }
  }
  let input
  try {
    input = facts(dir, c, inputs)
  } catch (error) {
    return { sync: { error: error.record }, async: { error: error.record } }
  }
  let sync
  try {
    sync = engine.evaluate(input)
  } catch (error) {
    sync = { error: error.record }
  }
  const async_ = await engine.evaluateAsync(input).catch((error) => ({ error: error.record }))
  return { sync, async: async_ }
}

test('every case has a golden report', () => {
  assert.ok(cases.length >= 40)
  const missing = cases.filter((name) => {
    try {
      statSync(join(CASES, name, 'golden', 'report.json'))
      return false
    } catch {
      return true
    }
  })
  assert.deepEqual(missing, [])
})

for (const name of cases) {
  test(`${name}: Node gives the report the Rust API gave, sync and async`, async () => {
    const dir = join(CASES, name)
    const golden = JSON.parse(read(dir, 'golden', 'report.json'))
    const { sync, async: async_ } = await run(dir)
    assert.deepStrictEqual(normalize(sync), golden)
    assert.deepStrictEqual(normalize(async_), golden)
  })
}

const FORMATS = { table: 'report.txt', sarif: 'report.sarif.json', junit: 'report.junit.xml', github: 'report.github.txt' }
const reportCases = cases.filter((name) => existsSync(join(CASES, name, 'golden', 'report.sarif.json')))

test('most cases yield reports to render', () => {
  assert.ok(reportCases.length >= 25, `${reportCases.length}`)
})

for (const name of reportCases) {
  test(`${name}: Node renders every format as the Rust API did`, () => {
    const dir = join(CASES, name)
    const { c, options, inputs } = prepare(dir)
    const engine = new Engine(options)
    const report = engine.evaluate(facts(dir, c, inputs))
    for (const [format, file] of Object.entries(FORMATS)) {
      const actual = engine.render(report, format).replaceAll(REPO, '<repo>')
      assert.equal(actual, read(dir, 'golden', file), `${format} differs`)
    }
  })
}

const FRAMEWORKS = ['cis-kubernetes', 'nist-800-190', 'nist-800-53', 'pci-dss-4.0', 'soc2']

for (const name of reportCases) {
  test(`${name}: Node sees each framework as the Rust API did`, () => {
    const dir = join(CASES, name)
    const { c, options, inputs } = prepare(dir)
    const engine = new Engine(options)
    const report = engine.evaluate(facts(dir, c, inputs))
    const actual = FRAMEWORKS.map((f) => engine.compliance(report, f)).join('\n').replaceAll(REPO, '<repo>')
    assert.equal(actual, read(dir, 'golden', 'compliance.txt'))
    for (const f of c.compliance_pages ?? []) {
      assert.equal(engine.compliance(report, f, 'html').replaceAll(REPO, '<repo>'), read(dir, 'golden', `compliance-${f}.html`))
    }
  })
}
