/**
 * The Content-Security-Policy of the app's own pages: the one source of truth.
 *
 * Sent as a response header by the `app://` protocol handler (a `<meta>` tag cannot carry
 * `frame-ancestors`); `renderer/index.html` keeps a `<meta>` copy as a second layer and a test
 * keeps the two in step. Everything is `'self'` because the protocol serves only the bundled
 * renderer: there is no remote origin to allow, and no inline script or style.
 */
export const APP_CSP_DIRECTIVES: readonly string[] = Object.freeze([
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
])

/** {@link APP_CSP_DIRECTIVES} as one header value (security-checks §2.3). */
export const APP_CSP: string = APP_CSP_DIRECTIVES.join('; ')

/**
 * Headers every `app://bundle` response carries, whatever its status.
 *
 * `nosniff` makes the fixed MIME map binding: Chromium will not run a file as script unless we
 * said it is script. The rest keep the page in its own browsing-context group and out of
 * anybody's cache or referrer.
 */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
})
