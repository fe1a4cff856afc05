import { describe, expect, it, vi } from 'vitest'
import type { Denial } from '../../main/security/denial-log'
import { createDenialLog } from '../../main/security/denial-log'
import { isAllowedRequestUrl } from '../../main/security/navigation-policy'
import type { HardenedSession } from '../../main/security/session-hardening'
import { hardenSession } from '../../main/security/session-hardening'
import { FakeSession } from './fake-electron'

// Every permission name Electron 45 passes to the request/check handlers.
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'openExternal',
  'pointerLock',
  'serial',
  'storage-access',
  'usb',
  'window-management',
  'unknown',
]

function hardened(): { ses: FakeSession; denials: Denial[] } {
  const ses = new FakeSession('triage')
  const denials: Denial[] = []
  hardenSession(ses as unknown as HardenedSession, {
    isAllowedRequest: (url) => isAllowedRequestUrl(url),
    onDenied: (d) => denials.push(d),
  })
  return { ses, denials }
}

describe('permission handlers (security-checks A11)', () => {
  it.each(PERMISSIONS)('a request for %s is denied', (permission) => {
    const { ses } = hardened()
    const callback = vi.fn()
    const handler = ses.permissionRequestHandler as (...a: unknown[]) => void
    handler({}, permission, callback, { requestingUrl: 'app://bundle/index.html' })
    expect(callback).toHaveBeenCalledExactlyOnceWith(false)
  })

  it.each(PERMISSIONS)('a check for %s answers false', (permission) => {
    const { ses } = hardened()
    const handler = ses.permissionCheckHandler as (...a: unknown[]) => unknown
    expect(handler(null, permission, 'app://bundle', {})).toBe(false)
  })

  it.each(['hid', 'serial', 'usb'])('device access (%s) answers false', (deviceType) => {
    const { ses } = hardened()
    const handler = ses.devicePermissionHandler as (...a: unknown[]) => unknown
    expect(handler({ deviceType, origin: 'app://bundle', device: {} })).toBe(false)
  })

  it('grants no display-media stream (callback(null), the clean refusal)', () => {
    const { ses, denials } = hardened()
    const callback = vi.fn()
    const handler = ses.displayMediaRequestHandler as (...a: unknown[]) => void
    handler({ videoRequested: true, audioRequested: true }, callback)
    expect(callback).toHaveBeenCalledExactlyOnceWith(null)
    expect(denials.map((d) => d.kind)).toEqual(['display-media'])
  })

  it('turns the spell checker off and prevents downloads', () => {
    const { ses, denials } = hardened()
    const event = { preventDefault: vi.fn() }
    ses.emit('will-download', event, { getURL: () => 'blob:app://bundle/1' })
    expect(ses.spellCheckerEnabled).toBe(false)
    expect(event.preventDefault).toHaveBeenCalledOnce()
    expect(denials).toEqual([{ kind: 'download', target: 'blob:app://bundle/1' }])
  })

  it('is idempotent: a second call installs nothing more', () => {
    const ses = new FakeSession('triage')
    const options = { isAllowedRequest: () => false, onDenied: () => undefined }
    expect(hardenSession(ses as unknown as HardenedSession, options)).toBe(true)
    expect(hardenSession(ses as unknown as HardenedSession, options)).toBe(false)
    expect(ses.beforeRequest).toHaveLength(1)
  })
})

describe('web-request filter (security-checks A9)', () => {
  it('listens on <all_urls>', () => {
    const { ses } = hardened()
    expect(ses.beforeRequest).toHaveLength(1)
    expect(ses.beforeRequest[0]?.filter).toEqual({ urls: ['<all_urls>'] })
  })

  it.each([
    ['app://bundle/index.html', false],
    ['app://bundle/assets/app.css', false],
    ['data:image/png;base64,AAAA', false],
    ['http://127.0.0.1:8000/x', true],
    ['https://example.com/beacon', true],
    ['http://169.254.169.254/latest/meta-data', true],
    ['ws://127.0.0.1:1234/', true],
    ['file:///etc/passwd', true],
    ['file://127.0.0.1/share/x', true],
    ['ftp://example.com/', true],
    ['app://evil/x', true],
    ['devtools://devtools/bundled/inspector.html', true],
  ])('%s → cancel: %s', (url, cancel) => {
    const { ses, denials } = hardened()
    const callback = vi.fn()
    const listener = ses.beforeRequest[0]?.listener as (...a: unknown[]) => void
    listener({ url, method: 'GET', resourceType: 'image' }, callback)
    expect(callback).toHaveBeenCalledExactlyOnceWith({ cancel })
    expect(denials).toEqual(cancel ? [{ kind: 'web-request', target: url }] : [])
  })
})

describe('createDenialLog', () => {
  it('writes at most `limit` lines per window, then a count of the rest', () => {
    const lines: string[] = []
    let now = 0
    const log = createDenialLog({
      limit: 2,
      windowMs: 1000,
      write: (l) => lines.push(l),
      now: () => now,
    })
    for (let i = 0; i < 50; i++) log({ kind: 'web-request', target: `https://x/${i}` })
    now = 1000
    log({ kind: 'web-request', target: 'https://x/late' })
    expect(lines).toEqual([
      '[security] denied web-request: https://x/0',
      '[security] denied web-request: https://x/1',
      '[security] 48 more denials not logged',
      '[security] denied web-request: https://x/late',
    ])
  })

  it('escapes control characters and truncates long targets', () => {
    const lines: string[] = []
    const log = createDenialLog({ write: (l) => lines.push(l) })
    log({ kind: 'will-navigate', target: 'https://x/\n[security] forged\u2028' })
    log({ kind: 'will-navigate', target: `https://x/${'a'.repeat(1000)}` })
    expect(lines[0]).toBe(
      '[security] denied will-navigate: https://x/\\u000a[security] forged\\u2028',
    )
    expect(lines[1]?.length).toBeLessThan(400)
  })
})
