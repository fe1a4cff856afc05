import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Mock } from 'vitest'
import { INVOKE_CHANNELS } from '../../../main/ipc/channels'
import type * as RegisterModule from '../../../main/ipc/register'
import type { FakeElectron } from '../../main/fake-electron'
import { createFakeElectron } from '../../main/fake-electron'

/**
 * security-checks A4: every `ipcMain.handle` made while the real app starts goes through the
 * one wrapper, `registerIpc`, and their number equals INVOKE_CHANNELS.length.
 *
 * The real main/index.ts boots against the fake Electron; `registerIpc` is wrapped so the test
 * knows which `ipcMain.handle` calls happen inside it. A call from anywhere else is a bypass.
 * (The AST test in test/main/static-security.test.ts and the lint rule require-factory catch a
 * bypass in the source; this one catches it at run time, whatever the code's shape.)
 */
const state = vi.hoisted(() => ({
  electron: undefined as unknown as FakeElectron,
  insideWrapper: 0,
  /** For each ipcMain.handle call: its channel and whether registerIpc was on the stack. */
  handleCalls: [] as { channel: string; viaWrapper: boolean }[],
  wrapperCalls: 0,
}))

vi.mock('electron', async () =>
  (await import('../../main/fake-electron')).forwardingModule({
    get current() {
      return state.electron
    },
  }),
)
vi.mock('../../../main/services/app-services', async () => {
  const { INVOKE_CHANNELS: channels } = await import('../../../main/ipc/channels')
  return {
    createAppServices: () => ({
      handlers: Object.fromEntries(channels.map((c) => [c, () => ({ from: c })])),
      shutdown: () => Promise.resolve(),
    }),
  }
})
vi.mock('../../../main/ipc/register', async (importOriginal) => {
  const real = await importOriginal<typeof RegisterModule>()
  return {
    ...real,
    registerIpc: (...args: Parameters<typeof real.registerIpc>) => {
      state.wrapperCalls++
      state.insideWrapper++
      try {
        return real.registerIpc(...args)
      } finally {
        state.insideWrapper--
      }
    },
  }
})

async function startApp(): Promise<FakeElectron> {
  vi.resetModules()
  const electron = createFakeElectron()
  const handle = electron.ipcMain.handle as Mock<(channel: string, handler: unknown) => void>
  const original = handle.getMockImplementation()
  handle.mockImplementation((channel, handler) => {
    state.handleCalls.push({ channel, viaWrapper: state.insideWrapper > 0 })
    original?.(channel, handler)
  })
  state.electron = electron
  await import('../../../main/index')
  electron.app.fireReady()
  await new Promise((resolve) => setTimeout(resolve, 0))
  return electron
}

beforeEach(() => {
  state.handleCalls.length = 0
  state.wrapperCalls = 0
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

afterEach(() => {
  state.electron.app.emit('will-quit', { preventDefault: () => undefined })
  vi.restoreAllMocks()
})

describe('IPC registrations during app start-up (A4)', () => {
  it('every ipcMain.handle goes through registerIpc, one per invoke channel', async () => {
    const electron = await startApp()
    expect(state.wrapperCalls).toBe(1)
    expect(state.handleCalls.length).toBe(INVOKE_CHANNELS.length)
    expect(state.handleCalls.filter((c) => !c.viaWrapper)).toEqual([])
    expect(state.handleCalls.map((c) => c.channel)).toEqual([...INVOKE_CHANNELS])
    expect(electron.ipcMain.handlers.size).toBe(INVOKE_CHANNELS.length)
    expect(electron.ipcMain.on).not.toHaveBeenCalled()
    expect(electron.ipcMain.handleOnce).not.toHaveBeenCalled()
    // The figure reported in docs/security.md.
    expect(INVOKE_CHANNELS.length).toBeGreaterThan(50)
  })

  it('control: a handler registered around the wrapper is seen as a bypass', async () => {
    const electron = await startApp()
    electron.ipcMain.handle('debug:eval', () => undefined)
    expect(state.handleCalls.filter((c) => !c.viaWrapper)).toEqual([
      { channel: 'debug:eval', viaWrapper: false },
    ])
  })
})
