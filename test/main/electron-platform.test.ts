import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BaseWindow } from 'electron'
import type { FakeElectron } from './fake-electron'
import { fakeElectron } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron())

let electron: FakeElectron
let platformModule: typeof import('../../main/services/electron-platform')
const win = { id: 1 } as unknown as BaseWindow

beforeAll(async () => {
  electron = fakeElectron(await import('electron'))
  platformModule = await import('../../main/services/electron-platform')
})

beforeEach(() => {
  electron.dialog.showOpenDialog.mockReset()
  electron.dialog.showSaveDialog.mockReset()
})

describe('createElectronPlatform', () => {
  it('picks an evidence folder or file, parented to the window, not added to recents', async () => {
    electron.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/ev/disk'] })
    const platform = platformModule.createElectronPlatform(() => win)
    await expect(platform.pickEvidence('folder')).resolves.toBe('/ev/disk')
    await expect(platform.pickEvidence('file')).resolves.toBe('/ev/disk')
    const [first, second] = electron.dialog.showOpenDialog.mock.calls as unknown as [
      [BaseWindow, { properties: string[] }],
      [BaseWindow, { properties: string[] }],
    ]
    expect(first[0]).toBe(win)
    expect(first[1].properties).toEqual(['openDirectory', 'dontAddToRecent'])
    expect(second[1].properties).toEqual(['openFile', 'dontAddToRecent'])
  })

  it('returns null when the analyst cancels', async () => {
    electron.dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] })
    electron.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' })
    const platform = platformModule.createElectronPlatform(() => null)
    await expect(platform.pickEvidence('file')).resolves.toBeNull()
    await expect(platform.pickCaseFile()).resolves.toBeNull()
    await expect(platform.pickNewCaseFile('x')).resolves.toBeNull()
  })

  it('opens case files through the *.outpost filter', async () => {
    electron.dialog.showOpenDialog.mockResolvedValue({
      canceled: false,
      filePaths: ['/c/a.outpost'],
    })
    const platform = platformModule.createElectronPlatform(() => null)
    await expect(platform.pickCaseFile()).resolves.toBe('/c/a.outpost')
    expect(electron.dialog.showOpenDialog.mock.calls[0]?.[0]).toMatchObject({
      filters: [{ name: 'Outpost case', extensions: ['outpost'] }],
      properties: ['openFile'],
    })
  })

  it('saves new cases as *.outpost, adding the extension when the dialog did not', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({
      canceled: false,
      filePath: '/c/op-bear',
    })
    electron.dialog.showSaveDialog.mockResolvedValueOnce({
      canceled: false,
      filePath: '/c/x.OUTPOST',
    })
    const platform = platformModule.createElectronPlatform(() => win)
    await expect(platform.pickNewCaseFile('Op Bear')).resolves.toBe('/c/op-bear.outpost')
    await expect(platform.pickNewCaseFile('x')).resolves.toBe('/c/x.OUTPOST')
    expect(electron.dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({
      defaultPath: 'Op Bear.outpost',
      filters: [{ name: 'Outpost case', extensions: ['outpost'] }],
    })
  })

  it('opens bundles through the *.zip filter and folders for exports', async () => {
    electron.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/in/b.zip'] })
    const platform = platformModule.createElectronPlatform(() => win)
    await expect(platform.pickBundle()).resolves.toBe('/in/b.zip')
    await platform.pickFolder('Export to')
    expect(electron.dialog.showOpenDialog.mock.calls[0]?.[1]).toMatchObject({
      filters: [{ name: 'Report bundle', extensions: ['zip'] }],
    })
    expect(electron.dialog.showOpenDialog.mock.calls[1]?.[1]).toMatchObject({
      title: 'Export to',
      properties: ['openDirectory', 'createDirectory'],
    })
  })

  it('opens rule packs as a folder, or as a .zip / .yar file', async () => {
    electron.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/usb/p.zip'] })
    const platform = platformModule.createElectronPlatform(() => win)
    await expect(platform.pickRulePack('file')).resolves.toBe('/usb/p.zip')
    await platform.pickRulePack('folder')
    expect(electron.dialog.showOpenDialog.mock.calls[0]?.[1]).toMatchObject({
      filters: [{ extensions: ['zip', 'yar', 'yara'] }],
      properties: ['openFile', 'dontAddToRecent'],
    })
    expect(electron.dialog.showOpenDialog.mock.calls[1]?.[1]).toMatchObject({
      properties: ['openDirectory', 'dontAddToRecent'],
    })
  })

  it("seals signing keys with Electron's safeStorage", () => {
    const platform = platformModule.createElectronPlatform(() => win)
    expect(platform.keychain).toBe(electron.safeStorage)
  })
})

describe('caseFileName', () => {
  it.each([
    ['Op Bear', 'Op Bear.outpost'],
    ['op.outpost', 'op.outpost'],
    ['../../etc/passwd', '_.._etc_passwd.outpost'],
    ['C:\\Windows\\x', 'C__Windows_x.outpost'],
    ['a\u0000b\nc', 'a_b_c.outpost'],
    ['', 'case.outpost'],
    ['...', 'case.outpost'],
    ['x'.repeat(300), `${'x'.repeat(120)}.outpost`],
  ])('%j → %j', (suggested, expected) => {
    expect(platformModule.caseFileName(suggested)).toBe(expected)
  })
})
