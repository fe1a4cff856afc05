import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Mock } from 'vitest'
import { INVOKE_CHANNELS } from '../../main/ipc/channels'
import type { AppServices, AppServicesOptions } from '../../main/services/app-services-types'
import type { FakeElectron } from './fake-electron'
import { createFakeElectron, FakeBrowserWindow, FakeWebContents } from './fake-electron'

const state = vi.hoisted(() => ({
  createAppServices: undefined as unknown as Mock<(options: unknown) => unknown>,
  electron: undefined as unknown as FakeElectron,
}))

vi.mock('electron', async () =>
  (await import('./fake-electron')).forwardingModule({
    get current() {
      return state.electron
    },
  }),
)
vi.mock('../../main/services/app-services', () => ({
  createAppServices: (options: unknown): unknown => state.createAppServices(options),
}))

interface FakeServices {
  readonly handlers: AppServices['handlers']
  readonly shutdown: Mock<() => Promise<void>>
}

function fakeServices(): FakeServices {
  const handlers = Object.fromEntries(INVOKE_CHANNELS.map((c) => [c, () => ({ from: c })]))
  return {
    handlers: handlers as unknown as AppServices['handlers'],
    shutdown: vi.fn(() => Promise.resolve()),
  }
}

let services: ReturnType<typeof fakeServices>
let electron: FakeElectron

/** Load a fresh fake Electron, let the test adjust it, then import the entry (which starts). */
async function boot(adjust: (e: FakeElectron) => void = () => undefined): Promise<FakeElectron> {
  vi.resetModules()
  electron = createFakeElectron()
  state.electron = electron
  adjust(electron)
  await import('../../main/index')
  return electron
}

async function ready(): Promise<void> {
  electron.app.fireReady()
  await new Promise((resolve) => setTimeout(resolve, 0))
}

function servicesOptions(): AppServicesOptions {
  return state.createAppServices.mock.calls[0]?.[0] as AppServicesOptions
}

function theWindow(): FakeBrowserWindow {
  const win = FakeBrowserWindow.instances.at(-1)
  if (win === undefined) throw new Error('no window was created')
  return win
}

function invoke(channel: string, senderId: number, url: string, input?: unknown): Promise<unknown> {
  const handler = electron.ipcMain.handlers.get(channel) as (
    e: unknown,
    i: unknown,
  ) => Promise<unknown>
  return handler({ sender: { id: senderId }, senderFrame: { url, parent: null } }, input)
}

beforeEach(() => {
  FakeBrowserWindow.instances.length = 0
  services = fakeServices()
  state.createAppServices = vi.fn(() => services)
  delete process.env['ELECTRON_RENDERER_URL']
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

afterEach(() => {
  vi.restoreAllMocks()
  delete process.env['ELECTRON_RENDERER_URL']
})

describe('before ready', () => {
  it('sandboxes, blocks name resolution, registers app:// and takes the instance lock', async () => {
    await boot()
    expect(electron.calls).toEqual([
      'app.enableSandbox',
      'app.commandLine.appendSwitch',
      'protocol.registerSchemesAsPrivileged',
      'app.requestSingleInstanceLock',
    ])
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledExactlyOnceWith(
      'host-resolver-rules',
      'MAP * ~NOTFOUND',
    )
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    expect(electron.app.setAsDefaultProtocolClient).not.toHaveBeenCalled()
    expect(state.createAppServices).not.toHaveBeenCalled()
  })

  it('guards every webContents from the start', async () => {
    await boot()
    const contents = new FakeWebContents()
    electron.app.emit('web-contents-created', {}, contents)
    const event = { url: 'https://example.com/', preventDefault: vi.fn() }
    contents.emit('will-navigate', event, event.url)
    expect(event.preventDefault).toHaveBeenCalledOnce()
    expect(contents.windowOpenHandler?.({ url: 'app://bundle/' })).toEqual({ action: 'deny' })
  })

  it('quits at once when another instance holds the lock', async () => {
    await boot((e) => {
      e.app.lockAvailable = false
    })
    await ready()
    expect(electron.app.quit).toHaveBeenCalledOnce()
    expect(state.createAppServices).not.toHaveBeenCalled()
    expect(electron.ipcMain.handle).not.toHaveBeenCalled()
  })
})

describe('on ready', () => {
  it('hardens the sessions and serves app:// from the window session only', async () => {
    await boot()
    await ready()
    const triage = electron.session.fromPartition('triage')
    for (const ses of [triage, electron.session.defaultSession]) {
      expect(ses.permissionRequestHandler).toBeTypeOf('function')
      expect(ses.beforeRequest).toHaveLength(1)
      expect(ses.spellCheckerEnabled).toBe(false)
    }
    expect([...triage.protocolHandlers.keys()]).toEqual(['app'])
    expect(electron.session.defaultSession.protocolHandlers.size).toBe(0)
  })

  it('starts the services with the Electron ports', async () => {
    await boot()
    await ready()
    const options = servicesOptions()
    expect(options).toMatchObject({
      dataDir: '/fake/userData',
      bundledRulesDir: join('/fake/app', 'rules'),
      transport: 'electron',
      appVersion: '9.9.9-test',
      nativeBinding: undefined,
    })
    expect(Object.keys(options.platform).sort()).toEqual([
      'keychain',
      'pickBundle',
      'pickCaseFile',
      'pickEvidence',
      'pickFolder',
      'pickNewCaseFile',
      'pickRulePack',
    ])
    options.launcher.launch()
    expect(electron.utilityProcess.fork).toHaveBeenCalledWith(
      join(import.meta.dirname, '..', '..', 'main', 'scan-child.js'),
      [],
      { serviceName: 'Outpost scan', stdio: 'pipe' },
    )
  })

  it('registers every channel once and opens one hardened window on app://bundle', async () => {
    await boot()
    await ready()
    const win = theWindow()
    expect(electron.ipcMain.handlers.size).toBe(INVOKE_CHANNELS.length)
    expect(win.loadedUrls).toEqual(['app://bundle/index.html'])
    expect(win.options['webPreferences']).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      partition: 'triage',
      // Beside the built entry: out/main/index.js → out/preload/index.cjs.
      preload: join(import.meta.dirname, '..', '..', 'preload', 'index.cjs'),
    })
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce()
  })

  it('answers IPC from our window only', async () => {
    await boot()
    await ready()
    const win = theWindow()
    await expect(
      invoke('app:info', win.webContents.id, 'app://bundle/index.html'),
    ).resolves.toEqual({
      ok: true,
      value: { from: 'app:info' },
    })
    await expect(
      invoke('app:info', win.webContents.id + 100, 'app://bundle/index.html'),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' },
    })
  })

  it("pushes service events to the window's webContents", async () => {
    await boot()
    await ready()
    servicesOptions().events.emit('scan:finished', { id: 3 } as never)
    expect(theWindow().webContents.sent).toEqual([{ channel: 'scan:finished', args: [{ id: 3 }] }])
  })

  it('reports a start-up failure and exits', async () => {
    state.createAppServices = vi.fn(() => {
      throw new Error('CASE_CORRUPT')
    })
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    await boot()
    await ready()
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Outpost could not start',
      'CASE_CORRUPT',
    )
    expect(electron.app.exit).toHaveBeenCalledWith(1)
  })
})

