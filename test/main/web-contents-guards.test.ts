import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { App } from 'electron'
import type { Denial } from '../../main/security/denial-log'
import { isAllowedAppUrl } from '../../main/security/navigation-policy'
import type { GuardedWebContents } from '../../main/security/web-contents-guards'
import { guardWebContents, installWebContentsGuards } from '../../main/security/web-contents-guards'
import { FakeWebContents } from './fake-electron'

const HOSTILE_URLS = [
  'javascript:alert(1)',
  'file:///etc/passwd',
  'file:///C:/Windows/System32/calc.exe',
  'http://127.0.0.1/',
  'http://127.0.0.1:5173/index.html',
  'https://example.com/',
  'app://bundle.evil/index.html',
  'app://evil/index.html',
  'app://bundle@evil/index.html',
  'about:blank',
  'data:text/html,<h1>x</h1>',
  'chrome://gpu',
  'smb://127.0.0.1/share',
]

function guarded(devOrigin?: string): { contents: FakeWebContents; denials: Denial[] } {
  const contents = new FakeWebContents()
  const denials: Denial[] = []
  guardWebContents(
    contents as unknown as GuardedWebContents,
    (url) => isAllowedAppUrl(url, devOrigin),
    (d) => denials.push(d),
  )
  return { contents, denials }
}

function navigationEvent(url: string): { url: string; preventDefault: ReturnType<typeof vi.fn> } {
  return { url, preventDefault: vi.fn() }
}

describe('navigation guards (security-checks A3)', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s is prevented for every foreign URL',
    (eventName) => {
      const { contents, denials } = guarded()
      for (const url of HOSTILE_URLS) {
        const event = navigationEvent(url)
        contents.emit(eventName, event, url)
        expect(event.preventDefault, url).toHaveBeenCalledOnce()
      }
      expect(denials).toHaveLength(HOSTILE_URLS.length)
      expect(denials.every((d) => d.kind === eventName)).toBe(true)
    },
  )

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s to the app’s own documents is let through',
    (eventName) => {
      const { contents, denials } = guarded()
      const event = navigationEvent('app://bundle/index.html')
      contents.emit(eventName, event, event.url)
      expect(event.preventDefault).not.toHaveBeenCalled()
      expect(denials).toEqual([])
    },
  )

  it('lets the dev server through only when its origin was given', () => {
    const withoutDev = guarded()
    const withDev = guarded('http://localhost:5173')
    const a = navigationEvent('http://localhost:5173/index.html')
    const b = navigationEvent('http://localhost:5173/index.html')
    withoutDev.contents.emit('will-navigate', a, a.url)
    withDev.contents.emit('will-navigate', b, b.url)
    expect(a.preventDefault).toHaveBeenCalledOnce()
    expect(b.preventDefault).not.toHaveBeenCalled()
  })
})

describe('window.open and <webview> (security-checks A3)', () => {
  it.each([...HOSTILE_URLS, 'app://bundle/index.html'])('window.open(%s) is denied', (url) => {
    const { contents, denials } = guarded()
    expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
    expect(denials).toEqual([{ kind: 'window-open', target: url }])
  })

  it('prevents every webview from attaching', () => {
    const { contents, denials } = guarded()
    const event = { preventDefault: vi.fn() }
    contents.emit('will-attach-webview', event, {}, { src: 'app://bundle/index.html' })
    expect(event.preventDefault).toHaveBeenCalledOnce()
    expect(denials[0]?.kind).toBe('will-attach-webview')
  })
})

describe('installWebContentsGuards', () => {
  it('guards every webContents the app creates', () => {
    const app = new EventEmitter()
    installWebContentsGuards(
      app as unknown as Pick<App, 'on'>,
      () => false,
      () => undefined,
    )
    const contents = new FakeWebContents()
    app.emit('web-contents-created', {}, contents)
    const event = navigationEvent('https://example.com/')
    contents.emit('will-navigate', event, event.url)
    expect(event.preventDefault).toHaveBeenCalledOnce()
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    })
  })
})
