import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dispatch } from '../ipc/dispatch'
import type { HandlerTable } from '../ipc/dispatch'
import type { EventChannel } from '../ipc/channels'
import type { EventPayload } from '../ipc/contract'
import type { EventSink } from '../services/ports'
import { serveStatic } from './static-files'

/** A running loopback transport. */
export interface LoopbackServer {
  /** The page to open, with the per-run token in its fragment (never sent to the server). */
  readonly url: string
  readonly origin: string
  readonly token: string
  /** Pushes events to every connected page. */
  readonly events: EventSink
  close(): Promise<void>
}

/** What to serve. */
export interface LoopbackOptions {
  /** The handler table, set once services exist (they need `events` first). */
  readonly handlers: () => HandlerTable
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string
  /** The bridge shim's JavaScript (see `bridge-script.ts`). */
  readonly bridgeScript: string
  readonly port?: number
}

const MAX_BODY_BYTES = 1024 * 1024

/**
 * The IPC handler table served over HTTP on 127.0.0.1 only, for end-to-end tests and
 * `npm run dev:web` where the Electron binary is not available.
 *
 * Same handlers, same parsing and envelope as Electron's IPC. Every API request needs the random
 * per-run token; the Host and Origin headers must be our own (no DNS rebinding, no other site).
 * Never part of the packaged app.
 */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const token = randomBytes(24).toString('hex')
  const streams = new Set<ServerResponse>()
  let origin = ''
  const server = createServer((request, response) => {
    void route(request, response).catch((error: unknown) => {
      console.error('[loopback]', error)
      if (!response.headersSent) send(response, 500, 'text/plain', 'internal error')
    })
  })
  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.headers.host !== origin.replace('http://', '')) {
      send(response, 421, 'text/plain', 'wrong host')
      return
    }
    const url = new URL(request.url ?? '/', origin)
    if (url.pathname.startsWith('/__outpost/')) {
      if (!hasToken(request, url, token)) {
        send(response, 403, 'text/plain', 'bad token')
        return
      }
      if (url.pathname === '/__outpost/events') {
        openEventStream(response, streams)
        return
      }
      const channel = /^\/__outpost\/invoke\/([a-z]+:[A-Za-z]+)$/.exec(url.pathname)?.[1]
      if (request.method !== 'POST' || channel === undefined) {
        send(response, 404, 'text/plain', 'not found')
        return
      }
      if (request.headers.origin !== origin) {
        send(response, 403, 'text/plain', 'bad origin')
        return
      }
      const input = await readJson(request)
      const result = await dispatch(options.handlers(), channel, input)
      send(response, 200, 'application/json', JSON.stringify(result))
      return
    }
    if (url.pathname === '/__bridge.js') {
      send(response, 200, 'text/javascript', options.bridgeScript)
      return
    }
    return serveStatic(options.rendererDir, url.pathname, response)
  }
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const events: EventSink = {
    emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
      const frame = `event: message\ndata: ${JSON.stringify({ event, payload })}\n\n`
      for (const stream of streams) stream.write(frame)
    },
  }
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end()
        server.close(() => {
          resolve()
        })
        server.closeAllConnections()
      }),
  }
}

function hasToken(request: IncomingMessage, url: URL, token: string): boolean {
  // EventSource cannot send headers, so the event stream takes the token in its query.
  const given = request.headers['x-outpost-token'] ?? url.searchParams.get('token') ?? ''
  const a = Buffer.from(String(given))
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function openEventStream(response: ServerResponse, streams: Set<ServerResponse>): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  })
  response.write(': connected\n\n')
  streams.add(response)
  response.on('close', () => streams.delete(response))
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new Error('request body too large')
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? undefined : (JSON.parse(text) as { input?: unknown }).input
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'Content-Type': `${type}; charset=utf-8`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  response.end(body)
}
