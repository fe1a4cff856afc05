import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../main/core/model/errors'
import { loadRulePack } from '../../../main/core/rules/load-pack'
import { MAX_MANIFEST_BYTES, parseManifest } from '../../../main/core/rules/pack-manifest'
import { parseSuppressionsFile } from '../../../main/core/rules/suppressions-file'
import {
  MAX_BUNDLE_MANIFEST_BYTES,
  parseBundleManifest,
} from '../../../main/core/share/bundle/bundle-manifest'
import { readMispEvent } from '../../../main/core/share/misp/read-misp-event'
import { readStixBundle } from '../../../main/core/share/stix/read-stix-bundle'
import { SettingsStore } from '../../../main/services/settings-store'
import { ROOT } from '../../helpers/launcher'
import { tempDir } from '../../helpers/temp-dir'
import { minimalBundleManifest } from './minimal-bundle-manifest'

/**
 * Security-checks D10: oversized inputs get a typed error at a cap, or are handled within one,
 * in bounded time. Caps: pack.json 4 MiB, bundle manifest.json 16 MiB, manifest strings
 * (paths 512, rule names 128, meta 2000), JSON depth (STIX/MISP 64, suppressions 4). Zip
 * entry names are at most 64 KiB by format (see zip-hostile.test.ts); the 10,000-rule pack is
 * in test/hardening/hostile/oversized-pack.test.ts (its compile takes ~10 s).
 */
const MIB = 1024 * 1024
const PACK_TEXT = readFileSync(join(ROOT, 'rules', 'pack.json'), 'utf8')
interface PackShape {
  files: { path: string }[]
  rules: { name: string; meta: { description: string } }[]
}

function refusal(run: () => unknown): string {
  const started = Date.now()
  try {
    run()
  } catch (error: unknown) {
    if (!(error instanceof AppError)) throw error
    expect(Date.now() - started).toBeLessThan(10_000)
    return `${error.code}: ${error.message.slice(0, 200)}`
  }
  return 'accepted'
}

const BUNDLE_MANIFEST = minimalBundleManifest()

describe('D10 oversized fields: a typed error at a cap, in bounded time', () => {
  it('D10 a huge pack.json (valid JSON padded past 4 MiB) is refused before parsing', () => {
    const huge = Buffer.from(PACK_TEXT + ' '.repeat(MAX_MANIFEST_BYTES))
    expect(refusal(() => parseManifest(Buffer.from(PACK_TEXT)))).toBe('accepted')
    expect(refusal(() => parseManifest(huge))).toMatch(/^RULES_INVALID: .*the limit is 4194304/)
  })

  it('D10 a huge bundle manifest.json (valid JSON padded past 16 MiB) is refused before parsing', () => {
    // Fixed here: before, any member size (up to 512 MiB) went to JSON.parse.
    const text = JSON.stringify(BUNDLE_MANIFEST)
    const huge = Buffer.from(text + ' '.repeat(MAX_BUNDLE_MANIFEST_BYTES))
    expect(refusal(() => parseBundleManifest(Buffer.from(text)))).toBe('accepted')
    expect(refusal(() => parseBundleManifest(huge))).toMatch(
      /^BUNDLE_INVALID: .*the limit is 16777216/,
    )
  })

  it.each([
    ['a 1 MB file path', (m: PackShape) => (m.files[0]!.path = 'p'.repeat(MIB))],
    ['a 1 MB rule name', (m: PackShape) => (m.rules[0]!.name = 'R'.repeat(MIB))],
    ['a 1 MB meta value', (m: PackShape) => (m.rules[0]!.meta.description = 'd'.repeat(MIB))],
  ])('D10 pack.json with %s is refused by the schema', (_, change) => {
    const manifest = JSON.parse(PACK_TEXT) as PackShape
    change(manifest)
    expect(refusal(() => parseManifest(Buffer.from(JSON.stringify(manifest))))).toMatch(
      /^RULES_INVALID: .*(Too big|too big|at most|YARA identifier)/,
    )
  })

  it('D10 a local rule file with a 1 MiB rule name and a 1 MiB meta value is handled (loaded as is)', async () => {
    // Unsigned local packs are the analyst's own files: no manifest caps apply, the loader
    // reads them in bounded time (known limit, docs/security.md).
    const dir = join(tempDir(), 'long')
    mkdirSync(dir)
    const name = 'R'.repeat(MIB)
    writeFileSync(
      join(dir, 'long.yar'),
      `rule ${name} { meta: description = "${'m'.repeat(MIB)}" strings: $a = "x" condition: $a }\n`,
    )
    const started = Date.now()
    const pack = await loadRulePack(dir, 'local')
    expect(pack.rules.map((r) => r.name.length)).toEqual([MIB])
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  it.each([
    [
      'pack.json',
      (t: string) => parseManifest(Buffer.from(`{"format":"outpost-pack/1","engine":${t}}`)),
    ],
    ['bundle manifest.json', (t: string) => parseBundleManifest(Buffer.from(`{"files":${t}}`))],
    ['STIX import', (t: string) => readStixBundle(`{"type":"bundle","objects":${t}}`)],
    ['MISP import', (t: string) => readMispEvent(`{"Event":{"Attribute":${t}}}`)],
    [
      'suppressions.json',
      (t: string) =>
        parseSuppressionsFile(
          Buffer.from(`{"format":"outpost-suppressions/1","suppressions":${t}}`),
        ),
    ],
    [
      'settings.json',
      (t: string) => {
        const dir = tempDir()
        writeFileSync(join(dir, 'settings.json'), `{"recentCases":${t}}`)
        return new SettingsStore(dir).get()
      },
    ],
  ])(
    'D10 %s nested 100,000 levels deep: no stack overflow; a typed refusal (settings: the defaults)',
    (_, load) => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
      expect(refusal(() => load(deep))).toMatch(/^(accepted$|[A-Z_]+: )/)
    },
  )
})
