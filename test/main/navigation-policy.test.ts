import { describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  devServerOrigin,
  isAllowedAppUrl,
  isAllowedRequestUrl,
  isAppUrl,
} from '../../main/security/navigation-policy'

const DEV = 'http://localhost:5173'

describe('isAllowedAppUrl (security-checks A3)', () => {
  it.each([
    [APP_ENTRY_URL, true],
    ['app://bundle/', true],
    ['app://bundle/assets/index-abc123.js', true],
    ['app://bundle/index.html#/findings?x=1', true],
    ['app://bundle.evil/index.html', false],
    ['app://evil/index.html', false],
    ['app://bundle@evil/index.html', false],
    ['app://user:pw@bundle/index.html', false],
    ['app://BUNDLE/index.html', false],
    ['app://bundle:8080/index.html', false],
    ['app:bundle/index.html', false],
    ['app:///index.html', false],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['file:///etc/passwd', false],
    ['file://bundle/index.html', false],
    ['http://127.0.0.1/', false],
    ['http://127.0.0.1:5173/', false],
    [DEV, false],
    ['https://example.com/', false],
    ['about:blank', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['blob:app://bundle/1234', false],
    ['chrome://settings', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['\\\\127.0.0.1\\share', false],
    ['', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedAppUrl(url)).toBe(allowed)
  })

  it('accepts the dev server only when its origin is given explicitly', () => {
    expect(isAllowedAppUrl(`${DEV}/index.html`, DEV)).toBe(true)
    expect(isAllowedAppUrl('http://localhost:5174/', DEV)).toBe(false)
    expect(isAllowedAppUrl('http://127.0.0.1:5173/', DEV)).toBe(false)
    expect(isAllowedAppUrl('ws://localhost:5173/', DEV)).toBe(false)
    expect(isAllowedAppUrl('https://localhost:5173/', DEV)).toBe(false)
  })

  it('refuses non-strings and huge strings', () => {
    expect(isAllowedAppUrl(undefined)).toBe(false)
    expect(isAllowedAppUrl(42)).toBe(false)
    expect(isAppUrl(`${APP_ORIGIN}/${'a'.repeat(10_000)}`)).toBe(false)
  })
})

describe('devServerOrigin', () => {
  it.each([
    ['http://localhost:5173', false, 'http://localhost:5173'],
    ['http://127.0.0.1:5173/', false, 'http://127.0.0.1:5173'],
    ['http://[::1]:5173/', false, 'http://[::1]:5173'],
    ['http://localhost:5173', true, undefined],
    [undefined, false, undefined],
    ['http://192.168.1.10:5173', false, undefined],
    ['http://localhost.evil.com:5173', false, undefined],
    ['https://localhost:5173', false, undefined],
    ['http://user@localhost:5173', false, undefined],
    ['file:///tmp/index.html', false, undefined],
    ['garbage', false, undefined],
  ])('%s (packaged %s) → %s', (url, packaged, origin) => {
    expect(devServerOrigin(url, packaged)).toBe(origin)
  })
})

describe('isAllowedRequestUrl (web-request filter)', () => {
  it.each([
    ['app://bundle/assets/app.js', true],
    ['data:image/png;base64,iVBORw0KGgo=', true],
    ['blob:app://bundle/0f0e-11', true],
    ['blob:https://example.com/0f0e-11', false],
    ['http://127.0.0.1:8080/x', false],
    ['https://example.com/', false],
    ['ws://localhost:5173/', false],
    ['file:///etc/passwd', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['app://evil/x.js', false],
    ['ftp://example.com/', false],
  ])('production: %s → %s', (url, allowed) => {
    expect(isAllowedRequestUrl(url)).toBe(allowed)
  })

  it.each([
    [`${DEV}/@vite/client`, true],
    ['ws://localhost:5173/', true],
    ['devtools://devtools/bundled/inspector.html', true],
    ['http://localhost:9999/', false],
    ['ws://localhost:9999/', false],
    ['https://chrome-devtools-frontend.appspot.com/x', false],
  ])('development: %s → %s', (url, allowed) => {
    expect(isAllowedRequestUrl(url, { devServerOrigin: DEV, allowDevTools: true })).toBe(allowed)
  })
})
