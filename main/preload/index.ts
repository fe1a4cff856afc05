import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { EVENT_CHANNELS, INVOKE_CHANNELS, isEventChannel, isInvokeChannel } from '../ipc/channels'

/*
 * The preload: the only code that sees both the page and Electron.
 *
 * It exposes ONE frozen object, `window.outpost`, implementing `OutpostBridge` (main/ipc/
 * contract.ts; a test checks the shape, since the preload may import only `electron` and the
 * channel list). No Electron object crosses the bridge: not `ipcRenderer`, not the event.
 */

/** The global the renderer reads (`renderer/lib/api.ts`). */
export const BRIDGE_KEY = 'outpost'

type Failure = {
  readonly ok: false
  readonly error: { readonly code: 'INVALID_INPUT' | 'INTERNAL'; readonly message: string }
}

function failure(code: 'INVALID_INPUT' | 'INTERNAL', message: string): Failure {
  return { ok: false, error: { code, message } }
}

// Copies, so a page that mutates what it is given cannot widen the allow-lists.
const invokeChannels: readonly string[] = Object.freeze([...INVOKE_CHANNELS])
const eventChannels: readonly string[] = Object.freeze([...EVENT_CHANNELS])

/** Send one request; errors come back as values, never as rejections. */
async function invoke(channel: unknown, input?: unknown): Promise<unknown> {
  if (!isInvokeChannel(channel) || !invokeChannels.includes(channel)) {
    return failure('INVALID_INPUT', `Unknown channel ${JSON.stringify(String(channel))}`)
  }
  try {
    return (await ipcRenderer.invoke(channel, input)) as unknown
  } catch (error: unknown) {
    // Only a missing handler or a torn-down process gets here: dispatch never throws.
    console.error(`[preload] ${channel} failed`, error)
    return failure('INTERNAL', 'The request did not reach the main process.')
  }
}

/** Subscribe to a push channel; the callback gets the payload only. Returns the unsubscribe. */
function on(event: unknown, callback: unknown): () => void {
  if (!isEventChannel(event) || !eventChannels.includes(event)) {
    throw new TypeError(`Unknown event ${JSON.stringify(String(event))}`)
  }
  if (typeof callback !== 'function') throw new TypeError('callback must be a function')
  const listener = (_event: unknown, payload: unknown): void => {
    ;(callback as (payload: unknown) => void)(payload)
  }
  ipcRenderer.on(event, listener)
  let subscribed = true
  return () => {
    if (!subscribed) return
    subscribed = false
    ipcRenderer.removeListener(event, listener)
  }
}

/** The host path of a dropped file, or null for files not backed by disk. */
function pathForFile(file: unknown): string | null {
  try {
    const path = webUtils.getPathForFile(file as File)
    return path === '' ? null : path
  } catch {
    return null
  }
}

contextBridge.exposeInMainWorld(BRIDGE_KEY, Object.freeze({ invoke, on, pathForFile }))
