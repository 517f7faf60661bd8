// evaluate and evaluateAsync share one implementation: they agree, and many async calls on
// one engine run at once on the libuv thread pool without disturbing each other.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { Engine, factsFromPaths, factsFromText } from '../index.js'
import { CASES, QUICKSTART, read } from './helpers.mjs'

const engine = new Engine()
const facts = factsFromPaths([QUICKSTART]).withTime('2026-12-01T12:00:00Z')

test('sync and async give the same report for Facts, objects and JSON text', async () => {
  const expected = engine.evaluate(facts)
  const document = facts.toObject()
  for (const input of [facts, document, JSON.stringify(document)]) {
    assert.deepStrictEqual(await engine.evaluateAsync(input), expected)
    assert.deepStrictEqual(engine.evaluate(input), expected)
  }
})

test('concurrent async evaluations of one engine all get the single report', async () => {
  const expected = engine.evaluate(facts)
  const reports = await Promise.all(Array.from({ length: 24 }, () => engine.evaluateAsync(facts)))
  assert.equal(reports.length, 24)
  for (const report of reports) {
    assert.deepStrictEqual(report, expected)
  }
})

test('the event loop goes on while an async evaluation runs', async () => {
  // The slow rule runs until its 400 ms limit on a worker thread; meanwhile timers fire.
  const slow = new Engine({
    policies: { 'slow.rego': read(CASES, 'error-time-limit', 'slow.rego') },
    builtinRules: false,
    timeLimitMs: 400,
  })
  let ticks = 0
  const timer = setInterval(() => (ticks += 1), 10)
  const error = await slow.evaluateAsync(factsFromText('pod.yaml', read(CASES, 'error-time-limit', 'pod.yaml'))).then(
    () => assert.fail('resolved'),
    (e) => e,
  )
  clearInterval(timer)
  assert.equal(error.code, 'limit')
  assert.ok(ticks >= 10, `only ${ticks} timer ticks during a 400 ms evaluation`)
})

test('an async evaluation keeps its facts even when the caller drops them', async () => {
  const pending = engine.evaluateAsync(factsFromPaths([QUICKSTART]).withTime('2026-12-01T12:00:00Z'))
  globalThis.gc?.()
  assert.equal((await pending).findings.length, 36)
})
