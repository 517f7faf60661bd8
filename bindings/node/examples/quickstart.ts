// The README example in TypeScript: type-checked against index.d.ts by the tests.
import { Engine, factsFromPaths, type Finding, type ZtguardError } from 'ztguard'

const engine = new Engine({ timeLimitMs: 2000 })
try {
  const report = engine.evaluate(factsFromPaths(['testdata/examples/quickstart']))
  const critical: Finding[] = report.findings.filter((f) => f.severity === 'critical')
  for (const f of critical) {
    console.log(f.rule, f.resource.name, f.response ?? '-', f.source?.line)
  }
  console.log(report.summary.by_severity.critical, report.expired_waivers.length)
} catch (e) {
  const error = e as ZtguardError
  console.error(error.code, error.file, error.line, error.record.message)
}
