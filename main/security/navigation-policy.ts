/**
 * Which URLs the app's own pages may be: pure functions, no Electron.
 *
 * Used by the navigation guards, the IPC sender check, the event sink and the web-request
 * filter, so "is this ours?" has one answer everywhere.
 */

/** The scheme the bundled renderer is served from (registered as privileged before `ready`). */
export const APP_SCHEME = 'app'

/** The one host of {@link APP_SCHEME}. */
export const APP_HOST = 'bundle'

/** The origin the renderer runs at, as Chromium reports it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** The document the window loads in production. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]'])

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 8192) return null
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/**
 * True when `url` is one of the app's own `app://bundle/…` URLs.
 *
 * Compares scheme and host, not `URL.origin`: Node's WHATWG parser (which the main process uses)
 * gives every non-special scheme the opaque origin `"null"`, so `origin === 'app://bundle'` would
 * never match there. Credentials, a port, another host (`app://bundle.evil`, `app://evil`,
 * `app://bundle@evil`) or another case of the host are all refused.
 */
export function isAppUrl(url: unknown): boolean {
  const parsed = parseUrl(url)
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  )
}

/**
 * The electron-vite dev server origin, only when it may be trusted.
 *
 * Returns the origin of `rendererUrl` when the app is not packaged and the URL is plain `http`
 * on a loopback host; anything else (packaged, unset, remote host, other scheme) gives
 * `undefined`, so a stray `ELECTRON_RENDERER_URL` can never point a packaged app elsewhere.
 */
export function devServerOrigin(
  rendererUrl: string | undefined,
  isPackaged: boolean,
): string | undefined {
  if (isPackaged || rendererUrl === undefined) return undefined
  const parsed = parseUrl(rendererUrl)
  if (parsed?.protocol !== 'http:' || !LOOPBACK_HOSTS.has(parsed.hostname)) return undefined
  if (parsed.username !== '' || parsed.password !== '') return undefined
  return parsed.origin
}

/**
 * True when a document at `url` may be shown in our window or may talk to main.
 *
 * Only `app://bundle/…`, plus the dev-server origin when the caller passes one (unpackaged
 * development only; see {@link devServerOrigin}).
 */
export function isAllowedAppUrl(url: unknown, trustedDevOrigin?: string): boolean {
  if (isAppUrl(url)) return true
  if (trustedDevOrigin === undefined) return false
  const parsed = parseUrl(url)
  return parsed !== null && parsed.protocol === 'http:' && parsed.origin === trustedDevOrigin
}

/** What the web-request filter lets through besides the app's own documents. */
export interface RequestPolicyOptions {
  /** The trusted dev-server origin (unpackaged development only). */
  readonly devServerOrigin?: string
  /** Allow `devtools://` (unpackaged development only: packaged windows have no DevTools). */
  readonly allowDevTools?: boolean
}

/**
 * True when the session may perform a request for `url`; everything else is cancelled.
 *
 * Allowed: `app://bundle/…`; `data:` and same-app `blob:` URLs (they carry no bytes off the
 * machine and the CSP allows them for images); in development, the dev server over `http:` and
 * its hot-reload socket over `ws:`, and `devtools://`.
 */
export function isAllowedRequestUrl(url: unknown, options: RequestPolicyOptions = {}): boolean {
  if (isAppUrl(url)) return true
  const parsed = parseUrl(url)
  if (parsed === null) return false
  if (parsed.protocol === 'data:') return true
  if (parsed.protocol === 'blob:') return isAllowedAppUrl(parsed.pathname, options.devServerOrigin)
  if (parsed.protocol === 'devtools:') return options.allowDevTools === true
  const dev = options.devServerOrigin
  if (dev === undefined) return false
  if (parsed.protocol === 'http:') return parsed.origin === dev
  if (parsed.protocol === 'ws:') return `http://${parsed.host}` === dev
  return false
}
