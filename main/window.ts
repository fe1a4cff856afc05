import { BrowserWindow, Menu } from 'electron'
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron'
import { APP_ENTRY_URL, devServerOrigin } from './security/navigation-policy'
import type { WindowRegistry } from './security/window-registry'

/**
 * The session partition of the main window: in memory (no `persist:` prefix), so nothing
 * Chromium caches, stores or remembers lands in the profile folder on the analyst's laptop.
 */
export const APP_PARTITION = 'triage'

/** A window class: Electron's `BrowserWindow`, or the options recorder below. */
type WindowClass<W> = new (options: BrowserWindowConstructorOptions) => W

/**
 * THE options of the main window: every security setting of security-checks §2.1, explicit.
 *
 * Explicit even where Electron's default agrees, so a default that changes upstream cannot
 * weaken us, and so Electronegativity (whose defaults table stops at Electron 10) sees them.
 * Electronegativity reads only an object literal written inside `new BrowserWindow(…)` (it
 * follows no call), hence this shape: the literal is the argument of `new BrowserWindow`, and
 * the parameter is named `BrowserWindow` on purpose. A test deep-compares `webPreferences`
 * with the table; change both together or not at all.
 */
function constructMainWindow<W>(
  BrowserWindow: WindowClass<W>,
  preloadPath: string,
  isPackaged: boolean,
): W {
  return new BrowserWindow({
    title: 'Outpost',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown on 'ready-to-show', so the analyst never sees a blank frame.
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would open a new window: off (and no `enableBlinkFeatures` at all).
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      // Spell-check dictionaries are downloaded from a CDN on Windows and Linux.
      spellcheck: false,
      devTools: !isPackaged,
      safeDialogs: true,
      preload: preloadPath,
      partition: APP_PARTITION,
    },
  })
}

/** Records the options it is constructed with: how {@link mainWindowOptions} reads them. */
class RecordedOptions {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

/** The options {@link createMainWindow} gives `BrowserWindow` (see `constructMainWindow`). */
export function mainWindowOptions(
  preloadPath: string,
  isPackaged: boolean,
): BrowserWindowConstructorOptions {
  return constructMainWindow(RecordedOptions, preloadPath, isPackaged).options
}

/** Options of {@link createMainWindow}. */
export interface CreateMainWindowOptions {
  /** Absolute path of the built preload (`out/preload/index.cjs`). */
  readonly preloadPath: string
  readonly isPackaged: boolean
  /** `ELECTRON_RENDERER_URL`: used only when not packaged and only if it is a loopback URL. */
  readonly devServerUrl?: string
  /** Where the window's `webContents` is recorded as trusted for IPC. */
  readonly registry: Pick<WindowRegistry, 'add'>
}

/**
 * The URL the main window loads: `app://bundle/index.html`, or the electron-vite dev server
 * when not packaged. Never `file://` (checklist item 18).
 */
export function mainWindowUrl(isPackaged: boolean, devServerUrl?: string): string {
  return devServerUrl !== undefined && devServerOrigin(devServerUrl, isPackaged) !== undefined
    ? devServerUrl
    : APP_ENTRY_URL
}

/**
 * Create the main window, register it as a trusted IPC sender and load the renderer.
 *
 * Navigation, window-open and webview guards are installed app-wide by
 * `installWebContentsGuards` (web-contents-created), before this runs.
 */
export function createMainWindow(options: CreateMainWindowOptions): BrowserWindow {
  const win = constructMainWindow(BrowserWindow, options.preloadPath, options.isPackaged)
  options.registry.add(win.webContents)
  win.once('ready-to-show', () => {
    win.show()
  })
  win.loadURL(mainWindowUrl(options.isPackaged, options.devServerUrl)).catch((error: unknown) => {
    console.error('[window] the renderer failed to load', error)
  })
  return win
}

/**
 * The application menu: standard roles only.
 *
 * Replaces Electron's default menu, whose Help items open electronjs.org in the system browser
 * (shell.openExternal): nothing in this app may open anything outside it. Reload and DevTools
 * exist only in development.
 */
export function appMenuTemplate(
  platform: NodeJS.Platform,
  isPackaged: boolean,
): MenuItemConstructorOptions[] {
  const devItems: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
      ]
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  }
  const mac: MenuItemConstructorOptions[] = platform === 'darwin' ? [{ role: 'appMenu' }] : []
  return [...mac, { role: 'fileMenu' }, { role: 'editMenu' }, view, { role: 'windowMenu' }]
}

/** Install {@link appMenuTemplate} as the application menu. */
export function installAppMenu(platform: NodeJS.Platform, isPackaged: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(platform, isPackaged)))
}
