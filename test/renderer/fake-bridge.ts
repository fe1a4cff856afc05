import type { EventChannel, InvokeChannel } from '../../main/ipc/channels'
import type { ChannelOutput, EventPayload, OutpostBridge, Result } from '../../main/ipc/contract'
import type { ErrorCode } from '../../main/core/model/errors'

/** A scripted answer for one channel: a value, an envelope, or a function of the input. */
export type Responder<C extends InvokeChannel> =
  | { readonly value: ChannelOutput<C> }
  | { readonly result: Result<ChannelOutput<C>> }
  | ((input: unknown) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>)

/** Scripted answers by channel. */
export type Responses = { readonly [C in InvokeChannel]?: Responder<C> }

/** One recorded call. */
export interface Call {
  readonly channel: InvokeChannel
  readonly input: unknown
}

/** The fake `window.outpost`, plus what a test needs to drive and inspect it. */
export interface FakeBridge {
  readonly calls: readonly Call[]
  /** Inputs of every call to `channel`, in order. */
  inputsOf(channel: InvokeChannel): readonly unknown[]
  respond<C extends InvokeChannel>(channel: C, responder: Responder<C>): void
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void
  listenerCount(event: EventChannel): number
  pathForFile: (file: File) => string | null
}

/** An `ok` envelope. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

/** A failed envelope. */
export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } }
}

function answer(responder: Responder<InvokeChannel> | undefined, channel: string, input: unknown) {
  if (responder === undefined) return fail('INTERNAL', `no scripted response for ${channel}`)
  if (typeof responder === 'function') return responder(input)
  return 'value' in responder ? ok(responder.value) : responder.result
}

/**
 * Install a fake bridge on `window.outpost` that answers from `responses` and records calls.
 *
 * Unscripted channels answer `INTERNAL`, so a test sees a missing script as an error notice.
 */
export function installFakeBridge(responses: Responses = {}): FakeBridge {
  const table = new Map<InvokeChannel, Responder<InvokeChannel>>(
    Object.entries(responses) as [InvokeChannel, Responder<InvokeChannel>][],
  )
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  const calls: Call[] = []
  const fake: FakeBridge = {
    calls,
    inputsOf: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    respond: (channel, responder) => {
      table.set(channel, responder)
    },
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
    pathForFile: () => null,
  }
  const bridge: OutpostBridge = {
    invoke: async (channel, input) => {
      calls.push({ channel, input })
      return answer(table.get(channel), channel, input)
    },
    on: (event, callback) => {
      const set = listeners.get(event) ?? new Set()
      set.add(callback)
      listeners.set(event, set)
      return () => {
        set.delete(callback)
      }
    },
    pathForFile: (file) => fake.pathForFile(file),
  }
  Object.defineProperty(window, 'outpost', { value: bridge, configurable: true, writable: true })
  return fake
}

/** Take the fake bridge off `window` (done after every test by setup.ts). */
export function removeFakeBridge(): void {
  Reflect.deleteProperty(window, 'outpost')
}
