// The README's examples run as a newcomer runs them, from CommonJS and from an ES module,
// and the TypeScript example type-checks against the committed index.d.ts.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'

import { REPO } from './helpers.mjs'

const NODE_DIR = join(REPO, 'bindings', 'node')

function run(example) {
  return execFileSync(process.execPath, [join(NODE_DIR, 'examples', example)], { cwd: REPO, encoding: 'utf8' })
}

for (const example of ['quickstart.cjs', 'quickstart.mjs']) {
  test(`${example} prints the findings of the README example`, () => {
    const lines = run(example).trimEnd().split('\n')
    assert.equal(lines.length, 36)
    assert.equal(lines[0], 'critical ZT-PRV-001 DaemonSet shop/node-agent container `agent` runs privileged')
    assert.ok(lines.includes('critical ZT-RUN-001 Deployment shop/storefront shell `/bin/bash` started in container `web` as root'))
  })
}

test('the TypeScript example type-checks against index.d.ts', () => {
  const tsc = join(NODE_DIR, 'node_modules', 'typescript', 'bin', 'tsc')
  execFileSync(process.execPath, [tsc, '-p', join(NODE_DIR, 'tsconfig.json')], { encoding: 'utf8' })
})
