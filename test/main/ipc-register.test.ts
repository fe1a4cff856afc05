import { afterEach, describe, expect, it, vi } from 'vitest'
import { INVOKE_CHANNELS } from '../../main/ipc/channels'
import type { HandlerTable } from '../../main/ipc/dispatch'
import type { InvokeEventLike, IpcRegistration, SenderPolicy } from '../../main/ipc/register'
import {
  assertTrustedSender,
  registeredIpcChannels,
  registerIpc,
  untrustedSenderReason,
} from '../../main/ipc/register'
import { AppError } from '../../main/core/model/errors'
import type { Denial } from '../../main/security/denial-log'
import { createWindowRegistry } from '../../main/security/window-registry'
import { createFakeElectron, FakeWebContents } from './fake-electron'

const OURS = 7
const policy: SenderPolicy = { registry: { has: (id) => id === OURS } }
const devPolicy: SenderPolicy = { ...policy, devServerOrigin: 'http://localhost:5173' }

function event(
  url: string,
  overrides: Partial<{ id: number; parent: unknown; detached: boolean }> = {},
) {
  return {
    sender: { id: overrides.id ?? OURS },
    senderFrame: { url, parent: overrides.parent ?? null, detached: overrides.detached ?? false },
  }
}

const disposedFrame: InvokeEventLike = {
  sender: { id: OURS },
  get senderFrame(): never {
    throw new Error('Render frame was disposed before WebFrameMain could be accessed')
  },
}

describe('assertTrustedSender (security-checks A4)', () => {
  it.each<[string, InvokeEventLike, SenderPolicy, string | null]>([
    ['our main frame', event('app://bundle/index.html'), policy, null],
    ['our main frame, another route', event('app://bundle/index.html#/scan'), policy, null],
    ['a null senderFrame', { sender: { id: OURS }, senderFrame: null }, policy, 'no sender frame'],
    ['a subframe', event('app://bundle/index.html', { parent: {} }), policy, 'not a main frame'],
    [
      'a detached frame',
      event('app://bundle/index.html', { detached: true }),
      policy,
      'detached frame',
    ],
    [
      'a webContents we did not create',
      event('app://bundle/index.html', { id: 8 }),
      policy,
      'unknown webContents',
    ],
    ['origin app://evil', event('app://evil/index.html'), policy, 'foreign document'],
    ['origin app://bundle.evil', event('app://bundle.evil/index.html'), policy, 'foreign document'],
    [
      'credentials before the host',
      event('app://bundle@evil/index.html'),
      policy,
      'foreign document',
    ],
    ['a file:// page', event('file:///home/analyst/evil.html'), policy, 'foreign document'],
    ['a web page', event('https://example.com/'), policy, 'foreign document'],
    ['about:blank', event('about:blank'), policy, 'foreign document'],
    ['the dev server, in production', event('http://localhost:5173/'), policy, 'foreign document'],
    ['the dev server, in development', event('http://localhost:5173/'), devPolicy, null],
    [
      'another loopback port, in development',
      event('http://localhost:5174/'),
      devPolicy,
      'foreign document',
    ],
    ['a disposed frame', disposedFrame, policy, 'frame unavailable'],
  ])('%s', (_label, ev, senderPolicy, reason) => {
    expect(untrustedSenderReason(ev, senderPolicy)).toBe(reason)
    if (reason === null) {
      expect(() => {
        assertTrustedSender(ev, senderPolicy)
      }).not.toThrow()
    } else {
      expect(() => {
        assertTrustedSender(ev, senderPolicy)
      }).toThrow(expect.objectContaining({ code: 'UNTRUSTED_SENDER' }))
    }
  })
})

function handlerTable() {
  const mocks = Object.fromEntries(
    INVOKE_CHANNELS.map((c) => [c, vi.fn((input: unknown): unknown => ({ channel: c, input }))]),
  )
  return { table: mocks as unknown as HandlerTable, mocks }
}

