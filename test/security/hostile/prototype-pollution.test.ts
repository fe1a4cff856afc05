import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openBundle } from '../../../main/core/hashsets/parse-bundle'
import { isAppError } from '../../../main/core/model/errors'
import { parseManifest } from '../../../main/core/rules/pack-manifest'
import { PackStore } from '../../../main/core/rules/pack-store'
import { parseSuppressionsFile } from '../../../main/core/rules/suppressions-file'
import { parseYaraSource } from '../../../main/core/rules/yara-source-parser'
import { parseBundleManifest } from '../../../main/core/share/bundle/bundle-manifest'
import { SigningKeyStore } from '../../../main/core/share/keys/key-store'
import { TrustStore } from '../../../main/core/share/keys/trust-store'
import { buildMispEvent } from '../../../main/core/share/misp/build-misp-event'
import { readMispEvent } from '../../../main/core/share/misp/read-misp-event'
import { buildStixBundle } from '../../../main/core/share/stix/build-stix-bundle'
import { readStixBundle } from '../../../main/core/share/stix/read-stix-bundle'
import { SettingsStore } from '../../../main/services/settings-store'
import { sampleExportModel } from '../../helpers/export-model-fixture'
import { ROOT } from '../../helpers/launcher'
import { workbench } from '../../helpers/shared-case'
import { tempDir } from '../../helpers/temp-dir'
import { expectNoPollution, prototypeSnapshot } from './json-mutations'
import { minimalBundleManifest } from './minimal-bundle-manifest'

/**
 * Security-checks D9: the classic prototype-pollution payloads go into EVERY importer and
 * loader of JSON, each at the top level, in a nested object and in the deepest object of an
 * otherwise valid document. After each: `({}).polluted`, `({}).p2` undefined and no prototype
 * changed; the loader either refuses with an AppError or returns data without those keys.
 * zod 4 records silently drop an own `__proto__` key (pack store `packs`, bundle manifest
 * `redaction.replaced`): accepted, and nothing reaches a prototype.
 * Earlier single-payload tests: settings-store, key-store, trust-store, read-misp-event,
 * read-stix-bundle, suppressions-file, pack-store, load-pack tests (grep "__proto__").
 */

const PAYLOADS: readonly [string, string, unknown][] = [
  ['__proto__', '__proto__', { polluted: 1 }],
  ['constructor.prototype', 'constructor', { prototype: { p2: 1 } }],
  ['nested __proto__', 'x', JSON.parse('{"__proto__":{"polluted":1}}')],
]

/** Every object of a document, the root first: where a payload may be planted. */
function objectsOf(root: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  const stack = [root]
  while (stack.length > 0) {
    const value = stack.shift()
    if (value === null || typeof value !== 'object') continue
    if (!Array.isArray(value)) out.push(value as Record<string, unknown>)
    stack.push(...(Object.values(value) as unknown[]))
  }
  return out
}

/** The valid document's text with `key: value` planted as an own key at `where`. */
function planted(
  validText: string,
  where: 'top' | 'nested' | 'deepest',
  key: string,
  value: unknown,
): string {
  const doc = JSON.parse(validText) as unknown
  const objects = objectsOf(doc)
  const target =
    where === 'top' ? objects[0] : where === 'nested' ? (objects[1] ?? objects[0]) : objects.at(-1)
  Object.defineProperty(target, key, {
    value: JSON.parse(JSON.stringify(value)) as unknown,
    enumerable: true,
    configurable: true,
    writable: true,
  })
  return JSON.stringify(doc)
}

interface Loader {
  /** A valid document for this loader, as text. */
  readonly valid: () => string
  /** Load `text` the way the app does (through files where the app reads files). */
  readonly load: (text: string) => unknown
}

function keyFile(dir: string): string {
  const keys = join(dir, 'keys')
  const name = readdirSync(keys).find((f) => f.endsWith('.key.json')) as string
  return join(keys, name)
}

