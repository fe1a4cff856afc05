/**
 * `window.outpost` over the loopback test transport (HTTP + server-sent events), for end-to-end
 * tests and `npm run dev:web` in a plain browser. The Electron app never loads this file: there
 * the preload provides the same object over IPC.
 *
 * The per-run token arrives in the URL fragment (never sent to a server) and is kept in
 * sessionStorage so a reload still works.
 */
import type { EventChannel, InvokeChannel } from '../../main/ipc/channels'
import type { OutpostBridge, Result } from '../../main/ipc/contract'

function takeToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token')
  if (fromHash !== null) {
    sessionStorage.setItem('outpost-token', fromHash)
    history.replaceState(null, '', window.location.pathname + window.location.search)
    return fromHash
  }
  return sessionStorage.getItem('outpost-token') ?? ''
}

const token = takeToken()
const listeners = new Map<string, Set<(payload: unknown) => void>>()
const stream = new EventSource(`/__outpost/events?token=${encodeURIComponent(token)}`)
stream.onmessage = (message: MessageEvent<string>): void => {
  const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown }
  for (const listener of listeners.get(event) ?? []) listener(payload)
}

const bridge: OutpostBridge = {
  async invoke(channel: InvokeChannel, input?: unknown): Promise<Result<unknown>> {
    const response = await fetch(`/__outpost/invoke/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Outpost-Token': token },
      body: JSON.stringify({ input }),
    })
    if (!response.ok) {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `Transport error ${response.status}` },
      }
    }
    return (await response.json()) as Result<unknown>
  },
  on(event: EventChannel, callback: (payload: unknown) => void): () => void {
    const set = listeners.get(event) ?? new Set()
    set.add(callback)
    listeners.set(event, set)
    return () => set.delete(callback)
  },
  pathForFile(): string | null {
    return null
  },
}

Object.defineProperty(window, 'outpost', { value: Object.freeze(bridge), writable: false })
