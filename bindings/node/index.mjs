// The ES module entry point: the same addon as `require('ztguard')`.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const binding = require('./index.js')

export const {
  DEBUG_BUILD,
  Engine,
  Facts,
  Inputs,
  Monitor,
  REPORT_API_VERSION,
  VERSION,
  factsFromPaths,
  factsFromText,
} = binding
export default binding
