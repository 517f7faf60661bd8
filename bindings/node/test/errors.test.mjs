// Every error reaches JavaScript as a thrown Error with its stable code and where the
// problem is, the same for sync calls and rejected promises.
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

import { Engine, Facts, Monitor, factsFromPaths, factsFromText } from '../index.js'
import { CASES, TESTDATA, read, thrown } from './helpers.mjs'

const engine = new Engine()
const POD = read(CASES, 'error-time-limit', 'pod.yaml')
const SLOW = read(CASES, 'error-time-limit', 'slow.rego')

function expectError(error, code) {
  assert.ok(error instanceof Error, `not an Error: ${error}`)
  assert.equal(error.code, code)
  assert.equal(error.record.code, code)
  assert.equal(error.record.message, error.message)
  return error
}

test('a missing file is an io error naming it', () => {
  const missing = join(mkdtempSync(join(tmpdir(), 'ztguard-')), 'nope.yaml')
  const error = expectError(thrown(() => factsFromPaths([missing])), 'io')
  assert.equal(error.file, missing)
  assert.ok(error.message.startsWith(`cannot read \`${missing}\`: `))
})

test('broken YAML is a parse error with line and column', () => {
  const error = expectError(thrown(() => factsFromText('pod.yaml', 'kind: Pod\nmetadata:\n  name: a\n  labels: {x: y\n')), 'parse')
  assert.deepEqual([error.file, error.line], ['pod.yaml', 5])
  assert.equal(typeof error.column, 'number')
})

test('JSON text that does not parse is a parse error', () => {
  expectError(thrown(() => engine.evaluate('{"apiVersion": "ztguard.dev/v1",')), 'parse')
})

test('facts that break the schema list every violation', () => {
  const facts = {
    apiVersion: 'ztguard.dev/v1',
    kind: 'Facts',
    workloads: [{ kind: 'Pod', name: 'a', host_pid: 'no', replicas: 'many' }],
  }
  const error = expectError(thrown(() => engine.evaluate(facts)), 'schema')
  assert.deepEqual(error.violations.map((v) => v.pointer), ['/workloads/0', '/workloads/0/host_pid'])
  assert.equal(error.pointer, '/workloads/0')
  assert.equal(
    error.message,
    "the facts break the facts schema\n  at `/workloads/0`: Additional properties are not allowed ('replicas' was unexpected)\n" +
      '  at `/workloads/0/host_pid`: "no" is not of type "boolean"',
  )
})

test('values that are not JSON data are refused where they sit', () => {
  const base = { apiVersion: 'ztguard.dev/v1', kind: 'Facts' }
  const cases = [
    [{ ...base, workloads: [{ labels: { a: new Map() } }] }, '/workloads/0/labels/a', 'a `Map`'],
    [{ ...base, time: new Date() }, '/time', 'a Date'],
    [{ ...base, n: 10n }, '/n', 'a BigInt'],
    [{ ...base, f: () => 1 }, '/f', 'a function'],
    [{ ...base, x: NaN }, '/x', 'JSON cannot represent'],
    [{ ...base, list: [1, Symbol('s')] }, '/list/1', 'a symbol'],
  ]
  for (const [facts, pointer, what] of cases) {
    const error = expectError(thrown(() => engine.evaluate(facts)), 'input')
    assert.equal(error.pointer, pointer)
    assert.ok(error.message.includes(what), error.message)
  }
})

test('data nested without end is a limit error', () => {
  const looped = { apiVersion: 'ztguard.dev/v1', kind: 'Facts' }
  looped.self = looped
  const error = expectError(thrown(() => engine.evaluate(looped)), 'limit')
  assert.ok(error.message.includes('nests more than 256 levels deep'))
})

test('a manifest of the wrong shape is an input error', () => {
  const error = expectError(
    thrown(() => factsFromText('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: 5\n')),
    'input',
  )
  assert.deepEqual([error.file, error.line, error.pointer], ['pod.yaml', 5, '/spec/containers'])
  assert.equal(error.message, 'pod.yaml:5 at `/spec/containers`: expected a list, found `5`')
})

test('Rego that does not parse is a policy error with its position', () => {
  const source = read(CASES, 'error-rego-syntax', 'broken.rego')
  const error = expectError(thrown(() => new Engine({ policies: { 'broken.rego': source } })), 'policy')
  assert.deepEqual([error.file, error.line, error.column], ['broken.rego', 8, 1])
})

