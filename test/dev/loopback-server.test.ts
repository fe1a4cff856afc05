import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LoopbackServer } from '../../main/dev/loopback-server'
import { startLoopbackServer } from '../../main/dev/loopback-server'
import type { HandlerTable } from '../../main/ipc/dispatch'
import { tempDir } from '../helpers/temp-dir'

let server: LoopbackServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

const handlers = {
  'case:current': () => null,
  'app:info': () => ({
    appVersion: 't',
    engine: 'yara-x',
    bindingVersion: 'b',
    platform: 'p',
    transport: 'loopback',
  }),
} as unknown as HandlerTable

async function start(): Promise<LoopbackServer> {
  const base = tempDir()
  const root = join(base, 'renderer')
  mkdirSync(root)
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body></body></html>',
  )
  writeFileSync(join(base, 'secret.txt'), 'secret')
  symlinkSync('/etc/hostname', join(root, 'escape.txt'))
  server = await startLoopbackServer({
    handlers: () => handlers,
    rendererDir: root,
    bridgeScript: '/* bridge */',
  })
  return server
}

/** A raw HTTP request (fetch would normalise `..` and refuse to set Host). */
function send(
  s: LoopbackServer,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const url = new URL(s.origin)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: url.host, ...options.headers },
      },
      (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers })
        })
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const invoke = (s: LoopbackServer, channel: string, headers: Record<string, string>) =>
  send(s, `/__outpost/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: '{"input":null}',
  })

describe('loopback test transport', () => {
  it('listens on 127.0.0.1 only, with the token in the URL fragment', async () => {
    const s = await start()
    expect(s.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(s.url).toBe(`${s.origin}/#token=${s.token}`)
    expect(s.token).toMatch(/^[0-9a-f]{48}$/)
  })

  it('dispatches to the handler table with the token and our origin', async () => {
    const s = await start()
    const response = await invoke(s, 'case:current', {
      'X-Outpost-Token': s.token,
      Origin: s.origin,
    })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: null })
  })

  it.each([
    ['no token', {}],
    ['a wrong token', { 'X-Outpost-Token': 'f'.repeat(48) }],
  ])('refuses a request with %s', async (_label, headers) => {
    const s = await start()
    expect((await invoke(s, 'case:current', { Origin: s.origin, ...headers })).status).toBe(403)
  })

  it('refuses another origin and another Host (no cross-site calls, no DNS rebinding)', async () => {
    const s = await start()
    expect(
      (
        await invoke(s, 'case:current', {
          'X-Outpost-Token': s.token,
          Origin: 'http://evil.example',
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await invoke(s, 'case:current', {
          'X-Outpost-Token': s.token,
          Origin: s.origin,
          Host: 'evil.example',
        })
      ).status,
    ).toBe(421)
  })

  it('serves the renderer with the CSP header and the bridge injected, and nothing outside it', async () => {
    const s = await start()
    const index = await send(s, '/')
    expect(index.status).toBe(200)
    expect(index.headers['content-security-policy']).toMatch(/default-src 'none'/)
    expect(index.body).toContain('<script src="/__bridge.js"></script>')
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/escape.txt',
      '/%00',
    ]) {
      expect((await send(s, path)).status, path).toBe(404)
    }
  })

  it('pushes events to connected pages over server-sent events', async () => {
    const s = await start()
    const url = new URL(s.origin)
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: `/__outpost/events?token=${s.token}` },
        (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString()
            if (text.includes('connected')) s.events.emit('scan:progress', { scanId: 7 } as never)
            if (text.includes('scan:progress')) {
              resolve(text)
              req.destroy()
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(received).toContain('data: {"event":"scan:progress","payload":{"scanId":7}}')
  })
})
