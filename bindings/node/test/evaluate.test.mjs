// Evaluating facts from Node: every form facts come in, the report, the catalogue,
// parameters, waivers and user policies.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { Engine, Facts, Inputs, REPORT_API_VERSION, factsFromPaths, factsFromText } from '../index.js'
import { PRIVILEGED_POD, QUICKSTART, TESTDATA, label, read, thrown } from './helpers.mjs'

const engine = new Engine()
const FACTS = {
  apiVersion: 'ztguard.dev/v1',
  kind: 'Facts',
  workloads: [
    {
      kind: 'Pod',
      namespace: 'shop',
      name: 'web',
      host_pid: true,
      containers: [{ name: 'app', image: 'nginx:1.27' }],
    },
  ],
}
const rules = (report) => new Set(report.findings.map((f) => f.rule))

test('the README example has findings in every pillar', () => {
  const report = engine.evaluate(factsFromPaths([QUICKSTART]))
  assert.equal(report.allowed, false)
  assert.equal(report.summary.total, 36)
  assert.equal(report.findings.length, 36)
  assert.deepEqual(new Set(report.findings.map((f) => f.pillar)), new Set(['image', 'privilege', 'segmentation', 'runtime']))
  const shell = report.findings.find((f) => f.rule === 'ZT-RUN-001')
  assert.deepEqual([shell.severity, shell.response], ['critical', 'kill'])
  assert.equal(label(shell.resource), 'Deployment shop/storefront [web]')
  assert.ok(shell.source.file.endsWith('runtime.json'))
  assert.deepEqual(report.skipped.map((s) => s.kind), ['ConfigMap'])
})

test('facts come as Facts, an object or JSON text alike', () => {
  const fromFacts = engine.evaluate(Facts.fromObject(FACTS))
  const fromObject = engine.evaluate(FACTS)
  const fromText = engine.evaluate(JSON.stringify(FACTS))
  assert.deepStrictEqual(fromObject, fromFacts)
  assert.deepStrictEqual(fromText, fromFacts)
  assert.ok(rules(fromObject).has('ZT-PRV-003'))
})

test('manifest text reads as the command reads it', () => {
  const report = engine.evaluate(factsFromText('pod.yaml', PRIVILEGED_POD))
  const privileged = report.findings.find((f) => f.rule === 'ZT-PRV-001')
  assert.deepStrictEqual(privileged.resource, {
    kind: 'Pod',
    namespace: 'shop',
    name: 'web',
    container: 'app',
    image: 'docker.io/library/nginx:latest',
  })
  assert.deepStrictEqual(privileged.source, { file: 'pod.yaml', line: 7 })
  assert.equal(privileged.evidence.value, true)
  assert.deepEqual(privileged.controls['pod-security-standards'], ['baseline:privileged'])
})

test('inputs gather several files into one facts document', () => {
  const inputs = new Inputs()
  inputs.addText('pod.yaml', PRIVILEGED_POD)
  inputs.addPaths([join(QUICKSTART, 'runtime.json')])
  const facts = inputs.finish()
  const document = facts.toObject()
  assert.deepEqual(document.workloads.map((w) => w.name), ['web'])
  assert.equal(document.runtime.events.length, 2)
  assert.deepStrictEqual(JSON.parse(facts.toJson()), document)
  assert.deepEqual(inputs.finish().toObject().workloads, [])
})

test('the report is the documented JSON, key for key', () => {
  const report = engine.evaluate(factsFromText('pod.yaml', PRIVILEGED_POD))
  assert.equal(report.apiVersion, REPORT_API_VERSION)
  const keys = Object.keys(JSON.parse(JSON.stringify(report)))
  assert.deepEqual(keys, ['apiVersion', 'allowed', 'summary', 'findings', 'waived', 'expired_waivers', 'skipped'])
  assert.deepEqual(Object.keys(report.summary.by_severity), ['critical', 'high', 'medium', 'low'])
})

test('the catalogue lists every rule with its metadata', () => {
  const byId = new Map(engine.rules().map((r) => [r.metadata.id, r]))
  assert.equal(byId.size, 64)
  const shell = byId.get('ZT-RUN-001')
  assert.deepEqual([shell.metadata.pillar, shell.metadata.severity, shell.metadata.response], ['runtime', 'high', 'alert'])
  assert.ok('root_response' in shell.metadata.params)
  assert.deepEqual(shell.metadata.events, ['process_exec'])
  assert.equal(shell.file, 'policies/rules/runtime/shell_in_container.rego')
  assert.equal(shell.package, 'data.ztguard.rules.runtime.shell_in_container')
})

test('parameters change what rules find', () => {
  const facts = factsFromText('pod.yaml', PRIVILEGED_POD)
  assert.ok(rules(engine.evaluate(facts)).has('ZT-IMG-001'))
  const warned = new Engine({ data: { ztguard: { params: { 'ZT-IMG-001': { action: 'warn' } } } } })
  assert.equal(warned.evaluate(facts).findings.find((f) => f.rule === 'ZT-IMG-001').action, 'warn')
})

