import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, dialog, ipcMain, protocol, session } from 'electron'
import type { BrowserWindow, Session } from 'electron'
import { registerIpc } from './ipc/register'
import type { IpcRegistration } from './ipc/register'
import { resolveNativeBinding } from './native-binding'
import { registerAppProtocol } from './security/app-protocol'
import { createDenialLog } from './security/denial-log'
import {
  APP_SCHEME,
  devServerOrigin,
  isAllowedAppUrl,
  isAllowedRequestUrl,
} from './security/navigation-policy'
import { hardenSession } from './security/session-hardening'
import { installWebContentsGuards } from './security/web-contents-guards'
import { createWindowRegistry } from './security/window-registry'
import { createAppServices } from './services/app-services'
import type { AppServices } from './services/app-services-types'
import { createElectronPlatform } from './services/electron-platform'
import { createUtilityProcessLauncher } from './services/utility-process-launcher'
import { createWindowEventSink } from './services/window-event-sink'
import { APP_PARTITION, createMainWindow, installAppMenu } from './window'

/*
 * App lifecycle only. The security policy lives in main/security, the window in window.ts,
 * the IPC wrapper in ipc/register.ts; this file wires them in the order Electron requires.
 * This file is the `index` entry (never a shared chunk), so paths next to it are stable:
 * out/main/index.js → out/preload/index.cjs, out/renderer/, out/main/scan-child.js.
 */
const MAIN_DIR = dirname(fileURLToPath(import.meta.url))
const PRELOAD_PATH = join(MAIN_DIR, '..', 'preload', 'index.cjs')
const RENDERER_DIR = join(MAIN_DIR, '..', 'renderer')
const SCAN_CHILD_PATH = join(MAIN_DIR, 'scan-child.js')
const SHUTDOWN_TIMEOUT_MS = 10_000

const onDenied = createDenialLog()
const registry = createWindowRegistry()
const devRendererUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const devOrigin = devServerOrigin(devRendererUrl, app.isPackaged)

let mainWindow: BrowserWindow | null = null
let services: AppServices | null = null
let ipc: IpcRegistration | null = null
let shutdownDone = false

function hardenAnySession(ses: Session): void {
  hardenSession(ses, {
    isAllowedRequest: (url) =>
      isAllowedRequestUrl(url, { devServerOrigin: devOrigin, allowDevTools: !app.isPackaged }),
    onDenied,
  })
}

/** Everything Electron only accepts before `ready`. */
function configureBeforeReady(): void {
  app.enableSandbox()
  // Defence in depth for an offline tool: Chromium resolves no host name at all.
  app.commandLine.appendSwitch('host-resolver-rules', 'MAP * ~NOTFOUND')
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
  installWebContentsGuards(app, (url) => isAllowedAppUrl(url, devOrigin), onDenied)
  app.on('session-created', hardenAnySession)
}

function openMainWindow(): void {
  const win = createMainWindow({
    preloadPath: PRELOAD_PATH,
    isPackaged: app.isPackaged,
    ...(devRendererUrl === undefined ? {} : { devServerUrl: devRendererUrl }),
    registry,
  })
  win.on('closed', () => {
    mainWindow = null
  })
  mainWindow = win
}

function focusMainWindow(): void {
  if (mainWindow === null) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

function startServices(): AppServices {
  const getWindow = (): BrowserWindow | null => mainWindow
  return createAppServices({
    dataDir: app.getPath('userData'),
    bundledRulesDir: app.isPackaged
      ? join(process.resourcesPath, 'rules')
      : join(app.getAppPath(), 'rules'),
    platform: createElectronPlatform(getWindow),
    events: createWindowEventSink({
      getWindow,
      ...(devOrigin === undefined ? {} : { devServerOrigin: devOrigin }),
    }),
    launcher: createUtilityProcessLauncher({ modulePath: SCAN_CHILD_PATH }),
    transport: 'electron',
    appVersion: app.getVersion(),
    nativeBinding: resolveNativeBinding({
      isPackaged: app.isPackaged,
      appRoot: app.getAppPath(),
      electronVersion: process.versions.electron,
    }),
  })
}

/** On `ready`: sessions, protocol, menu, services, IPC, then the window. */
function onReady(): void {
  const ses = session.fromPartition(APP_PARTITION)
  hardenAnySession(session.defaultSession)
  hardenAnySession(ses)
  registerAppProtocol(ses, RENDERER_DIR)
  installAppMenu(process.platform, app.isPackaged)
  const started = startServices()
  services = started
  ipc = registerIpc(ipcMain, started.handlers, {
    registry,
    ...(devOrigin === undefined ? {} : { devServerOrigin: devOrigin }),
    onDenied,
  })
  openMainWindow()
}

function failStartup(error: unknown): void {
  console.error('[app] start-up failed', error)
  const message = error instanceof Error ? error.message : String(error)
  dialog.showErrorBox('Outpost could not start', message)
  shutdownDone = true
  app.exit(1)
}

/** Cancel a running scan and close the case before the process goes (bounded in time). */
function onWillQuit(event: { preventDefault(): void }): void {
  const running = services
  if (shutdownDone || running === null) return
  event.preventDefault()
  services = null
  ipc?.dispose()
  ipc = null
  // A hung shutdown must not keep the app alive: quit anyway after the timeout.
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, SHUTDOWN_TIMEOUT_MS)
  })
  Promise.race([running.shutdown(), timeout])
    .catch((error: unknown) => {
      console.error('[app] shutdown failed', error)
    })
    .finally(() => {
      clearTimeout(timer)
      shutdownDone = true
      app.quit()
    })
}

/**
 * Start the app: pre-ready configuration, the single-instance lock, then the `ready` wiring.
 *
 * A second launch does not start a second app (two writers on one case DB): it focuses ours.
 * Its command line is ignored: the app opens nothing it is handed from outside.
 */
export function startApp(): void {
  configureBeforeReady()
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.on('second-instance', focusMainWindow)
  app.on('window-all-closed', () => {
    app.quit()
  })
  app.on('activate', () => {
    if (mainWindow === null && services !== null) openMainWindow()
  })
  app.on('will-quit', onWillQuit)
  app.whenReady().then(onReady).catch(failStartup)
}

startApp()
