import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { isAppError } from '../../../main/core/model/errors'
import { parseManifest } from '../../../main/core/rules/pack-manifest'
import { parseBundleManifest } from '../../../main/core/share/bundle/bundle-manifest'
import { ROOT } from '../../helpers/launcher'
import { expectNoPollution, jsonMutation, mutateJson, prototypeSnapshot } from './json-mutations'

/**
 * Fuzz of the two manifests a partner controls (security-checks D9–D11): the rule pack's
 * `pack.json` and the bundle's `manifest.json`, mutated at the JSON level (values, deletions,
 * `__proto__` / `constructor` keys, huge strings) and at the byte level. Each parse returns or
 * throws an AppError, in bounded time, and leaves every prototype untouched.
 */
const RUNS = Number(process.env['OUTPOST_FUZZ_RUNS'] ?? 200)
const SEED = Number(process.env['OUTPOST_FUZZ_SEED'] ?? 20261126)
const DEADLINE_MS = 5_000
const tally: Record<string, { accepted: number; refused: number; slowestMs: number }> = {}
const snapshot = prototypeSnapshot()

const PACK = JSON.parse(readFileSync(join(ROOT, 'rules', 'pack.json'), 'utf8')) as unknown
const SHA = 'a'.repeat(64)
const UUID = '123e4567-e89b-42d3-a456-426614174000'
const BUNDLE = {
  format: 'outpost-bundle/1',
  bundle_id: UUID,
  created: '2026-11-26T10:00:00Z',
  tlp: 'amber',
  producer: {
    org: 'Example CERT',
    org_uuid: UUID,
    tool: 'Outpost',
    version: '1.0.0',
    key_id: '0123456789ABCDEF',
    examiner: 'ana',
  },
  case: { uuid: UUID, name: 'Case', case_number: null },
  redaction: { profile: 'none', rules: [], replaced: { path: 2 } },
  counts: {
    evidence: 1,
    rules: 1,
    findings: 1,
    notes: 0,
    withheld_above_tlp: 0,
    withheld_notes_above_tlp: 0,
    filtered_out: 0,
  },
  audit_head: { seq: 1, hash: SHA },
  files: [
    { path: 'report/report.html', sha256: SHA, size: 10, media_type: 'text/html', role: 'report' },
  ],
}

const PARSERS: readonly [string, unknown, (bytes: Buffer) => unknown][] = [
  ['pack.json (parseManifest)', PACK, (b) => parseManifest(b)],
  ['manifest.json (parseBundleManifest)', BUNDLE, (b) => parseBundleManifest(b)],
]

afterAll(() => {
  console.log(`manifest fuzz: seed ${SEED}, ${RUNS} runs per property; ${JSON.stringify(tally)}`)
})

function check(label: string, parse: (bytes: Buffer) => unknown, bytes: Buffer): void {
  const count = (tally[label] ??= { accepted: 0, refused: 0, slowestMs: 0 })
  const started = Date.now()
  try {
    const parsed = parse(bytes)
    count.accepted += 1
    // What the schema lets through is plain data without prototype keys anywhere.
    expect(JSON.stringify(parsed)).not.toMatch(/"(__proto__|constructor|prototype)"/)
  } catch (error: unknown) {
    if (!isAppError(error)) throw error
    count.refused += 1
  }
  const elapsed = Date.now() - started
  count.slowestMs = Math.max(count.slowestMs, elapsed)
  expect(elapsed).toBeLessThan(DEADLINE_MS)
  expectNoPollution(snapshot)
}

describe('manifest fuzz (D9–D11): AppError only, no pollution, bounded time', () => {
  it.each(PARSERS)('%s: both pristine documents parse (control)', (_, document, parse) => {
    expect(() => parse(Buffer.from(JSON.stringify(document)))).not.toThrow()
  })

  it.each(PARSERS)(
    '%s: JSON-level mutations',
    (label, document, parse) => {
      fc.assert(
        fc.property(fc.array(jsonMutation, { minLength: 1, maxLength: 4 }), (mutations) => {
          check(label, parse, Buffer.from(mutateJson(document, mutations)))
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      )
    },
    600_000,
  )

  it.each(PARSERS)(
    '%s: byte-level mutations',
    (label, document, parse) => {
      const text = Buffer.from(JSON.stringify(document))
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 8 }),
          fc.nat(),
          (flips, cut) => {
            const bytes = Buffer.from(text)
            for (const [at, value] of flips) bytes[at % bytes.length] = value
            check(label, parse, bytes.subarray(0, bytes.length - (cut % 3 === 0 ? cut % 40 : 0)))
          },
        ),
        { numRuns: RUNS, seed: SEED + 1, endOnFailure: true },
      )
    },
    600_000,
  )

  it.each(PARSERS)(
    '%s: arbitrary JSON documents',
    (label, _document, parse) => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
          check(label, parse, Buffer.from(JSON.stringify(value)))
        }),
        { numRuns: RUNS, seed: SEED + 2, endOnFailure: true },
      )
    },
    600_000,
  )
})
