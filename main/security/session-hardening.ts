import type { Session } from 'electron'
import type { DenialSink } from './denial-log'

/** The parts of a `Session` the hardening touches. */
export type HardenedSession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
  | 'setSpellCheckerEnabled'
  | 'webRequest'
  | 'on'
>

/** Options of {@link hardenSession}. */
export interface SessionHardeningOptions {
  /** True for the request URLs the session may load (see `isAllowedRequestUrl`). */
  readonly isAllowedRequest: (url: string) => boolean
  readonly onDenied: DenialSink
}

const hardened = new WeakSet<object>()

/**
 * Deny every permission, device, screen capture, download and off-app request on `ses`.
 *
 * Electron grants permission requests by default (checklist item 5), so each handler is set
 * explicitly. Idempotent: a session hardened twice keeps one set of handlers. Returns false when
 * `ses` had already been hardened.
 */
export function hardenSession(ses: HardenedSession, options: SessionHardeningOptions): boolean {
  if (hardened.has(ses)) return false
  hardened.add(ses)
  const { isAllowedRequest, onDenied } = options

  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    onDenied({ kind: 'permission-request', target: permission })
    callback(false)
  })
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
  // `null` is the one clean refusal (getDisplayMedia() rejects): Electron's native side reads
  // any object, even `{}`, as an answer and throws "Video was requested, but no video stream
  // was provided" back into the main process.
  ses.setDisplayMediaRequestHandler((_request, callback) => {
    onDenied({ kind: 'display-media', target: '' })
    callback(null)
  })
  // Hunspell dictionaries come from a CDN on Windows and Linux: never ask for them.
  ses.setSpellCheckerEnabled(false)
  // A compromised page must not be able to drop files into the analyst's Downloads folder;
  // exports go through main and a save dialog.
  ses.on('will-download', (event, item) => {
    event.preventDefault()
    onDenied({ kind: 'download', target: item.getURL() })
  })
  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = isAllowedRequest(details.url)
    if (!allowed) onDenied({ kind: 'web-request', target: details.url })
    callback({ cancel: !allowed })
  })
  return true
}
