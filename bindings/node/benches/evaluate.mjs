// Times evaluate and evaluateAsync on the README example from Node: latency of one call,
// and throughput of sync calls on the main thread and of async calls kept in flight on the
// libuv thread pool, one per core. Compare with the Rust harness
// (`cargo bench -p ztguard --bench engine`), which times the same evaluation without Node.
//
// Run against a release build:  npm run build && npm run bench   (in bindings/node)
import { availableParallelism } from 'node:os'
import { performance } from 'node:perf_hooks'

import { DEBUG_BUILD, Engine, factsFromPaths } from '../index.js'
import { QUICKSTART } from '../test/helpers.mjs'

const SAMPLES = 300
const WINDOW_MS = 3000

if (DEBUG_BUILD) {
  console.error('this ztguard addon is a debug build; run `npm run build` to benchmark')
  process.exit(2)
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const p90 = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]

async function latency(call) {
  for (let i = 0; i < 20; i += 1) await call()
  const times = []
  for (let i = 0; i < SAMPLES; i += 1) {
    const start = performance.now()
    await call()
    times.push(performance.now() - start)
  }
  return `median ${median(times).toFixed(2)} ms, p90 ${p90(times).toFixed(2)} ms`
}

function syncThroughput(call) {
  const start = performance.now()
  let count = 0
  while (performance.now() - start < WINDOW_MS) {
    call()
    count += 1
  }
  return (count * 1000) / (performance.now() - start)
}

async function asyncThroughput(call, inFlight) {
  const start = performance.now()
  let count = 0
  const worker = async () => {
    while (performance.now() - start < WINDOW_MS) {
      await call()
      count += 1
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  return (count * 1000) / (performance.now() - start)
}

const engine = new Engine()
const facts = factsFromPaths([QUICKSTART])
const object = facts.toObject()
const text = JSON.stringify(object)
const report = engine.evaluate(facts)
console.log(`README example: ${report.findings.length} findings, ${engine.rules().length} rules, Node ${process.version}`)
console.log(`evaluate(Facts): ${await latency(() => engine.evaluate(facts))}`)
console.log(`evaluate(object): ${await latency(() => engine.evaluate(object))}`)
console.log(`evaluate(JSON text): ${await latency(() => engine.evaluate(text))}`)
console.log(`evaluateAsync(Facts): ${await latency(() => engine.evaluateAsync(facts))}`)
const cores = availableParallelism()
const single = syncThroughput(() => engine.evaluate(facts))
console.log(`throughput, evaluate on the main thread: ${single.toFixed(0)} evaluations/s`)
const one = await asyncThroughput(() => engine.evaluateAsync(facts), 1)
console.log(`throughput, evaluateAsync, 1 in flight: ${one.toFixed(0)} evaluations/s`)
const many = await asyncThroughput(() => engine.evaluateAsync(facts), cores)
console.log(`throughput, evaluateAsync, ${cores} in flight: ${many.toFixed(0)} evaluations/s (${(many / one).toFixed(2)}x)`)
