import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../main/ipc/channels'
import type { OutpostBridge } from '../../main/ipc/contract'
import type { FakeElectron } from './fake-electron'
import { fakeElectron } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron())

let electron: FakeElectron
let bridge: OutpostBridge

beforeAll(async () => {
  electron = fakeElectron(await import('electron'))
  await import('../../main/preload/index')
  bridge = electron.contextBridge.exposed['outpost'] as OutpostBridge
})

beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset()
  electron.ipcRenderer.removeAllListeners()
})

describe('the contextBridge surface (security-checks A5)', () => {
  it('exposes exactly one object, window.outpost', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce()
    expect(Object.keys(electron.contextBridge.exposed)).toEqual(['outpost'])
  })

  it('has exactly the allow-listed keys, each a function, and is frozen', () => {
    const surface = Object.fromEntries(
      Object.entries(bridge as unknown as Record<string, unknown>).map(([k, v]) => [k, typeof v]),
    )
    expect(surface).toEqual({ invoke: 'function', on: 'function', pathForFile: 'function' })
    expect(Object.isFrozen(bridge)).toBe(true)
  })

  it('exposes no Electron object', () => {
    const values = Object.values(bridge as unknown as Record<string, unknown>)
    expect(values).not.toContain(electron.ipcRenderer)
    expect(values).not.toContain(electron.ipcRenderer.invoke)
    expect(values).not.toContain(electron.webUtils.getPathForFile)
  })
})

describe('invoke', () => {
  it.each(INVOKE_CHANNELS)('forwards %s with its one input', async (channel) => {
    electron.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: 1 })
    await expect(bridge.invoke(channel, { a: 1 })).resolves.toEqual({ ok: true, value: 1 })
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, { a: 1 })
  })

  it.each(['scan:progress', 'shell:openExternal', '__proto__', 'constructor', '', 42, null])(
    'refuses channel %s without touching ipcRenderer',
    async (channel) => {
      const result = await bridge.invoke(channel as never, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled()
    },
  )

  it('turns a rejected invoke into an INTERNAL envelope, never a rejection', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    electron.ipcRenderer.invoke.mockRejectedValue(new Error('No handler registered'))
    await expect(bridge.invoke('app:info')).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
  })
})

describe('on', () => {
  it.each(EVENT_CHANNELS)('%s: the callback receives the payload only, never the event', (name) => {
    const callback = vi.fn()
    bridge.on(name, callback)
    const ipcEvent = { sender: electron.ipcRenderer, ports: [] }
    electron.ipcRenderer.emit(name, ipcEvent, { scanId: 1 }, 'extra')
    expect(callback).toHaveBeenCalledOnce()
    expect(callback.mock.calls[0]).toEqual([{ scanId: 1 }])
  })

  it('returns an unsubscribe that removes exactly its listener, once', () => {
    const first = vi.fn()
    const second = vi.fn()
    const unsubscribe = bridge.on('scan:progress', first)
    bridge.on('scan:progress', second)
    unsubscribe()
    unsubscribe()
    electron.ipcRenderer.emit('scan:progress', {}, 'p')
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledWith('p')
    expect(electron.ipcRenderer.listenerCount('scan:progress')).toBe(1)
  })

  it.each(['app:info', 'case:open', 'ipc-message', 'scan:progress ', 7])(
    'refuses to listen on %s',
    (name) => {
      expect(() => bridge.on(name as never, () => undefined)).toThrow(TypeError)
      expect(electron.ipcRenderer.eventNames()).toEqual([])
    },
  )

  it('refuses a callback that is not a function', () => {
    expect(() => bridge.on('scan:progress', 'alert(1)' as never)).toThrow(TypeError)
  })
})

describe('pathForFile', () => {
  it('returns the path webUtils knows, or null', () => {
    const file = new File(['x'], 'disk.E01')
    electron.webUtils.getPathForFile.mockReturnValueOnce('/evidence/disk.E01')
    expect(bridge.pathForFile(file)).toBe('/evidence/disk.E01')
    electron.webUtils.getPathForFile.mockReturnValueOnce('')
    expect(bridge.pathForFile(file)).toBeNull()
    electron.webUtils.getPathForFile.mockImplementationOnce(() => {
      throw new TypeError('not a File')
    })
    expect(bridge.pathForFile(file)).toBeNull()
  })
})
