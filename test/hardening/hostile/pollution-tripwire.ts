/**
 * Run by prototype-pollution-tripwire.test.ts under `node --disable-proto=throw`: any code that
 * touches `Object.prototype.__proto__` (a merge, a `obj[key] = value` with key "__proto__")
 * throws there instead of silently re-parenting an object. Prints one JSON line of outcomes.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../../main/core/model/errors'
import { parseManifest } from '../../../main/core/rules/pack-manifest'
import { parseSuppressionsFile } from '../../../main/core/rules/suppressions-file'
import { parseBundleManifest } from '../../../main/core/share/bundle/bundle-manifest'
import { readMispEvent } from '../../../main/core/share/misp/read-misp-event'
import { readStixBundle } from '../../../main/core/share/stix/read-stix-bundle'
import { minimalBundleManifest } from '../../security/hostile/minimal-bundle-manifest'

const root = process.argv[2] ?? '.'
const pack = readFileSync(join(root, 'rules', 'pack.json'), 'utf8')
const VALID_BUNDLE = JSON.stringify(minimalBundleManifest())
const payloads = ['{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"p2":1}}}']
const documents: Record<string, (payload: string) => unknown> = {
  'pack.json': (p) => parseManifest(Buffer.from(pack.replace('{', `{"x":${p},"__proto__":${p},`))),
  'manifest.json': (p) =>
    parseBundleManifest(Buffer.from(`{"redaction":{"replaced":${p}},"__proto__":${p}}`)),
  'manifest.json record (zod skips own __proto__ keys)': (p) =>
    parseBundleManifest(Buffer.from(VALID_BUNDLE.replace('"replaced":{}', `"replaced":${p}`))),
  stix: (p) => readStixBundle(`{"type":"bundle","id":"bundle--x","objects":[${p}]}`),
  misp: (p) => readMispEvent(`{"Event":${p}}`),
  'suppressions.json': (p) =>
    parseSuppressionsFile(Buffer.from(`{"format":"outpost-suppressions/1","suppressions":[${p}]}`)),
}
const outcomes: Record<string, string> = {}
for (const [name, load] of Object.entries(documents)) {
  for (const payload of payloads) {
    try {
      load(payload)
      outcomes[`${name} ${payload}`] = 'accepted'
    } catch (error: unknown) {
      outcomes[`${name} ${payload}`] =
        error instanceof AppError ? 'refused' : `RAW ${String(error)}`
    }
  }
}
const probe = {} as Record<string, unknown>
console.log(
  JSON.stringify({ outcomes, polluted: probe['polluted'] ?? null, p2: probe['p2'] ?? null }),
)
