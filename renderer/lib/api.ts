import type { EventChannel, InvokeChannel } from '../../main/ipc/channels'
import type {
  ChannelInput,
  ChannelOutput,
  EventPayload,
  OutpostBridge,
  Result,
} from '../../main/ipc/contract'

declare global {
  interface Window {
    /** Put there by the preload (Electron) or the loopback shim (browser preview). */
    readonly outpost?: OutpostBridge
  }
}

/** The arguments of {@link invoke} after the channel: the input is optional where it may be. */
export type InvokeArgs<C extends InvokeChannel> =
  undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]

const NO_BRIDGE: Result<never> = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message: 'The Outpost bridge is not available: open this window from the Outpost app.',
  },
}

/**
 * Call one main-process channel.
 *
 * Errors are values: the promise resolves with the `{ ok, value | error }` envelope and never
 * rejects (a rejected bridge promise, which would be a bug in the bridge, becomes `INTERNAL`).
 */
export function invoke<C extends InvokeChannel>(
  channel: C,
  ...args: InvokeArgs<C>
): Promise<Result<ChannelOutput<C>>> {
  const bridge = window.outpost
  if (bridge === undefined) return Promise.resolve(NO_BRIDGE)
  const sent = bridge.invoke(channel, args[0]) as Promise<Result<ChannelOutput<C>>>
  return sent.catch((): Result<never> => ({
    ok: false,
    error: { code: 'INTERNAL', message: `The call to ${channel} failed in the bridge.` },
  }))
}

/**
 * Listen to one event pushed by the main process.
 *
 * Returns the function that stops listening (call it from the effect's cleanup).
 */
export function on<E extends EventChannel>(
  event: E,
  callback: (payload: EventPayload<E>) => void,
): () => void {
  const bridge = window.outpost
  if (bridge === undefined) return () => undefined
  return bridge.on(event, (payload) => {
    callback(payload as EventPayload<E>)
  })
}

/**
 * The host path of a dropped file or folder.
 *
 * Null where the host cannot tell: in the browser preview, and when there is no bridge.
 */
export function pathForFile(file: File): string | null {
  return window.outpost?.pathForFile(file) ?? null
}
