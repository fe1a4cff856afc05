import { beforeAll, describe, expect, it, vi } from 'vitest'
import { createWindowRegistry } from '../../main/security/window-registry'
import type { FakeBrowserWindow, FakeElectron } from './fake-electron'
import { fakeElectron } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron())

let electron: FakeElectron
let windowModule: typeof import('../../main/window')

beforeAll(async () => {
  electron = fakeElectron(await import('electron'))
  windowModule = await import('../../main/window')
})

/** security-checks §2.1, row by row. */
function expectedWebPreferences(preload: string, isPackaged: boolean) {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    disableBlinkFeatures: 'Auxclick',
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !isPackaged,
    safeDialogs: true,
    preload,
    partition: 'triage',
  }
}

describe('mainWindowOptions (security-checks A1, §2.1)', () => {
  it.each([true, false])(
    'webPreferences equal the §2.1 table exactly (packaged: %s)',
    (packaged) => {
      const options = windowModule.mainWindowOptions('/app/out/preload/index.cjs', packaged)
      expect(options.webPreferences).toStrictEqual(
        expectedWebPreferences('/app/out/preload/index.cjs', packaged),
      )
    },
  )

  it('never sets enableBlinkFeatures or additionalArguments, and uses no persistent partition', () => {
    const prefs = windowModule.mainWindowOptions('/p.cjs', true).webPreferences ?? {}
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs).not.toHaveProperty('additionalArguments')
    expect(prefs.partition?.startsWith('persist:')).toBe(false)
  })

  it('starts hidden (shown on ready-to-show)', () => {
    expect(windowModule.mainWindowOptions('/p.cjs', true).show).toBe(false)
  })
})

describe('mainWindowUrl', () => {
  it.each<[boolean, string | undefined, string]>([
    [true, undefined, 'app://bundle/index.html'],
    [true, 'http://localhost:5173', 'app://bundle/index.html'],
    [false, undefined, 'app://bundle/index.html'],
    [false, 'http://localhost:5173', 'http://localhost:5173'],
    [false, 'http://10.0.0.5:5173', 'app://bundle/index.html'],
    [false, 'file:///tmp/index.html', 'app://bundle/index.html'],
    [false, 'https://example.com/', 'app://bundle/index.html'],
  ])('packaged %s, dev URL %s → %s', (packaged, devUrl, expected) => {
    expect(windowModule.mainWindowUrl(packaged, devUrl)).toBe(expected)
  })
})

describe('createMainWindow', () => {
  it('creates the window with the pinned options, trusts its webContents and loads app://', () => {
    const registry = createWindowRegistry()
    const win = windowModule.createMainWindow({
      preloadPath: '/app/out/preload/index.cjs',
      isPackaged: true,
      devServerUrl: 'http://localhost:5173',
      registry,
    }) as unknown as FakeBrowserWindow
    expect(win.options).toEqual(windowModule.mainWindowOptions('/app/out/preload/index.cjs', true))
    expect(registry.has(win.webContents.id)).toBe(true)
    expect(win.loadedUrls).toEqual(['app://bundle/index.html'])
    expect(win.show).not.toHaveBeenCalled()
    win.emit('ready-to-show')
    expect(win.show).toHaveBeenCalledOnce()
  })
})

describe('the application menu', () => {
  type Item = { role?: string; label?: string; submenu?: Item[] }
  const roles = (items: Item[]): string[] =>
    items.flatMap((i) => [i.role ?? i.label ?? '', ...roles(i.submenu ?? [])])

  it('has no Help menu (Electron’s default one opens electronjs.org)', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const all = roles(windowModule.appMenuTemplate(platform, true) as Item[])
      expect(all).not.toContain('help')
      expect(all.map((r) => r.toLowerCase())).not.toContain('help')
    }
  })

  it('offers reload and DevTools only when not packaged', () => {
    expect(roles(windowModule.appMenuTemplate('linux', true) as Item[])).not.toContain(
      'toggleDevTools',
    )
    expect(roles(windowModule.appMenuTemplate('linux', true) as Item[])).not.toContain('reload')
    expect(roles(windowModule.appMenuTemplate('linux', false) as Item[])).toContain(
      'toggleDevTools',
    )
  })

  it('installs the template as the application menu', () => {
    windowModule.installAppMenu('linux', true)
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce()
  })
})
