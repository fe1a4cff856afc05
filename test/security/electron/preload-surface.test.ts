import { beforeAll, describe, expect, it } from 'vitest'
import { vi } from 'vitest'
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../main/ipc/channels'
import type { FakeElectron } from '../../main/fake-electron'
import { fakeElectron } from '../../main/fake-electron'

/**
 * security-checks A5: the whole preload surface, committed as a snapshot
 * (snapshots/preload-surface.snap, JSON; not .json so that prettier leaves it as written), so any new exposure (a global, a key, a channel the bridge
 * forwards) shows up as a diff in review. Built by probing the real preload through the fake
 * Electron, not by reading constants: what is recorded is what the page can actually reach.
 * Update on purpose only: `npx vitest run --project node -u <this file>`, then review the diff.
 */
vi.mock('electron', async () => (await import('../../main/fake-electron')).createFakeElectron())

let electron: FakeElectron

beforeAll(async () => {
  electron = fakeElectron(await import('electron'))
  await import('../../../main/preload/index')
})

/** Names to probe: every real channel plus names a page might try. */
const PROBES = [
  ...INVOKE_CHANNELS,
  ...EVENT_CHANNELS,
  'ipc-message',
  'shell:openExternal',
  'app:quit',
  '__proto__',
  'constructor',
  '',
]

async function acceptedByInvoke(invoke: (c: string, i?: unknown) => Promise<unknown>) {
  const accepted: string[] = []
  for (const channel of PROBES) {
    electron.ipcRenderer.invoke.mockReset()
    electron.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: null })
    await invoke(channel, {})
    if (electron.ipcRenderer.invoke.mock.calls.length > 0) accepted.push(channel)
  }
  return accepted.sort()
}

function acceptedByOn(on: (c: string, cb: () => void) => () => void) {
  const accepted: string[] = []
  for (const channel of PROBES) {
    try {
      on(channel, () => undefined)()
      accepted.push(channel)
    } catch {
      // refused
    }
  }
  return accepted.sort()
}

describe('the preload surface (A5)', () => {
  it('matches the committed snapshot', async () => {
    const exposed = electron.contextBridge.exposed
    const bridge = exposed['outpost'] as Record<string, (...args: never[]) => unknown>
    const surface = {
      globals: Object.keys(exposed).sort(),
      frozen: Object.isFrozen(bridge),
      members: Object.fromEntries(
        Object.keys(bridge)
          .sort()
          .map((k) => [k, `${typeof bridge[k]}/${String(bridge[k]?.length)}`]),
      ),
      invokeChannels: await acceptedByInvoke(
        bridge['invoke'] as (c: string, i?: unknown) => Promise<unknown>,
      ),
      eventChannels: acceptedByOn(bridge['on'] as (c: string, cb: () => void) => () => void),
    }
    await expect(`${JSON.stringify(surface, null, 2)}\n`).toMatchFileSnapshot(
      './snapshots/preload-surface.snap',
    )
    // The figures for docs/security.md: 1 global, 3 members, the channel counts.
    expect(surface.globals).toEqual(['outpost'])
    expect(surface.invokeChannels).toHaveLength(INVOKE_CHANNELS.length)
    expect(surface.eventChannels).toHaveLength(EVENT_CHANNELS.length)
  })
})
