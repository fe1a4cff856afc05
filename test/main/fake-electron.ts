import { EventEmitter } from 'node:events'
import { PassThrough } from 'node:stream'
import { vi } from 'vitest'

/*
 * A fake `electron` module for main-process and preload tests: the Electron binary cannot be
 * installed on the build machines. Use it with
 *   vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron())
 * and read the instance back with `fakeElectron(await import('electron'))`.
 * It records what the code under test asked for; it implements no Electron behaviour beyond
 * what the tests need (events, handler registries, an ordered call log).
 */

type Handler = (...args: never[]) => unknown

/** A `webContents`: events, a window-open handler, sent messages. */
export class FakeWebContents extends EventEmitter {
  private static nextId = 1
  readonly id = FakeWebContents.nextId++
  url = ''
  destroyed = false
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined
  readonly sent: { channel: string; args: unknown[] }[] = []

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args })
  }
  getURL(): string {
    return this.url
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  destroy(): void {
    this.destroyed = true
    this.emit('destroyed')
  }
}

/** A `BrowserWindow`: keeps its constructor options and what it loaded. */
export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  readonly loadedUrls: string[] = []
  readonly show = vi.fn()
  readonly focus = vi.fn()
  readonly restore = vi.fn()
  minimized = false
  destroyed = false

  constructor(readonly options: Record<string, unknown>) {
    super()
    FakeBrowserWindow.instances.push(this)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url)
    this.webContents.url = url
    return Promise.resolve()
  }
  loadFile(): Promise<void> {
    throw new Error('loadFile must never be used (security-checks A6)')
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

/** A `Session`: the handlers the hardening installs, and its protocol table. */
export class FakeSession extends EventEmitter {
  permissionRequestHandler: Handler | null | undefined
  permissionCheckHandler: Handler | null | undefined
  devicePermissionHandler: Handler | null | undefined
  displayMediaRequestHandler: Handler | null | undefined
  spellCheckerEnabled = true
  readonly beforeRequest: { filter: unknown; listener: Handler }[] = []
  readonly protocolHandlers = new Map<string, Handler>()

  constructor(readonly partition: string) {
    super()
  }
  setPermissionRequestHandler(handler: Handler | null): void {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: Handler | null): void {
    this.permissionCheckHandler = handler
  }
  setDevicePermissionHandler(handler: Handler | null): void {
    this.devicePermissionHandler = handler
  }
  setDisplayMediaRequestHandler(handler: Handler | null): void {
    this.displayMediaRequestHandler = handler
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellCheckerEnabled = enabled
  }
  readonly webRequest = {
    onBeforeRequest: (filter: unknown, listener: Handler): void => {
      this.beforeRequest.push({ filter, listener })
    },
  }
  readonly protocol = {
    handle: (scheme: string, handler: Handler): void => {
      // Electron throws on a second handler for the same scheme.
      if (this.protocolHandlers.has(scheme)) throw new Error(`${scheme} is already handled`)
      this.protocolHandlers.set(scheme, handler)
    },
  }
}

/** A `UtilityProcess`: message and exit events, piped stdout/stderr. */
export class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = 4242
  readonly stdout = new PassThrough()
  readonly stderr = new PassThrough()
  readonly postMessage = vi.fn()
  readonly kill = vi.fn(() => true)
}

/** Builds the fake module; every call gives fresh, independent state. */
export function createFakeElectron() {
  const calls: string[] = []
  const log =
    <A extends unknown[], R>(name: string, impl: (...args: A) => R) =>
    (...args: A): R => {
      calls.push(name)
      return impl(...args)
    }

  let markReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })

  class FakeApp extends EventEmitter {
    isPackaged = false
    lockAvailable = true
    readonly enableSandbox = vi.fn(log('app.enableSandbox', () => undefined))
    readonly commandLine = {
      appendSwitch: vi.fn(
        log('app.commandLine.appendSwitch', (_s: string, _v?: string) => undefined),
      ),
    }
    readonly requestSingleInstanceLock = vi.fn(
      log('app.requestSingleInstanceLock', () => this.lockAvailable),
    )
    readonly setAsDefaultProtocolClient = vi.fn(() => true)
    readonly quit = vi.fn(log('app.quit', () => undefined))
    readonly exit = vi.fn(log('app.exit', (_code?: number) => undefined))
    whenReady(): Promise<void> {
      return ready
    }
    /** Test hook: emit `ready`. */
    fireReady(): void {
      calls.push('app.ready')
      markReady()
    }
    getPath(name: string): string {
      return `/fake/${name}`
    }
    getAppPath(): string {
      return '/fake/app'
    }
    getVersion(): string {
      return '9.9.9-test'
    }
  }

  const sessions = new Map<string, FakeSession>()
  const defaultSession = new FakeSession('')
  const ipcHandlers = new Map<string, Handler>()
  const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn() })
  const exposed: Record<string, unknown> = {}

  return {
    calls,
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(
        log('protocol.registerSchemesAsPrivileged', (_schemes: unknown) => undefined),
      ),
      handle: vi.fn(),
    },
    session: {
      defaultSession,
      fromPartition: (partition: string): FakeSession => {
        const found = sessions.get(partition) ?? new FakeSession(partition)
        sessions.set(partition, found)
        return found
      },
    },
    ipcMain: {
      handlers: ipcHandlers,
      handle: vi.fn((channel: string, handler: Handler) => {
        if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`)
        ipcHandlers.set(channel, handler)
      }),
      removeHandler: vi.fn((channel: string) => {
        ipcHandlers.delete(channel)
      }),
      on: vi.fn(),
      handleOnce: vi.fn(),
    },
    ipcRenderer,
    contextBridge: {
      exposed,
      exposeInMainWorld: vi.fn((key: string, api: unknown) => {
        exposed[key] = api
      }),
    },
    webUtils: { getPathForFile: vi.fn((_file: unknown): string => '') },
    utilityProcess: { fork: vi.fn(() => new FakeUtilityProcess()) },
    dialog: {
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(),
      showErrorBox: vi.fn(),
    },
    // A stand-in keychain: reversible, marked, never secure — enough to see the seal is used.
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      encryptString: vi.fn((text: string) => Buffer.from(`sealed:${text}`)),
      decryptString: vi.fn((sealed: Buffer) => sealed.toString().replace(/^sealed:/, '')),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    shell: {},
  }
}

/** The fake module's type. */
export type FakeElectron = ReturnType<typeof createFakeElectron>

/** The fake behind a mocked `import('electron')`. */
export function fakeElectron(module: unknown): FakeElectron {
  return module as FakeElectron
}

/**
 * A module object whose exports forward to `holder.current`, for tests that re-import the entry
 * with `vi.resetModules()`: vitest keeps a mocked module across resets, so swap the fake instead.
 */
export function forwardingModule(holder: {
  readonly current: FakeElectron
}): Record<string, unknown> {
  const module: Record<string, unknown> = {}
  for (const key of Object.keys(createFakeElectron())) {
    Object.defineProperty(module, key, {
      enumerable: true,
      get: () => (holder.current as unknown as Record<string, unknown>)[key],
    })
  }
  return module
}
