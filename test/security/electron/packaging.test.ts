import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, matchesGlob } from 'node:path'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { listSourceFiles } from '../../main/source-scan'

/**
 * security-checks A7, A8 (§2.4): the electron-builder config that packages the release.
 * Nothing is built here (no Electron binary on CI); these pin the configuration, and
 * scripts/release/check-fuses.mjs checks the built binary on the release machine.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..')
const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8')) as {
  readonly asar: unknown
  readonly asarUnpack: readonly string[]
  readonly files: readonly string[]
  readonly electronFuses: Record<string, boolean>
  readonly publish: unknown
  readonly linux: { readonly target: readonly string[] }
  readonly win: { readonly target: readonly string[] }
  readonly mac: { readonly target: readonly string[] }
}

/** §2.4, in @electron/fuses order. WasmTrapHandlers (8) is left at Electron's default (on). */
const FUSES_2_4 = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
}

const unpacked = (path: string) => config.asarUnpack.some((pattern) => matchesGlob(path, pattern))

describe('electron-builder.json', () => {
  it("validates against electron-builder's own JSON schema", () => {
    const require = createRequire(import.meta.url)
    const schemaPath = require.resolve('app-builder-lib/scheme.json')
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema)
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true)
    // Control: the schema is strict enough to catch a misspelt fuse.
    const typo = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } }
    expect(validate(typo)).toBe(false)
  })

  it('flips the fuses of §2.4 (A7), ASAR integrity and asar-only loading on (A8)', () => {
    const { resetAdHocDarwinSignature, ...fuses } = config.electronFuses
    expect(fuses).toStrictEqual(FUSES_2_4)
    expect(resetAdHocDarwinSignature).toBe(true)
    expect(config.asar).toBe(true)
  })

  it('ships only the build output, never sources or tests, and never publishes', () => {
    for (const pattern of config.files) {
      expect(pattern).toMatch(/^(package\.json|out\/|!)/)
    }
    expect(config.publish).toBeNull()
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.win.target).toEqual(['nsis'])
    expect(config.mac.target).toEqual(['dmg'])
  })

  it('unpacks every program the app starts as a separate process, found in the launch code', () => {
    // A program is launched by name from main/: `join(MAIN_DIR, 'scan-child.js')` for the
    // utilityProcess, `join(here, 'share-worker.js')` for the worker thread. Derive the list
    // from those literals, so a new launched program must be added to asarUnpack too.
    const entries = readdirEntries()
    const launched = new Set<string>()
    for (const file of listSourceFiles(ROOT, 'main')) {
      const source = readFileSync(join(ROOT, file), 'utf8')
      for (const [, name] of source.matchAll(/['"`]([\w-]+)\.js['"`]/g)) {
        if (name !== undefined && name !== 'index' && entries.has(name)) launched.add(`${name}.js`)
      }
    }
    expect([...launched].sort()).toEqual(['scan-child.js', 'share-worker.js'])
    for (const name of launched) expect(unpacked(`out/main/${name}`), name).toBe(true)
    // What they import from the build: shared chunks (when a build is present).
    for (const name of launched) {
      const built = join(ROOT, 'out', 'main', name)
      if (!existsSync(built)) continue
      for (const [, chunk] of readFileSync(built, 'utf8').matchAll(/from "\.\/(chunks\/[^"]+)"/g)) {
        expect(unpacked(`out/main/${chunk}`), chunk).toBe(true)
      }
    }
    expect(unpacked('out/main/index.js')).toBe(false)
    expect(unpacked('out/renderer/index.html')).toBe(false)
  })

  it('unpacks the native addons (a .node file cannot be loaded from inside an asar)', () => {
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true)
    expect(unpacked('node_modules/@litko/yara-x-linux-x64-gnu/yara-x.linux-x64-gnu.node')).toBe(
      true,
    )
    const yaraDir = join(ROOT, 'node_modules', '@litko', 'yara-x-linux-x64-gnu')
    if (existsSync(yaraDir)) {
      for (const file of readdirSync(yaraDir).filter((f) => f.endsWith('.node'))) {
        expect(unpacked(`node_modules/@litko/yara-x-linux-x64-gnu/${file}`), file).toBe(true)
      }
    }
  })
})

/** The main-process build entries named in electron.vite.config.ts (`'scan-child': resolve(…)`). */
function readdirEntries(): Set<string> {
  const viteConfig = readFileSync(join(ROOT, 'electron.vite.config.ts'), 'utf8')
  const main = viteConfig.slice(viteConfig.indexOf('main:'), viteConfig.indexOf('preload:'))
  const names = [...main.matchAll(/['"]?([\w-]+)['"]?: resolve\(/g)].map(([, n]) => n ?? '')
  expect(names).toContain('scan-child')
  return new Set(names)
}
