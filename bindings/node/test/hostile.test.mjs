// The hostile-input corpus (testdata/hostile) through Node: every case must end exactly as it
// does through the Rust API (crates/ztguard/tests/hostile.rs), as cases.json records.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'

import { Engine, Inputs, Monitor } from '../index.js'
import { TESTDATA, read } from './helpers.mjs'

const HOSTILE = join(TESTDATA, 'hostile')
const { cases } = JSON.parse(read(HOSTILE, 'cases.json'))

const errorValue = (error) => ({ code: error.code, message: error.message })

function judge(engine, file) {
  const inputs = new Inputs()
  try {
    inputs.addText(file, read(HOSTILE, file), '2026-12-01T11:00:00Z')
  } catch (error) {
    return { error: errorValue(error) }
  }
  let facts = inputs.finish()
  if (facts.time == null) facts = facts.withTime('2026-12-01T12:00:00Z')
  try {
    return { findings: engine.evaluate(facts).summary.total }
  } catch (error) {
    return { error: errorValue(error) }
  }
}

function outcome(c) {
  const file = c.file
  switch (c.kind) {
    case 'input':
      return judge(new Engine(), file)
    case 'policy': {
      let engine
      try {
        engine = new Engine({ builtinRules: false, policies: { [file]: read(HOSTILE, file) }, timeLimitMs: c.time_limit_ms })
      } catch (error) {
        return { error: errorValue(error) }
      }
      return judge(engine, c.input)
    }
    case 'events': {
      const result = new Monitor(new Engine()).observeStream(read(HOSTILE, file), file)
      const errors = result.errors.map((e) => ({ code: e.error.code, message: e.error.message, line: e.line }))
      const rules = [...new Set(result.detections.map((d) => d.rule))].sort()
      return { errors, rules }
    }
    case 'admission': {
      let answer
      try {
        answer = new Engine().admit(read(HOSTILE, file), file)
      } catch (error) {
        return { error: errorValue(error) }
      }
      return { allowed: answer.response.allowed, code: answer.response.status?.code ?? null }
    }
    default:
      throw new Error(`unknown kind ${c.kind}`)
  }
}

test('the corpus is there', () => {
  assert.ok(cases.length >= 15)
})

for (const c of cases) {
  test(`${c.file}: Node ends this hostile input as Rust does`, () => {
    assert.deepStrictEqual(outcome(c), c.expect)
  })
}
