import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Session } from 'electron'
import {
  bundleRelativePath,
  createAppProtocolHandler,
  registerAppProtocol,
  resolveBundleRequest,
} from '../../main/security/app-protocol'
import { APP_CSP } from '../../main/security/csp'
import { FakeSession } from './fake-electron'

let root: string
let bundle: string

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'outpost-protocol-')))
  bundle = join(root, 'bundle')
  mkdirSync(join(bundle, 'assets', 'nested'), { recursive: true })
  writeFileSync(join(bundle, 'index.html'), '<!doctype html><title>Outpost</title>')
  writeFileSync(join(bundle, 'assets', 'app-1a2b.js'), 'console.log(1)')
  writeFileSync(join(bundle, 'assets', 'app.css'), 'body{}')
  writeFileSync(join(bundle, 'assets', 'logo.svg'), '<svg/>')
  writeFileSync(join(bundle, 'assets', 'font.woff2'), 'w')
  writeFileSync(join(bundle, 'assets', 'nested', 'deep.json'), '{}')
  writeFileSync(join(bundle, 'assets', 'notes.exe'), 'MZ')
  writeFileSync(join(root, 'secret.txt'), 'top secret')
  writeFileSync(join(root, 'secret.js'), 'steal()')
  mkdirSync(join(root, 'outside'))
  writeFileSync(join(root, 'outside', 'x.js'), 'outside()')
  symlinkSync(join(root, 'secret.js'), join(bundle, 'assets', 'escape.js'))
  symlinkSync(join(root, 'outside'), join(bundle, 'assets', 'linkdir'))
  symlinkSync(join(bundle, 'assets', 'app-1a2b.js'), join(bundle, 'assets', 'alias.js'))
  symlinkSync('../index.html', join(bundle, 'assets', 'relative-alias.html'))
})

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

describe('bundleRelativePath (pure URL checks, security-checks A6)', () => {
  it.each([
    ['app://bundle/index.html', 'index.html'],
    ['app://bundle/', 'index.html'],
    ['app://bundle', 'index.html'],
    ['app://bundle/assets/app-1a2b.js?v=1#x', 'assets/app-1a2b.js'],
    ['app://bundle/assets/my%20file.js', 'assets/my file.js'],
    // The URL parser already folds these inside the root; they stay harmless.
    ['app://bundle/../../etc/passwd', 'etc/passwd'],
    ['app://bundle/a/%2e%2e/%2e%2e/index.html', 'index.html'],
    ['app://bundle/assets/%2e%2e', 'index.html'],
  ])('%s → %s', (url, rel) => {
    expect(bundleRelativePath(url)).toBe(rel)
  })

  it.each([
    'app://evil/index.html',
    'app://bundle.evil/index.html',
    'app://bundle@evil/index.html',
    'app://u:p@bundle/index.html',
    'app://bundle:1/index.html',
    'file:///etc/passwd',
    'http://bundle/index.html',
    'app://bundle/..%2f..%2fetc%2fpasswd',
    'app://bundle/..%2F..%2Fetc%2Fpasswd',
    'app://bundle/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://bundle/%252e%252e/secret.txt',
    'app://bundle/..%5c..%5csecret.txt',
    'app://bundle/..\\..\\secret.txt',
    'app://bundle/assets\\app.css',
    'app://bundle/index.html%00.js',
    'app://bundle/index.html\u0000.js',
    'app://bundle/%00',
    'app://bundle//etc/passwd',
    'app://bundle/assets//app.css',
    'app://bundle/assets/',
    'app://bundle/C:/Windows/win.ini',
    'app://bundle/C:%5CWindows%5Cwin.ini',
    'app://bundle/index.html::$DATA',
    'app://bundle/index.html.',
    'app://bundle/index.html%20',
    'app://bundle/NUL',
    'app://bundle/assets/con.js',
    'app://bundle/%E0%A4%A',
    'app://bundle/%ZZ',
    'not a url',
  ])('%s is refused', (url) => {
    expect(bundleRelativePath(url)).toBeNull()
  })
})

describe('bundleRelativePath under random hostile input', () => {
  const TOKENS = ['..', '.', '/', '\\', '%2e', '%2E', '%2f', '%5c', '%00', '%25', '%', 'a', 'b.js']
  const MORE = [
    ':',
    'C:',
    '\u0000',
    ' ',
    'con',
    '~',
    '//',
    '?',
    '#',
    '%c0%af',
    '\u2215',
    'index.html',
  ]

  it('never names a path that resolves outside the bundle (20 000 seeded cases)', () => {
    let seed = 0x0ddba11
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % n
    }
    const alphabet = [...TOKENS, ...MORE]
    const root = resolve('/srv/bundle')
    for (let run = 0; run < 20_000; run++) {
      const parts = Array.from({ length: 1 + next(8) }, () => alphabet[next(alphabet.length)])
      const url = `app://bundle/${parts.join('')}`
      const rel = bundleRelativePath(url)
      if (rel === null) continue
      const full = resolve(root, ...rel.split('/'))
      expect(relative(root, full).startsWith('..'), url).toBe(false)
      expect(rel.split('/'), url).not.toContain('..')
      expect(
        ['\\', '\u0000', ':'].some((c) => rel.includes(c)),
        url,
      ).toBe(false)
    }
  })
})

