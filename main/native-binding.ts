import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** Folder (under the app root) holding better-sqlite3 builds for Electron, one per version. */
export const NATIVE_DIR = '.native'

/** File name of the better-sqlite3 addon. */
export const NATIVE_FILE = 'better_sqlite3.node'

/**
 * Where `scripts/ensure-electron-native.mjs` puts better-sqlite3 built for Electron `version`:
 * `<appRoot>/.native/electron-<version>/better_sqlite3.node`.
 */
export function electronNativeBindingPath(appRoot: string, electronVersion: string): string {
  return join(appRoot, NATIVE_DIR, `electron-${electronVersion}`, NATIVE_FILE)
}

/** What {@link resolveNativeBinding} needs to know about the running app. */
export interface NativeBindingContext {
  readonly isPackaged: boolean
  /** `app.getAppPath()`: the project root in development. */
  readonly appRoot: string
  /** `process.versions.electron`; undefined under plain Node. */
  readonly electronVersion: string | undefined
  readonly fileExists?: (path: string) => boolean
}

/**
 * The better-sqlite3 addon the services must load, for the running runtime.
 *
 * `node_modules` keeps the Node build (tests and the CLI need it), which Electron cannot load
 * (different ABI). Unpackaged Electron uses the side build in `.native/`; a packaged app ships a
 * module already rebuilt for its Electron and plain Node uses the default: both get undefined.
 * See docs/electron-native.md.
 *
 * @throws Error in unpackaged Electron when the side build is missing, saying how to make it.
 */
export function resolveNativeBinding(context: NativeBindingContext): string | undefined {
  if (context.isPackaged || context.electronVersion === undefined) return undefined
  const path = electronNativeBindingPath(context.appRoot, context.electronVersion)
  const exists = context.fileExists ?? existsSync
  if (!exists(path)) {
    throw new Error(
      `better-sqlite3 has not been built for Electron ${context.electronVersion} (${path} is ` +
        'missing). Run `node scripts/ensure-electron-native.mjs` (npm start and npm run dev ' +
        'do it first); see docs/electron-native.md.',
    )
  }
  return path
}
