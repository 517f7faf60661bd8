// Runtime events from Node: one at a time, in batches and as a stream, in every format.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { Engine, Monitor, factsFromPaths } from '../index.js'
import { EVENTS, read } from './helpers.mjs'

const engine = new Engine()
const shell = (uid) => ({
  type: 'process_exec',
  time: '2026-12-01T10:00:00Z',
  workload: { kind: 'Deployment', namespace: 'shop', name: 'web' },
  pod: 'web-6d8f7c9b5-x2k4p',
  container: 'app',
  process: { binary: '/bin/bash', args: [], uid, tty: true },
})
const shells = (detections) => detections.filter((d) => d.rule === 'ZT-RUN-001').map((d) => [d.severity, d.response])

test('a root shell is critical and asks for a kill', () => {
  const monitor = new Monitor(engine)
  assert.equal(monitor.compiled, true)
  const detections = monitor.observe(shell(0))
  assert.deepEqual(shells(detections), [['critical', 'kill']])
  assert.equal(detections[0].event.process.uid, 0)
  assert.ok(detections[0].evidence.pointer.startsWith('/runtime/events/0/'))
  assert.equal(detections[0].waiver, undefined)
})

test('the root shell response is configurable', () => {
  const alerting = new Engine({ data: { ztguard: { params: { 'ZT-RUN-001': { root_response: 'alert' } } } } })
  assert.deepEqual(shells(new Monitor(alerting).observe(shell(0))), [['critical', 'alert']])
})

test('a shell that is not root is high', () => {
  assert.deepEqual(shells(new Monitor(engine).observe(shell(1000))), [['high', 'alert']])
})

test('events come as objects or lines in any format', () => {
  const monitor = new Monitor(engine)
  assert.deepEqual(shells(monitor.observe(JSON.stringify(shell(0)))), [['critical', 'kill']])
  const tetragon = read(EVENTS, 'tetragon.jsonl').split('\n').find((line) => line.includes('/bin/bash'))
  assert.ok(monitor.observe(JSON.parse(tetragon)).length > 0)
  assert.equal(monitor.seen, 2)
})

test('a batch gives what events one at a time give', () => {
  const events = [shell(0), shell(1000), { ...shell(0), process: { binary: '/usr/sbin/nginx', uid: 0 } }]
  const single = new Monitor(engine)
  const singles = events.flatMap((e) => single.observe(e))
  const batched = new Monitor(engine).observeBatch(events)
  assert.ok(batched.length >= 2)
  assert.deepStrictEqual(batched, singles)
})

test('a stream goes on past bad lines and names each', () => {
  const lines = [JSON.stringify(shell(0)), 'this is not JSON', '{"kind": "Mystery"}', JSON.stringify(shell(1000)), '']
  const result = new Monitor(engine).observeStream(lines.join('\n'), 'events.jsonl')
  assert.equal(result.events, 2)
  assert.deepEqual(shells(result.detections), [['critical', 'kill'], ['high', 'alert']])
  assert.deepEqual(result.errors.map((e) => [e.line, e.error.code]), [[2, 'parse'], [3, 'input']])
  assert.ok(result.errors.every((e) => e.error.location.file === 'events.jsonl'))
})

test('the sample streams join their workloads', () => {
  const monitor = new Monitor(engine, factsFromPaths([`${EVENTS}/workloads.yaml`]))
  const tetragon = monitor.observeStream(read(EVENTS, 'tetragon.jsonl'), 'tetragon.jsonl')
  const audit = monitor.observeStream(read(EVENTS, 'audit.jsonl'), 'audit.jsonl')
  assert.deepEqual([tetragon.errors, audit.errors], [[], []])
  assert.ok(shells(tetragon.detections).some(([s, r]) => s === 'critical' && r === 'kill'))
  const apiRules = new Set(audit.detections.map((d) => d.rule))
  assert.ok(apiRules.has('ZT-RUN-011') && apiRules.has('ZT-RUN-012'))
  assert.ok(audit.ignored > 0)
  assert.ok(tetragon.detections.some((d) => d.event.declared))
})
