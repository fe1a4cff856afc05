import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listSourceFiles, scanFile, scanSource } from './source-scan'

const ROOT = join(import.meta.dirname, '..', '..')
const MAIN_FILES = listSourceFiles(ROOT, 'main')
const facts = new Map(MAIN_FILES.map((file) => [file, scanFile(ROOT, file)]))

/** Node's network modules: the main process of an offline tool imports none (A10). */
const NETWORK_MODULES = new Set(['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'undici'])
/** The loopback test transport serves the renderer over 127.0.0.1 in dev/e2e: `http` only. */
const NETWORK_ALLOWLIST: Readonly<Record<string, readonly string[]>> = {
  'main/dev/loopback-server.ts': ['http'],
}

function baseModule(specifier: string): string {
  return specifier.replace(/^node:/, '').split('/')[0] ?? specifier
}

function offenders(pick: (file: string) => readonly string[]): Record<string, readonly string[]> {
  const found: Record<string, readonly string[]> = {}
  for (const file of MAIN_FILES) {
    const hits = pick(file)
    if (hits.length > 0) found[file] = hits
  }
  return found
}

const of = (file: string) => facts.get(file)!

describe('the scanner itself', () => {
  it('sees what it is meant to see, and not comments', () => {
    const bad = scanSource(
      'bad.ts',
      [
        "import { shell, net } from 'electron'",
        "import * as h from 'node:https'",
        "import type { Socket } from 'node:net'",
        "const dns = require('dns')",
        '// shell.openExternal(url) in a comment is fine',
        'shell.openExternal(url); shell["openPath"](p); const { openItem } = shell',
        "win.loadFile('index.html'); win.loadURL('file:///x'); win.loadURL(`FILE://${p}`)",
        "ipcMain.handle('x', f); electron.ipcMain.on('y', g); fetch('http://x'); net.request('u')",
        'new BrowserWindow({ webPreferences: { sandbox: false, nodeIntegration: true, enableBlinkFeatures: "x" } })',
      ].join('\n'),
    )
    expect(bad.modules).toEqual(['electron', 'node:https', 'dns'])
    expect(bad.namedImports).toContain('electron#net')
    expect(bad.forbiddenMembers.sort()).toEqual([
      'loadFile',
      'openExternal',
      'openItem',
      'openPath',
    ])
    expect(bad.fileUrls).toEqual(['file:///x', 'FILE://'])
    expect(bad.ipcMainCalls).toEqual(['handle', 'on'])
    expect(bad.networkCalls).toEqual(['fetch', 'net.request'])
    expect(bad.weakSettings).toEqual([
      'sandbox: false',
      'nodeIntegration: true',
      'enableBlinkFeatures set',
    ])
  })

  it('finds the main sources', () => {
    expect(MAIN_FILES).toContain('main/index.ts')
    expect(MAIN_FILES).toContain('main/ipc/register.ts')
    expect(MAIN_FILES).toContain('main/preload/index.ts')
  })
})

describe('static security checks over main/', () => {
  it('never opens anything with the OS (A12): no openExternal, openPath, openItem', () => {
    expect(offenders((f) => of(f).forbiddenMembers.filter((m) => m.startsWith('open')))).toEqual({})
  })

  it('never loads file:// (A6): no loadFile, no file: URL literals', () => {
    expect(offenders((f) => of(f).forbiddenMembers.filter((m) => m === 'loadFile'))).toEqual({})
    expect(offenders((f) => of(f).fileUrls)).toEqual({})
  })

  it('registers no protocol client (no deep links)', () => {
    expect(
      offenders((f) => of(f).forbiddenMembers.filter((m) => m === 'setAsDefaultProtocolClient')),
    ).toEqual({})
  })

  it('imports no network module (A10), except http in the loopback dev server', () => {
    expect(
      offenders((f) =>
        of(f)
          .modules.map(baseModule)
          .filter((m) => NETWORK_MODULES.has(m) && !(NETWORK_ALLOWLIST[f] ?? []).includes(m)),
      ),
    ).toEqual({})
  })

  it("uses neither Electron's net module nor fetch outside main/dev", () => {
    expect(offenders((f) => of(f).namedImports.filter((n) => n === 'electron#net'))).toEqual({})
    expect(offenders((f) => (f.startsWith('main/dev/') ? [] : of(f).networkCalls))).toEqual({})
  })

  it('weakens no renderer setting anywhere', () => {
    expect(offenders((f) => of(f).weakSettings)).toEqual({})
  })

  it('keeps Electron out of main/core (it must run under plain Node)', () => {
    expect(
      offenders((f) =>
        f.startsWith('main/core/')
          ? of(f).modules.filter((m) => m === 'electron' || m.startsWith('electron/'))
          : [],
      ),
    ).toEqual({})
  })
})

describe('IPC registration goes through the one wrapper (A4)', () => {
  it('calls ipcMain.handle in main/ipc/register.ts only, exactly once (in its loop)', () => {
    expect(offenders((f) => of(f).ipcMainCalls.filter((m) => m === 'handle'))).toEqual({
      'main/ipc/register.ts': ['handle'],
    })
  })

  it('never listens with ipcMain.on/once/handleOnce/addListener', () => {
    expect(
      offenders((f) => of(f).ipcMainCalls.filter((m) => m !== 'handle' && m !== 'removeHandler')),
    ).toEqual({})
  })
})

describe('the preload (A5)', () => {
  it('imports only electron and ../ipc/channels', () => {
    const preloadFiles = MAIN_FILES.filter((f) => f.startsWith('main/preload/'))
    for (const file of preloadFiles) {
      expect(
        of(file).modules.every((m) => m === 'electron' || m === '../ipc/channels'),
        file,
      ).toBe(true)
    }
    expect(preloadFiles).toContain('main/preload/index.ts')
  })
})