const LOADERS: Readonly<Record<string, () => Loader>> = {
  'pack manifest (pack.json)': () => ({
    valid: () => readFileSync(join(ROOT, 'rules', 'pack.json'), 'utf8'),
    load: (text) => parseManifest(Buffer.from(text)),
  }),
  'bundle manifest (manifest.json)': () => ({
    valid: () => JSON.stringify(minimalBundleManifest({ path: 1 })),
    load: (text) => parseBundleManifest(Buffer.from(text)),
  }),
  'STIX import': () => ({
    valid: () => JSON.stringify(buildStixBundle(sampleExportModel())),
    load: (text) => readStixBundle(text),
  }),
  'MISP import': () => ({
    valid: () => JSON.stringify(buildMispEvent(sampleExportModel())),
    load: (text) => readMispEvent(text),
  }),
  'hash-set STIX JSON': () => ({
    valid: () => JSON.stringify(buildStixBundle(sampleExportModel())),
    load: (text) => {
      const path = join(tempDir(), 'bundle.json')
      writeFileSync(path, text)
      const source = openBundle(path, 'json')
      const entries: unknown[] = []
      return (async () => {
        for await (const batch of source.batches()) entries.push(...batch)
        return entries
      })()
    },
  }),
  'settings.json': () => {
    const dir = tempDir()
    new SettingsStore(dir).set({ examinerName: 'ana' })
    // Read once: the store sets a damaged file aside, so the file is gone after a refusal.
    const original = readFileSync(join(dir, 'settings.json'), 'utf8')
    return {
      valid: () => original,
      load: (text) => {
        writeFileSync(join(dir, 'settings.json'), text)
        return new SettingsStore(dir).get()
      },
    }
  },
  'suppressions.json': () => ({
    valid: () =>
      JSON.stringify({
        format: 'outpost-suppressions/1',
        suppressions: [{ rule_key: 'id:X', sha256: 'a'.repeat(64), reason: 'fp' }],
      }),
    load: (text) => parseSuppressionsFile(Buffer.from(text)),
  }),
  'trust store (trust.json)': () => {
    const partner = workbench('Partner')
    const dir = tempDir()
    TrustStore.forDataDir(dir).add({
      publicKeyText: partner.signer.publicKeyText,
      org: 'P',
      addedBy: 'ana',
    })
    const original = readFileSync(join(dir, 'trust.json'), 'utf8')
    return {
      valid: () => original,
      load: (text) => {
        writeFileSync(join(dir, 'trust.json'), text)
        return TrustStore.forDataDir(dir).list()
      },
    }
  },
  'key store (<keyId>.key.json)': () => {
    const bench = workbench('Own')
    const original = readFileSync(keyFile(bench.dataDir), 'utf8')
    return {
      valid: () => original,
      load: (text) => {
        writeFileSync(keyFile(bench.dataDir), text)
        return SigningKeyStore.forDataDir(bench.dataDir).list()
      },
    }
  },
  'pack store (store.json)': () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'packs'))
    return {
      valid: () => JSON.stringify({ format: 'outpost-pack-store/1', packs: {} }),
      load: (text) => {
        writeFileSync(join(dir, 'packs', 'store.json'), text)
        return PackStore.forDataDir(dir).list()
      },
    }
  },
}

async function outcomeOf(load: () => unknown): Promise<'accepted' | 'refused'> {
  try {
    const result = await load()
    // Whatever got through carries no prototype key and no payload value.
    expect(JSON.stringify({ result })).not.toMatch(/"(__proto__|prototype)"|"polluted"|"p2"/)
    return 'accepted'
  } catch (error: unknown) {
    if (!isAppError(error)) throw error
    return 'refused'
  }
}

describe('D9 prototype pollution: every JSON importer and loader', () => {
  const snapshot = prototypeSnapshot()

  it.each(Object.keys(LOADERS))('D9 %s: the valid document loads (control)', async (name) => {
    const loader = (LOADERS[name] as () => Loader)()
    expect(await outcomeOf(() => loader.load(loader.valid()))).toBe('accepted')
  })

  it.each(Object.keys(LOADERS))(
    'D9 %s: __proto__ / constructor.prototype payloads at every depth pollute nothing',
    async (name) => {
      const loader = (LOADERS[name] as () => Loader)()
      const outcomes: string[] = []
      for (const [label, key, value] of PAYLOADS) {
        for (const where of ['top', 'nested', 'deepest'] as const) {
          const text = planted(loader.valid(), where, key, value)
          expect(text).toContain(`"${key}"`)
          outcomes.push(`${label}@${where}: ${await outcomeOf(() => loader.load(text))}`)
          expectNoPollution(snapshot)
        }
      }
      // Raw text too, as a hostile file would be written (duplicate keys, payload first).
      const raw = loader.valid().replace('{', '{"__proto__":{"polluted":1},"__proto__":{"p2":1},')
      outcomes.push(`raw: ${await outcomeOf(() => loader.load(raw))}`)
      expectNoPollution(snapshot)
      console.log(`D9 ${name}: ${outcomes.join('; ')}`)
    },
  )

  it('D9 YARA meta: a rule meta key "__proto__" stays a plain key of a null-prototype record', () => {
    const parsed = parseYaraSource(
      'rule R { meta: __proto__ = "x" constructor = 1 condition: true }',
    )
    expect(parsed.rules[0]?.meta.map((m) => m.key)).toEqual(['__proto__', 'constructor'])
    expectNoPollution(snapshot)
  })

  it('D9 control: the checker notices a polluted prototype', () => {
    const probe = Object.prototype as Record<string, unknown>
    probe['polluted'] = 1
    try {
      expect(() => {
        expectNoPollution(snapshot)
      }).toThrow()
    } finally {
      delete probe['polluted']
    }
    expectNoPollution(snapshot)
  })
})
