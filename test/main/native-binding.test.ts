import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { electronNativeBindingPath, resolveNativeBinding } from '../../main/native-binding'

describe('resolveNativeBinding', () => {
  const appRoot = '/proj'
  const built = join('/proj', '.native', 'electron-45.5.0', 'better_sqlite3.node')

  it('names .native/electron-<version>/better_sqlite3.node', () => {
    expect(electronNativeBindingPath(appRoot, '45.5.0')).toBe(built)
  })

  it('uses the side build in unpackaged Electron', () => {
    const context = {
      isPackaged: false,
      appRoot,
      electronVersion: '45.5.0',
      fileExists: () => true,
    }
    expect(resolveNativeBinding(context)).toBe(built)
  })

  it('leaves the default module to a packaged app and to plain Node', () => {
    expect(
      resolveNativeBinding({
        isPackaged: true,
        appRoot,
        electronVersion: '45.5.0',
        fileExists: () => false,
      }),
    ).toBeUndefined()
    expect(
      resolveNativeBinding({ isPackaged: false, appRoot, electronVersion: undefined }),
    ).toBeUndefined()
  })

  it('says how to build the side build when it is missing', () => {
    expect(() =>
      resolveNativeBinding({
        isPackaged: false,
        appRoot,
        electronVersion: '45.5.0',
        fileExists: () => false,
      }),
    ).toThrow(/ensure-electron-native\.mjs/)
  })
})

const SCRIPT = join(import.meta.dirname, '../../scripts/ensure-electron-native.mjs')

const FAKE_GYP_OK = `
const fs = require('node:fs')
const path = require('node:path')
const root = process.env.FAKE_ROOT
fs.appendFileSync(path.join(root, 'gyp-calls.txt'), JSON.stringify(process.argv.slice(2)) + '\\n')
if (fs.existsSync('build')) { console.error('the Node build leaked into the copy'); process.exit(3) }
fs.mkdirSync('build/Release', { recursive: true })
fs.writeFileSync('build/Release/better_sqlite3.node', 'electron build')
`

const FAKE_GYP_OFFLINE = `
console.log('gyp http GET https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz')
console.error('gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and')
console.error('gyp ERR! stack is related to network connectivity. In most cases you are behind a proxy or have bad')
process.exit(1)
`

describe('scripts/ensure-electron-native.mjs', () => {
  let root: string | undefined

  afterEach(() => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true })
    root = undefined
  })

  function project(gypSource: string): string {
    root = mkdtempSync(join(tmpdir(), 'outpost-native-'))
    const modules = join(root, 'node_modules')
    mkdirSync(join(modules, 'electron'), { recursive: true })
    mkdirSync(join(modules, 'better-sqlite3', 'src'), { recursive: true })
    mkdirSync(join(modules, 'better-sqlite3', 'build', 'Release'), { recursive: true })
    writeFileSync(join(modules, 'electron', 'package.json'), '{"version":"45.5.0"}')
    writeFileSync(join(modules, 'better-sqlite3', 'package.json'), '{"version":"12.11.1"}')
    writeFileSync(join(modules, 'better-sqlite3', 'binding.gyp'), '{}')
    writeFileSync(join(modules, 'better-sqlite3', 'src', 'x.cpp'), '')
    writeFileSync(
      join(modules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
      'node build',
    )
    writeFileSync(join(root, 'fake-gyp.cjs'), gypSource)
    return root
  }

  function runScript(projectRoot: string) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      OUTPOST_NATIVE_ROOT: projectRoot,
      OUTPOST_NODE_GYP: join(projectRoot, 'fake-gyp.cjs'),
      FAKE_ROOT: projectRoot,
    }
    delete env['OUTPOST_ELECTRON_HEADERS']
    const result = spawnSync(process.execPath, [SCRIPT], { env, encoding: 'utf8', timeout: 60_000 })
    return { code: result.status, out: `${result.stdout}${result.stderr}` }
  }

  const target = (projectRoot: string) => join(projectRoot, '.native', 'electron-45.5.0')

  it('builds once against Electron headers from a clean copy, then reports up to date', () => {
    const dir = project(FAKE_GYP_OK)
    const first = runScript(dir)
    const second = runScript(dir)
    expect(first.code, first.out).toBe(0)
    expect(readFileSync(join(target(dir), 'better_sqlite3.node'), 'utf8')).toBe('electron build')
    expect(JSON.parse(readFileSync(join(target(dir), 'build-info.json'), 'utf8'))).toMatchObject({
      electron: '45.5.0',
      betterSqlite3: '12.11.1',
    })
    const calls = readFileSync(join(dir, 'gyp-calls.txt'), 'utf8').trim().split('\n')
    expect(calls).toHaveLength(1)
    expect(JSON.parse(calls[0]!)).toEqual([
      'rebuild',
      '--release',
      '--runtime=electron',
      '--target=45.5.0',
      '--dist-url=https://electronjs.org/headers',
    ])
    expect(second.code).toBe(0)
    expect(second.out).toMatch(/up to date/)
    expect(
      readFileSync(
        join(dir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'),
        'utf8',
      ),
    ).toBe('node build')
  })

  it('fails clearly offline: says why and what to do, and writes nothing', () => {
    const dir = project(FAKE_GYP_OFFLINE)
    const result = runScript(dir)
    expect(result.code).toBe(1)
    expect(result.out).toMatch(
      /FAILED: better-sqlite3 12\.11\.1 could not be built for Electron 45\.5\.0/,
    )
    expect(result.out).toMatch(/no network access/)
    expect(result.out).toMatch(/OUTPOST_ELECTRON_HEADERS=/)
    expect(result.out).toMatch(/copy its \.native\/electron-45\.5\.0\//)
    expect(existsSync(join(target(dir), 'better_sqlite3.node'))).toBe(false)
  })

  it('fails clearly when Electron is not installed', () => {
    const dir = project(FAKE_GYP_OK)
    rmSync(join(dir, 'node_modules', 'electron'), { recursive: true })
    const result = runScript(dir)
    expect(result.code).toBe(1)
    expect(result.out).toMatch(/electron is not installed/)
  })
})
