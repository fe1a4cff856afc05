import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/temp-dir'

// The guard and runner behind `npm test`'s "no network" claim (security-checks A10): they must
// catch what they claim to catch, or a zero in the summary proves nothing.
const GUARD = join(process.cwd(), 'scripts/offline-tests/network-guard.cjs')
const RUNNER = join(process.cwd(), 'scripts/offline-tests/run-offline.mjs')

interface Entry {
  readonly kind: string
  readonly api?: string
  readonly target?: string
}

function guardEnv(): { env: NodeJS.ProcessEnv; log: string } {
  const log = join(tempDir(), 'log.jsonl')
  writeFileSync(log, '')
  const env = { ...process.env, NODE_OPTIONS: `--require=${GUARD}`, OUTPOST_NETWORK_GUARD_LOG: log }
  return { env, log }
}

function entriesOf(log: string): Entry[] {
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Entry)
}

/** Runs `script` in a fresh Node with the guard and a private log; returns the log entries. */
function guarded(script: string): { entries: Entry[]; stdout: string } {
  const { env, log } = guardEnv()
  const result = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' })
  expect(result.status, result.stderr).toBe(0)
  return { entries: entriesOf(log), stdout: result.stdout }
}

/** The same without blocking this process (which may be serving the child). */
async function guardedAsync(script: string): Promise<{ entries: Entry[]; stdout: string }> {
  const { env, log } = guardEnv()
  const child = spawn(process.execPath, ['-e', script], { env })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  expect(code).toBe(0)
  return { entries: entriesOf(log), stdout }
}

const ATTEMPTS = `
const failed = (label) => (e) => console.log(label, e ? e.code ?? e.cause?.code ?? 'error' : 'ok')
const s = require('net').connect(443, '198.51.100.7'); s.on('error', failed('tcp'))
const t = require('tls').connect(443, 'example.org'); t.on('error', failed('tls'))
require('http').get('http://198.51.100.7/x').on('error', failed('http'))
require('https').request('https://example.org/').on('error', failed('https')).end()
require('dns').lookup('example.org', failed('dns'))
require('dns').promises.resolveTxt('example.org').catch(failed('dns.promises'))
new (require('dns').Resolver)().resolve4('example.org', failed('resolver'))
fetch('https://example.org/').catch(failed('fetch'))
const u = require('dgram').createSocket('udp4'); u.send('x', 53, '198.51.100.7', (e) => { failed('udp')(e); u.close() })
setTimeout(() => {}, 300)
`

describe('network guard (security-checks A10)', () => {
  it('records and refuses every kind of network attempt', () => {
    const { entries, stdout } = guarded(ATTEMPTS)
    const apis = entries.filter((e) => e.kind === 'attempt').map((e) => e.api)
    for (const api of [
      'net.Socket.connect',
      'http.get',
      'https.request',
      'dns.lookup',
      'dns.promises.resolveTxt',
      'dns.Resolver.resolve4',
      'fetch',
      'dgram.Socket.send',
    ]) {
      expect(apis).toContain(api)
    }
    // TLS, HTTP and HTTPS each reach a socket connect too: none got through.
    expect(apis.filter((a) => a === 'net.Socket.connect').length).toBeGreaterThanOrEqual(4)
    for (const label of ['tcp', 'tls', 'http', 'https', 'dns', 'dns.promises', 'resolver', 'udp']) {
      expect(stdout).toMatch(new RegExp(`^${label.replace('.', '\\.')} ENETUNREACH$`, 'm'))
    }
    expect(stdout).toMatch(/^fetch ENETUNREACH$/m)
  })

  it('records a listening server, and loads in worker threads too', () => {
    const { entries } = guarded(`
      const server = require('net').createServer()
      server.on('error', () => {})
      server.listen(0, '127.0.0.1', () => server.close())
      new (require('worker_threads').Worker)('1', { eval: true })
      setTimeout(() => {}, 500)
    `)
    expect(entries.filter((e) => e.api === 'net.Server.listen')).toHaveLength(1)
    expect(entries.filter((e) => e.kind === 'loaded').length).toBe(2)
  })

  it('lets a Unix socket through as local IPC, counted apart', async () => {
    const dir = tempDir()
    const socketPath = join(dir, 'ipc.sock')
    const server = createServer((c) => c.end('pong'))
    await new Promise<void>((resolve) => server.listen(socketPath, resolve))
    try {
      const { entries, stdout } = await guardedAsync(
        `require('net').connect(${JSON.stringify(socketPath)}).on('data', (d) => console.log(String(d)))`,
      )
      expect(stdout.trim()).toBe('pong')
      expect(entries.filter((e) => e.kind === 'attempt')).toEqual([])
      expect(entries.filter((e) => e.kind === 'local-ipc')).toHaveLength(1)
    } finally {
      server.close()
    }
  })
})

describe('the offline test runner', () => {
  const env = { ...process.env }
  delete env.NODE_OPTIONS
  delete env.OUTPOST_NETWORK_GUARD_LOG

  it('fails a run that passed but tried the network, naming the attempt', () => {
    const result = spawnSync(
      process.execPath,
      [RUNNER, process.execPath, '-e', "require('dns').lookup('example.org', () => {})"],
      { env, encoding: 'utf8' },
    )
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/1 network attempts recorded/)
    expect(result.stderr).toMatch(/dns\.lookup → example\.org/)
  })

  it('passes a clean run, with __proto__ disabled as a pollution tripwire', () => {
    const protoThrows = 'try { void ({}).__proto__; process.exit(3) } catch { process.exit(0) }'
    const result = spawnSync(process.execPath, [RUNNER, process.execPath, '-e', protoThrows], {
      env,
      encoding: 'utf8',
    })
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/guard loaded in 1 processes and threads, 0 network attempts/)
  })
})