test('malformed metadata is a metadata error naming the rule', () => {
  const source = read(CASES, 'error-malformed-metadata', 'badmeta.rego')
  const error = expectError(thrown(() => new Engine({ policies: { 'badmeta.rego': source } })), 'metadata')
  assert.deepEqual([error.file, error.rule], ['badmeta.rego', 'data.ztguard.rules.acme.bad_metadata'])
  assert.ok(error.message.includes('unknown variant `urgent`'))
})

test('data that is not an object is a data error', () => {
  expectError(thrown(() => new Engine({ data: [['not', 'an', 'object']] })), 'data')
  const params = join(mkdtempSync(join(tmpdir(), 'ztguard-')), 'params.yaml')
  writeFileSync(params, '- a list\n')
  const error = expectError(thrown(() => new Engine({ dataFiles: [params] })), 'data')
  assert.equal(error.file, params)
})

test('a policy given as something other than text is an input error', () => {
  const error = expectError(thrown(() => new Engine({ policies: { 'a.rego': 42 } })), 'input')
  assert.equal(error.message, '`policies.a.rego` must be the text of the file, not `42`')
})

test('a malformed finding is an eval error naming the rule', () => {
  const source = read(CASES, 'error-finding-without-message', 'nomsg.rego')
  const strict = new Engine({ policies: { 'nomsg.rego': source }, builtinRules: false })
  const error = expectError(thrown(() => strict.evaluate(factsFromText('pod.yaml', POD))), 'eval')
  assert.deepEqual([error.rule, error.file], ['data.ztguard.rules.acme.no_message.findings', 'nomsg.rego'])
})

test('an evaluation past the time limit is a limit error, thrown or rejected', async () => {
  const slow = new Engine({ policies: { 'slow.rego': SLOW }, builtinRules: false, timeLimitMs: 200 })
  const facts = factsFromText('pod.yaml', POD)
  const message = 'evaluation exceeded the time limit of 200 ms in rule `data.ztguard.rules.acme.slow.findings`'
  const error = expectError(thrown(() => slow.evaluate(facts)), 'limit')
  assert.deepEqual([error.rule, error.message], ['data.ztguard.rules.acme.slow.findings', message])
  const rejected = await slow.evaluateAsync(facts).then(
    () => assert.fail('the promise resolved'),
    (e) => e,
  )
  expectError(rejected, 'limit')
  assert.deepEqual([rejected.rule, rejected.message], [error.rule, error.message])
})

test('bad facts reject the promise with the same error evaluate throws', async () => {
  const facts = { apiVersion: 'ztguard.dev/v1', kind: 'Facts', workloads: [{ host_pid: 'no' }] }
  const sync = thrown(() => engine.evaluate(facts))
  const rejected = await engine.evaluateAsync(facts).then(() => assert.fail('resolved'), (e) => e)
  assert.deepStrictEqual(rejected.record, sync.record)
  const bad = await engine.evaluateAsync({ apiVersion: 'ztguard.dev/v1', x: new Date() }).then(() => assert.fail('resolved'), (e) => e)
  expectError(bad, 'input')
})

test('a malformed waiver is an input error naming the file', () => {
  const error = thrown(() => new Engine({ waivers: { 'waivers.yaml': 'apiVersion: ztguard.dev/v1\nkind: Waivers\nwaivers:\n- rule: ZT-PRV-001\n' } }))
  assert.ok(error instanceof Error)
  assert.equal(error.file, 'waivers.yaml')
  assert.ok(error.message.includes('owner'))
})

test('the schema error of a file names its lines', () => {
  const path = join(TESTDATA, 'facts', 'invalid', 'wrong-type.json')
  const error = expectError(thrown(() => factsFromPaths([path])), 'schema')
  assert.equal(error.file, path)
  assert.ok(error.violations.every((v) => v.line === 1))
})

test('a bad event throws with what is wrong', () => {
  const monitor = new Monitor(engine)
  expectError(thrown(() => monitor.observe({ hello: 'world' })), 'input')
  expectError(thrown(() => monitor.observe('{not json')), 'parse')
  expectError(thrown(() => monitor.observe({ type: 'process_exec', time: '2026-12-01T10:00:00Z' })), 'schema')
  assert.equal(monitor.seen, 0)
})

test('facts from an object that break the schema throw from Facts.fromObject too', () => {
  expectError(thrown(() => Facts.fromObject({ apiVersion: 'ztguard.dev/v1', kind: 'Facts', nope: 1 })), 'schema')
})
