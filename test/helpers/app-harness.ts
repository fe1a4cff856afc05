import type { EventChannel } from '../../main/ipc/channels'
import type { ChannelInput, ChannelOutput, EventPayload } from '../../main/ipc/contract'
import { dispatch } from '../../main/ipc/dispatch'
import type { InvokeChannel } from '../../main/ipc/channels'
import { headlessPlatform } from '../../main/dev/headless-platform'
import type { AppServices } from '../../main/services/app-services'
import { createAppServices } from '../../main/services/app-services'
import { ROOT, sourceLauncher } from './launcher'
import { tempDir } from './temp-dir'

/** The real services behind the real handler table, with events recorded. */
export interface AppHarness {
  readonly services: AppServices
  /** The data folder the services use (pack store, keys, settings). */
  readonly dataDir: string
  readonly events: { event: EventChannel; payload: unknown }[]
  /** Invoke through `dispatch`, exactly as Electron's IPC and the loopback transport do. */
  call<C extends InvokeChannel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** The raw envelope, for error cases. */
  raw(channel: string, input?: unknown): ReturnType<typeof dispatch>
  waitFor<E extends EventChannel>(
    event: E,
    predicate?: (payload: EventPayload<E>) => boolean,
  ): Promise<EventPayload<E>>
}

/** Start the services over a fresh data folder. */
export function appHarness(picks: (string | null)[] = []): AppHarness {
  const events: { event: EventChannel; payload: unknown }[] = []
  const waiters: (() => void)[] = []
  const dataDir = tempDir('outpost-data-')
  const services = createAppServices({
    dataDir,
    bundledRulesDir: `${ROOT}rules`,
    platform: headlessPlatform({ picks }),
    events: {
      emit(event, payload) {
        events.push({ event, payload })
        for (const wake of waiters.splice(0)) wake()
      },
    },
    launcher: sourceLauncher(),
    transport: 'loopback',
    appVersion: 'test',
  })
  const raw = (channel: string, input?: unknown) =>
    dispatch(services.handlers, channel, input, () => undefined)
  return {
    services,
    dataDir,
    events,
    raw,
    async call(channel, input) {
      const result = await raw(channel, input)
      if (!result.ok)
        throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
      return result.value as never
    },
    async waitFor(event, predicate) {
      for (;;) {
        const hit = events.find(
          (e) => e.event === event && (predicate?.(e.payload as never) ?? true),
        )
        if (hit) return hit.payload as never
        await new Promise<void>((resolve) => waiters.push(resolve))
      }
    },
  }
}
