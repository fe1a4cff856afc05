import { describe, expect, it } from 'vitest'
import { createWindowEventSink } from '../../main/services/window-event-sink'
import type { ScanProgress } from '../../main/core/model/scan'
import { FakeBrowserWindow } from './fake-electron'

const progress = { scanId: 1 } as unknown as ScanProgress

function windowAt(url: string): FakeBrowserWindow {
  const win = new FakeBrowserWindow({})
  win.webContents.url = url
  return win
}

function sinkFor(win: FakeBrowserWindow | null, devServerOrigin?: string) {
  return createWindowEventSink({
    getWindow: () => win,
    ...(devServerOrigin === undefined ? {} : { devServerOrigin }),
  })
}

describe('createWindowEventSink', () => {
  it("sends events to our window's webContents", () => {
    const win = windowAt('app://bundle/index.html')
    sinkFor(win).emit('scan:progress', progress)
    expect(win.webContents.sent).toEqual([{ channel: 'scan:progress', args: [progress] }])
  })

  it('drops events when there is no window, or it is destroyed', () => {
    const destroyed = windowAt('app://bundle/index.html')
    destroyed.destroyed = true
    const contentsGone = windowAt('app://bundle/index.html')
    contentsGone.webContents.destroyed = true
    expect(() => {
      sinkFor(null).emit('scan:progress', progress)
    }).not.toThrow()
    sinkFor(destroyed).emit('scan:progress', progress)
    sinkFor(contentsGone).emit('scan:progress', progress)
    expect(destroyed.webContents.sent).toEqual([])
    expect(contentsGone.webContents.sent).toEqual([])
  })

  it.each(['https://example.com/', 'file:///tmp/x.html', 'app://evil/index.html', 'about:blank'])(
    'sends nothing while the window shows %s',
    (url) => {
      const win = windowAt(url)
      sinkFor(win).emit('scan:progress', progress)
      expect(win.webContents.sent).toEqual([])
    },
  )

  it('sends to the dev server page only in development', () => {
    const win = windowAt('http://localhost:5173/')
    sinkFor(win).emit('scan:progress', progress)
    sinkFor(win, 'http://localhost:5173').emit('scan:progress', progress)
    expect(win.webContents.sent).toHaveLength(1)
  })

  it('sends nothing on a channel outside EVENT_CHANNELS', () => {
    const win = windowAt('app://bundle/index.html')
    sinkFor(win).emit('case:open' as never, progress as never)
    expect(win.webContents.sent).toEqual([])
  })
})
