// Prints the findings of the README example, from an ES module, evaluating off the main
// thread.
import { Engine, factsFromPaths } from 'ztguard'

const engine = new Engine()
const report = await engine.evaluateAsync(factsFromPaths([process.argv[2] ?? 'testdata/examples/quickstart']))
for (const f of report.findings) {
  console.log(f.severity, f.rule, `${f.resource.kind} ${f.resource.namespace}/${f.resource.name}`, f.message)
}
