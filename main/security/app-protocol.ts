import { promises as fsp } from 'node:fs'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import type { Session } from 'electron'
import { APP_RESPONSE_HEADERS } from './csp'
import { APP_HOST, APP_SCHEME } from './navigation-policy'

/**
 * The only content types the protocol serves, by extension.
 *
 * A fixed map (no sniffing, no OS registry lookup): a file whose type is not listed is refused,
 * and `nosniff` stops Chromium from guessing one.
 */
export const BUNDLE_MIME_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
})

/** How a request maps onto the bundle: a file to serve, or a refusal. */
export type BundleResolution =
  | { readonly status: 200; readonly filePath: string; readonly mimeType: string }
  | { readonly status: 403 | 404 }

// Encoded separators, dots, NUL and double encoding have no business in a bundled asset path.
const ENCODED_FORBIDDEN = /%(?:2f|5c|2e|00|25)/i
// eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
const DECODED_FORBIDDEN = /[\u0000-\u001f\u007f\\:*?"<>|]/
// Names Windows maps to devices whatever the folder (`bundle\NUL.txt` opens the NUL device).
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i

/**
 * The bundle-relative path an `app://bundle/…` URL names, or null when the URL is refused.
 *
 * Pure and strict: `new URL()`, host `bundle`, no credentials or port, no encoded `/`, `\`, `.`,
 * `%` or NUL, then one `decodeURIComponent`, then no `..`/`.`/empty segment, no backslash, colon
 * (drive letters, NTFS streams) or control character, no Windows device name, no segment ending
 * in a dot or space (Windows strips those). `app://bundle/` names `index.html`.
 */
export function bundleRelativePath(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  if (parsed.username !== '' || parsed.password !== '') return null
  const raw = parsed.pathname
  if (raw === '' || raw === '/') return 'index.html'
  if (ENCODED_FORBIDDEN.test(raw)) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return null
  }
  if (!decoded.startsWith('/') || DECODED_FORBIDDEN.test(decoded)) return null
  const segments = decoded.slice(1).split('/')
  const isBadSegment = (s: string): boolean =>
    s === '' || s === '.' || s === '..' || /[. ]$/.test(s) || WINDOWS_DEVICE.test(s)
  if (segments.some(isBadSegment)) return null
  return segments.join('/')
}

/** True when `child` lies strictly inside `parent` (both absolute and normalised). */
function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

/**
 * Map an `app://bundle/…` URL to a file inside `bundleDir`, or refuse it.
 *
 * After {@link bundleRelativePath}: `path.resolve` + `path.relative` containment, then the same
 * check on the real paths, so a symlink inside the bundle cannot lead out of it; only regular
 * files with a type in {@link BUNDLE_MIME_TYPES} are served. 403 = refused, 404 = not there.
 * The returned `filePath` is the real path that was checked, so the read cannot be redirected
 * by a path component that changes meaning later.
 */
export async function resolveBundleRequest(
  bundleDir: string,
  url: string,
): Promise<BundleResolution> {
  const rel = bundleRelativePath(url)
  if (rel === null) return { status: 403 }
  const mimeType = BUNDLE_MIME_TYPES[extname(rel).toLowerCase()]
  if (mimeType === undefined) return { status: 403 }
  const root = resolve(bundleDir)
  const candidate = resolve(root, ...rel.split('/'))
  if (!isInside(root, candidate)) return { status: 403 }
  let realRoot: string
  let realFile: string
  try {
    realRoot = await fsp.realpath(root)
    realFile = await fsp.realpath(candidate)
  } catch {
    return { status: 404 }
  }
  if (!isInside(realRoot, realFile)) return { status: 403 }
  try {
    const stats = await fsp.stat(realFile)
    if (!stats.isFile()) return { status: 404 }
  } catch {
    return { status: 404 }
  }
  return { status: 200, filePath: realFile, mimeType }
}

/** Reads a resolved file; injectable so tests can count or fail reads. */
export type BundleFileReader = (filePath: string) => Promise<Uint8Array>

const readBundleFile: BundleFileReader = async (filePath) =>
  new Uint8Array(await fsp.readFile(filePath))

function refusal(status: 403 | 404): Response {
  return new Response(null, {
    status,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  })
}

/**
 * The `protocol.handle('app', …)` handler: GET and HEAD of bundled files, nothing else.
 *
 * Every answer, refusals included, carries the CSP header and `nosniff`.
 */
export function createAppProtocolHandler(
  bundleDir: string,
  readFile: BundleFileReader = readBundleFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(403)
    const resolution = await resolveBundleRequest(bundleDir, request.url)
    if (resolution.status !== 200) return refusal(resolution.status)
    let body: Uint8Array
    try {
      body = await readFile(resolution.filePath)
    } catch {
      return refusal(404)
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': resolution.mimeType },
    })
  }
}

/**
 * Serve `bundleDir` as `app://bundle/` in `ses`.
 *
 * Per session: the window's `'triage'` partition is not the default session, and the
 * module-level `protocol.handle` only covers the default one.
 */
export function registerAppProtocol(ses: Pick<Session, 'protocol'>, bundleDir: string): void {
  ses.protocol.handle(APP_SCHEME, createAppProtocolHandler(bundleDir))
}
