// Paths and small helpers the tests share.
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
export const TESTDATA = join(REPO, 'testdata')
export const CASES = join(TESTDATA, 'cases')
export const QUICKSTART = join(TESTDATA, 'examples', 'quickstart')
export const EVENTS = join(TESTDATA, 'events')

export const read = (...parts) => readFileSync(join(...parts), 'utf8')

export const PRIVILEGED_POD = `
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:latest
    securityContext: {privileged: true}
`

/** Calls `f` and returns what it threw; fails when it throws nothing. */
export function thrown(f) {
  try {
    f()
  } catch (error) {
    return error
  }
  throw new Error('expected an error, got none')
}

/** A resource as the table prints it. */
export function label(resource) {
  const name = resource.namespace ? `${resource.namespace}/${resource.name}` : resource.name
  const base = `${resource.kind} ${name}`
  return resource.container ? `${base} [${resource.container}]` : base
}