describe('registerIpc (the one wrapper)', () => {
  let registration: IpcRegistration | undefined

  afterEach(() => {
    registration?.dispose()
    registration = undefined
  })

  function setup() {
    const { ipcMain } = createFakeElectron()
    const { table, mocks: handlers } = handlerTable()
    const denials: Denial[] = []
    registration = registerIpc(ipcMain, table, {
      ...policy,
      onDenied: (d) => denials.push(d),
      reportBug: () => undefined,
    })
    const call = (channel: string, ev: InvokeEventLike, input?: unknown): Promise<unknown> => {
      const handler = ipcMain.handlers.get(channel) as (e: unknown, i: unknown) => Promise<unknown>
      return handler(ev, input)
    }
    return { ipcMain, handlers, denials, call }
  }

  it('registers exactly one handler per invoke channel, and nothing else', () => {
    const { ipcMain } = setup()
    expect(ipcMain.handle).toHaveBeenCalledTimes(INVOKE_CHANNELS.length)
    expect(ipcMain.handle.mock.calls.map(([c]) => c)).toEqual([...INVOKE_CHANNELS])
    expect(ipcMain.on).not.toHaveBeenCalled()
    expect(ipcMain.handleOnce).not.toHaveBeenCalled()
    expect(registeredIpcChannels()).toEqual([...INVOKE_CHANNELS])
    expect(registration?.channels).toEqual([...INVOKE_CHANNELS])
  })

  it('runs a trusted request through dispatch: parsed input, enveloped output', async () => {
    const { handlers, call } = setup()
    const result = await call('case:open', event('app://bundle/index.html'), {
      path: '/c/a.outpost',
    })
    expect(result).toEqual({
      ok: true,
      value: { channel: 'case:open', input: { path: '/c/a.outpost' } },
    })
    expect(handlers['case:open']).toHaveBeenCalledOnce()
  })

  it('parses before running: invalid input never reaches the handler', async () => {
    const { handlers, call } = setup()
    const result = await call('case:open', event('app://bundle/index.html'), {
      path: 'x\0y',
      extra: 1,
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(handlers['case:open']).not.toHaveBeenCalled()
  })

  it('refuses an untrusted sender before parsing, and logs the denial', async () => {
    const { handlers, denials, call } = setup()
    const result = await call('case:open', event('app://evil/index.html'), { path: '/c/a.outpost' })
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER', message: 'This window is not allowed to call Outpost.' },
    })
    expect(handlers['case:open']).not.toHaveBeenCalled()
    expect(denials).toEqual([{ kind: 'ipc-sender', target: 'case:open (foreign document)' }])
  })

  it.each(INVOKE_CHANNELS)('%s is guarded by the sender check', async (channel) => {
    const { handlers, call } = setup()
    const result = await call(channel, { sender: { id: OURS }, senderFrame: null }, undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
    expect(handlers[channel]).not.toHaveBeenCalled()
  })

  it('turns an AppError into its envelope and a bug into INTERNAL', async () => {
    const { handlers, call } = setup()
    handlers['case:current']!.mockImplementation(() => {
      throw new AppError('NO_CASE_OPEN', 'No case is open.')
    })
    handlers['case:recent']!.mockImplementation(() => {
      throw new TypeError('boom')
    })
    const good = event('app://bundle/index.html')
    await expect(call('case:current', good)).resolves.toEqual({
      ok: false,
      error: { code: 'NO_CASE_OPEN', message: 'No case is open.' },
    })
    await expect(call('case:recent', good)).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
  })

  it('refuses to register twice, and dispose removes every handler', () => {
    const { ipcMain } = setup()
    expect(() =>
      registerIpc(ipcMain, handlerTable().table, {
        ...policy,
        onDenied: () => undefined,
      }),
    ).toThrow(/already registered/)
    registration?.dispose()
    registration = undefined
    expect(ipcMain.handlers.size).toBe(0)
    expect(registeredIpcChannels()).toEqual([])
  })
})

describe('createWindowRegistry', () => {
  it('trusts a webContents until it is destroyed', () => {
    const registry = createWindowRegistry()
    const contents = new FakeWebContents()
    registry.add(contents)
    expect(registry.has(contents.id)).toBe(true)
    expect(registry.ids()).toEqual([contents.id])
    contents.destroy()
    expect(registry.has(contents.id)).toBe(false)
  })
})
