import type { App, WebContents } from 'electron'
import type { DenialSink } from './denial-log'

/** Decides whether a document URL may be loaded (see `navigation-policy.ts`). */
export type UrlPolicy = (url: string) => boolean

/** The parts of a `WebContents` the guards use. */
export type GuardedWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/**
 * Lock one `webContents` down: no navigation away from the app, no new windows, no `<webview>`.
 *
 * `will-navigate` covers the main frame, `will-frame-navigate` every frame (our CSP forbids
 * frames, this is the second layer), `will-redirect` server redirects. Programmatic loads from
 * main (`loadURL`) do not emit these events, so the window's own first load is unaffected.
 */
export function guardWebContents(
  contents: GuardedWebContents,
  isAllowed: UrlPolicy,
  onDenied: DenialSink,
): void {
  contents.on('will-navigate', (details) => {
    if (isAllowed(details.url)) return
    details.preventDefault()
    onDenied({ kind: 'will-navigate', target: details.url })
  })
  contents.on('will-frame-navigate', (details) => {
    if (isAllowed(details.url)) return
    details.preventDefault()
    onDenied({ kind: 'will-frame-navigate', target: details.url })
  })
  contents.on('will-redirect', (details) => {
    if (isAllowed(details.url)) return
    details.preventDefault()
    onDenied({ kind: 'will-redirect', target: details.url })
  })
  contents.on('will-attach-webview', (event, _webPreferences, params) => {
    event.preventDefault()
    onDenied({ kind: 'will-attach-webview', target: params['src'] ?? '' })
  })
  contents.setWindowOpenHandler((details) => {
    onDenied({ kind: 'window-open', target: details.url })
    return { action: 'deny' }
  })
}

/**
 * Guard every `webContents` the app ever creates, before its first navigation.
 *
 * Must be called before `ready`: `web-contents-created` fires for windows, DevTools and anything
 * a library might open, so no contents escapes the guards.
 */
export function installWebContentsGuards(
  app: Pick<App, 'on'>,
  isAllowed: UrlPolicy,
  onDenied: DenialSink,
): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, isAllowed, onDenied)
  })
}
