// Prints the findings of the README example, from CommonJS.
const { Engine, factsFromPaths } = require('ztguard')

const engine = new Engine()
const report = engine.evaluate(factsFromPaths([process.argv[2] ?? 'testdata/examples/quickstart']))
for (const f of report.findings) {
  console.log(f.severity, f.rule, `${f.resource.kind} ${f.resource.namespace}/${f.resource.name}`, f.message)
}