test('user policies join the built-ins or stand alone', () => {
  const facts = factsFromText('pod.yaml', PRIVILEGED_POD)
  const acme = join(TESTDATA, 'policies', 'acme')
  const ids = new Set(new Engine({ policyDirs: [acme] }).rules().map((r) => r.metadata.id))
  assert.ok(ids.has('ACME-LBL-001') && ids.has('ZT-PRV-001'))
  const alone = new Engine({
    policyDirs: [acme],
    builtinRules: false,
    data: { ztguard: { params: { 'ACME-LBL-001': { label: 'team' } } } },
  })
  assert.deepEqual(alone.rules().map((r) => r.metadata.id), ['ACME-LBL-001'])
  assert.deepEqual(rules(alone.evaluate(facts)), new Set(['ACME-LBL-001']))
})

test('waivers move findings aside until they expire', () => {
  const waivers = {
    'waivers.yaml': `
apiVersion: ztguard.dev/v1
kind: Waivers
waivers:
- rule: ZT-PRV-001
  resource: {namespace: shop, name: web}
  owner: platform-team
  reason: the debugger needs it until the migration
  expires: 2099-01-01
`,
  }
  const facts = factsFromText('pod.yaml', PRIVILEGED_POD).withTime('2026-12-01T12:00:00Z')
  const waived = new Engine({ waivers })
  const report = waived.evaluate(facts)
  assert.ok(!rules(report).has('ZT-PRV-001'))
  assert.deepEqual(report.waived.map((w) => [w.finding.rule, w.waiver.owner]), [['ZT-PRV-001', 'platform-team']])
  const later = waived.evaluate(facts.withTime('2099-01-02T00:00:00Z'))
  assert.ok(rules(later).has('ZT-PRV-001'))
  assert.deepEqual(later.expired_waivers.map((w) => w.rule), ['ZT-PRV-001'])
})

test('the time limit is configurable', () => {
  assert.equal(engine.timeLimitMs, 5000)
  assert.equal(new Engine({ timeLimitMs: 250 }).timeLimitMs, 250)
})

test('undefined properties are left out, as JSON.stringify leaves them', () => {
  const withUndefined = { ...FACTS, time: undefined }
  assert.deepStrictEqual(engine.evaluate(withUndefined), engine.evaluate(FACTS))
})

test('render takes a report and a format, and refuses what it cannot render', () => {
  const engine = new Engine()
  const report = engine.evaluate(factsFromText('pod.yaml', PRIVILEGED_POD))
  const sarif = JSON.parse(engine.render(report, 'sarif'))
  assert.equal(sarif.version, '2.1.0')
  assert.equal(sarif.runs[0].results.length, report.summary.total)
  assert.ok(engine.render(report, 'junit').startsWith('<?xml'))
  const table = engine.render(report)
  assert.ok(table.includes('ZT-PRV-001') && !table.includes('\x1b['))
  assert.ok(engine.render(report, 'table', true).includes('\x1b[1;31mcritical'))
  const unknown = thrown(() => engine.render(report, 'xml'))
  assert.equal(unknown.code, 'input')
  assert.equal(unknown.message, 'unknown format `xml`, expected table, json, sarif, junit or github')
  const notReport = thrown(() => engine.render({ findings: [] }, 'json'))
  assert.equal(notReport.code, 'input')
  assert.match(notReport.message, /^not a ztguard report: missing field `apiVersion`/)
})

test('stages keep their rules', () => {
  const runtime = new Engine({ stages: ['runtime'] })
  assert.ok(runtime.rules().length > 0)
  assert.ok(runtime.rules().every((r) => r.metadata.stages.includes('runtime')))
  assert.ok(runtime.rules().length < new Engine().rules().length)
  const error = thrown(() => new Engine({ stages: ['deploy'] }))
  assert.equal(error.code, 'input')
  assert.match(error.message, /unknown variant `deploy`/)
})

test('admission reviews are answered, from an object or JSON text', () => {
  const engine = new Engine()
  const text = read(TESTDATA, 'admission', 'privileged-pod.json')
  const review = JSON.parse(text)
  const answer = engine.admit(review)
  assert.equal(answer.kind, 'AdmissionReview')
  assert.equal(answer.response.uid, review.request.uid)
  assert.equal(answer.response.allowed, false)
  assert.equal(answer.response.status.code, 403)
  assert.deepStrictEqual(engine.admit(text), answer)
  const error = thrown(() => engine.admit({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: {} }))
  assert.equal(error.code, 'input')
  assert.match(error.message, /no `request.uid`/)
})

test('a request with a broken object is answered with 400', () => {
  const answer = new Engine().admit(read(TESTDATA, 'admission', 'malformed-object.json'))
  assert.equal(answer.response.uid, '0d5b2c8e-71f4-4a36-b9e2-5c1a7f3d9e04')
  assert.equal(answer.response.allowed, false)
  assert.equal(answer.response.status.code, 400)
  assert.match(answer.response.status.message, /`\/request\/object\/spec\/containers`/)
})