describe('packaged and development modes', () => {
  it('packaged: rules from resources, no DevTools, dev-server URL ignored', async () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173'
    Object.defineProperty(process, 'resourcesPath', {
      value: '/opt/outpost/resources',
      configurable: true,
    })
    await boot((e) => {
      e.app.isPackaged = true
    })
    await ready()
    expect(servicesOptions().bundledRulesDir).toBe(join('/opt/outpost/resources', 'rules'))
    expect(theWindow().loadedUrls).toEqual(['app://bundle/index.html'])
    expect(theWindow().options['webPreferences']).toMatchObject({ devTools: false })
  })

  it('development: loads the loopback dev server and trusts its origin', async () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173'
    await boot()
    await ready()
    const win = theWindow()
    expect(win.loadedUrls).toEqual(['http://localhost:5173'])
    await expect(
      invoke('app:info', win.webContents.id, 'http://localhost:5173/'),
    ).resolves.toMatchObject({
      ok: true,
    })
  })
})

describe('second instance and quit', () => {
  it('a second launch focuses (and restores) our window', async () => {
    await boot()
    await ready()
    const win = theWindow()
    win.minimized = true
    electron.app.emit('second-instance', {}, ['outpost', '--evil'], '/tmp')
    expect(win.restore).toHaveBeenCalledOnce()
    expect(win.focus).toHaveBeenCalledOnce()
  })

  it('quitting shuts the services down first, then quits for real', async () => {
    await boot()
    await ready()
    const first = { preventDefault: vi.fn() }
    electron.app.emit('will-quit', first)
    expect(first.preventDefault).toHaveBeenCalledOnce()
    expect(services.shutdown).toHaveBeenCalledOnce()
    expect(electron.ipcMain.handlers.size).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(electron.app.quit).toHaveBeenCalledOnce()
    const second = { preventDefault: vi.fn() }
    electron.app.emit('will-quit', second)
    expect(second.preventDefault).not.toHaveBeenCalled()
    expect(services.shutdown).toHaveBeenCalledOnce()
  })

  it('quits after a bounded wait when the shutdown hangs', async () => {
    services.shutdown.mockImplementation(() => new Promise(() => undefined))
    await boot()
    await ready()
    vi.useFakeTimers()
    try {
      electron.app.emit('will-quit', { preventDefault: vi.fn() })
      await vi.advanceTimersByTimeAsync(9_999)
      expect(electron.app.quit).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(1)
      expect(electron.app.quit).toHaveBeenCalledOnce()
    } finally {
      vi.useRealTimers()
    }
  })

  it('closing the last window quits', async () => {
    await boot()
    await ready()
    electron.app.emit('window-all-closed')
    expect(electron.app.quit).toHaveBeenCalledOnce()
  })
})