describe('resolveBundleRequest (real files, symlinks)', () => {
  it('serves a bundled file with its fixed MIME type and real path', async () => {
    await expect(resolveBundleRequest(bundle, 'app://bundle/assets/app-1a2b.js')).resolves.toEqual({
      status: 200,
      filePath: join(bundle, 'assets', 'app-1a2b.js'),
      mimeType: 'text/javascript; charset=utf-8',
    })
  })

  it.each([
    ['app://bundle/', 'text/html; charset=utf-8'],
    ['app://bundle/assets/app.css', 'text/css; charset=utf-8'],
    ['app://bundle/assets/logo.svg', 'image/svg+xml'],
    ['app://bundle/assets/font.woff2', 'font/woff2'],
    ['app://bundle/assets/nested/deep.json', 'application/json; charset=utf-8'],
    ['app://bundle/ASSETS/../index.html', 'text/html; charset=utf-8'],
  ])('%s → 200 %s', async (url, mimeType) => {
    const result = await resolveBundleRequest(bundle, url)
    expect(result).toMatchObject({ status: 200, mimeType })
  })

  it.each([
    ['a symlink to a file outside', 'app://bundle/assets/escape.js'],
    ['a symlinked folder outside', 'app://bundle/assets/linkdir/x.js'],
    ['an encoded traversal', 'app://bundle/..%2fsecret.txt'],
    ['an encoded traversal to a script', 'app://bundle/assets/..%2f..%2fsecret.js'],
    ['an absolute path', 'app://bundle//etc/hostname.js'],
    ['a type outside the MIME map', 'app://bundle/assets/notes.exe'],
    ['a file without extension', 'app://bundle/assets/nested'],
    ['another host', 'app://evil/index.html'],
  ])('%s → 403', async (_label, url) => {
    await expect(resolveBundleRequest(bundle, url)).resolves.toEqual({ status: 403 })
  })

  it.each([
    ['a missing file', 'app://bundle/assets/missing.js'],
    ['a folder with a known extension', 'app://bundle/assets/nested/deep.json/x.js'],
    ['a parser-folded traversal to a missing file', 'app://bundle/../../secret.txt'],
  ])('%s → 404', async (_label, url) => {
    await expect(resolveBundleRequest(bundle, url)).resolves.toEqual({ status: 404 })
  })

  it('follows symlinks that stay inside the bundle, and answers with the real path', async () => {
    await expect(resolveBundleRequest(bundle, 'app://bundle/assets/alias.js')).resolves.toEqual({
      status: 200,
      filePath: join(bundle, 'assets', 'app-1a2b.js'),
      mimeType: 'text/javascript; charset=utf-8',
    })
    await expect(
      resolveBundleRequest(bundle, 'app://bundle/assets/relative-alias.html'),
    ).resolves.toMatchObject({ status: 200, filePath: join(bundle, 'index.html') })
  })

  it('answers 404 when the bundle folder itself is missing', async () => {
    await expect(
      resolveBundleRequest(join(root, 'no-such-bundle'), 'app://bundle/index.html'),
    ).resolves.toEqual({ status: 404 })
  })
})

describe('the app:// protocol handler', () => {
  const EXPECTED_CSP =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; " +
    "form-action 'none'; frame-src 'none'; frame-ancestors 'none'"

  it('uses exactly the CSP of security-checks §2.3', () => {
    expect(APP_CSP).toBe(EXPECTED_CSP)
  })

  it('serves files with the CSP header, nosniff and the fixed content type', async () => {
    const handler = createAppProtocolHandler(bundle)
    const response = await handler(new Request('app://bundle/index.html'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await response.text()).toBe('<!doctype html><title>Outpost</title>')
  })

  it.each([
    ['app://bundle/assets/escape.js', 403],
    ['app://bundle/..%2fsecret.txt', 403],
    ['app://bundle/assets/missing.js', 404],
  ])('refuses %s with %d, still with CSP and nosniff, and no body', async (url, status) => {
    const response = await createAppProtocolHandler(bundle)(new Request(url))
    expect(response.status).toBe(status)
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toBe('')
  })

  it('refuses methods other than GET and HEAD, and answers HEAD without a body', async () => {
    const readFile = vi.fn(() => Promise.resolve(new Uint8Array([1, 2, 3])))
    const handler = createAppProtocolHandler(bundle, readFile)
    const post = await handler(
      new Request('app://bundle/index.html', { method: 'POST', body: 'x' }),
    )
    const head = await handler(new Request('app://bundle/index.html', { method: 'HEAD' }))
    expect(post.status).toBe(403)
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('answers 404 when the file vanishes between the check and the read', async () => {
    const handler = createAppProtocolHandler(bundle, () => Promise.reject(new Error('ENOENT')))
    expect((await handler(new Request('app://bundle/index.html'))).status).toBe(404)
  })

  it('registers on the given session under the app scheme', () => {
    const ses = new FakeSession('triage')
    registerAppProtocol(ses as unknown as Session, bundle)
    expect([...ses.protocolHandlers.keys()]).toEqual(['app'])
  })
})
