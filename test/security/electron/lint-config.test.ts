import { join } from 'node:path'
import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * security-checks A1, A3, A5, A6, A12 (and §3's complement to Electronegativity): the project's
 * real eslint.config.mjs catches each planted fault. Snippets are linted as if they were files
 * under main/ or renderer/, so the same `files` globs apply as in `npm run lint`.
 *
 * Type-aware rules are switched off for these virtual files: they would make ESLint build the
 * whole TypeScript program (minutes on a loaded 2-core CI machine). Every rule asserted here is
 * syntactic; `npm run lint` runs the typed ones over the real sources.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..')

let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: join(ROOT, 'eslint.config.mjs'),
    overrideConfig: [
      { files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked },
      { rules: { 'electron-security/no-raw-electron-api-exposure': 'off' } },
    ],
  })
})

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) })
  const messages = result?.messages ?? []
  const fatal = messages.find((m) => m.fatal === true)
  if (fatal !== undefined) throw new Error(`${file}: ${fatal.message}`)
  return messages.map((m) => m.ruleId ?? '(none)')
}

const window = (prefs: string) => `
import { BrowserWindow } from 'electron'
export function open(): BrowserWindow {
  return new BrowserWindow({ webPreferences: { ${prefs} } })
}
`

describe('planted faults in main/ are lint errors', () => {
  it.each([
    // The plugin reports nodeIntegration only beside a remote loadURL: our own selector does.
    ['nodeIntegration: true', 'no-restricted-syntax'],
    ['nodeIntegrationInSubFrames: true', 'no-restricted-syntax'],
    ['contextIsolation: false', 'electron-security/no-context-isolation-disabled'],
    ['sandbox: false', 'electron-security/no-sandbox-disabled'],
    ['webSecurity: false', 'electron-security/no-web-security-disabled'],
    ['allowRunningInsecureContent: true', 'electron-security/no-allow-running-insecure-content'],
    ['experimentalFeatures: true', 'electron-security/no-experimental-features'],
    ["enableBlinkFeatures: 'CSSVariables'", 'electron-security/no-enable-blink-features'],
  ])('%s (in main/window.ts itself)', async (prefs, rule) => {
    expect(await ruleIds(window(prefs), 'main/window.ts')).toContain(rule)
  })

  it("loadURL('file://…') and loadFile (A6), with or without the window in the same file", async () => {
    const sameFile = `
import { BrowserWindow } from 'electron'
const win = new BrowserWindow({ webPreferences: { sandbox: true } })
void win.loadURL('file:///opt/outpost/index.html')
`
    expect(await ruleIds(sameFile, 'main/window.ts')).toContain(
      'electron-security/no-file-protocol-load-url',
    )
    const elsewhere = `
import type { BrowserWindow } from 'electron'
export function load(win: BrowserWindow, root: string): Promise<void>[] {
  return [win.loadURL(\`file://\${root}/index.html\`), win.loadFile('index.html')]
}
`
    const ids = await ruleIds(elsewhere, 'main/window.ts')
    expect(ids.filter((id) => id === 'no-restricted-syntax')).toHaveLength(2)
  })

  it('nodeIntegration beside a remote URL (the plugin rule)', async () => {
    const code = `
import { BrowserWindow } from 'electron'
const win = new BrowserWindow({ webPreferences: { nodeIntegration: true } })
void win.loadURL('http://example.com')
`
    const ids = await ruleIds(code, 'main/window.ts')
    expect(ids).toContain('electron-security/no-node-integration-for-remote-content')
    expect(ids).toContain('electron-security/no-insecure-load-url')
  })

  it('shell.openExternal anywhere (A12)', async () => {
    const code = `
import { shell } from 'electron'
export function open(url: string): Promise<void> {
  return shell.openExternal(url)
}
`
    expect(await ruleIds(code, 'main/services/open-link.ts')).toContain(
      'electron-security/require-factory',
    )
  })

  it('ipcMain.handle / ipcMain.on outside main/ipc/register.ts (A4)', async () => {
    const code = `
import { ipcMain } from 'electron'
ipcMain.handle('case:open', () => 1)
ipcMain.on('case:open', () => undefined)
`
    const ids = await ruleIds(code, 'main/services/side-door.ts')
    expect(ids.filter((id) => id === 'electron-security/require-factory')).toHaveLength(2)
  })

  it('a BrowserWindow outside main/window.ts (A1)', async () => {
    const code = `
import { BrowserWindow } from 'electron'
export const popup = () => new BrowserWindow({ webPreferences: { sandbox: true } })
`
    expect(await ruleIds(code, 'main/services/popup.ts')).toContain(
      'electron-security/require-factory',
    )
  })
})

describe('planted faults in renderer/ are lint errors', () => {
  it('dangerouslySetInnerHTML (react/no-danger)', async () => {
    const code = `
export function Name(props: { html: string }) {
  return <div dangerouslySetInnerHTML={{ __html: props.html }} />
}
`
    expect(await ruleIds(code, 'renderer/features/name.tsx')).toContain('react/no-danger')
  })

  it('innerHTML and insertAdjacentHTML (no-unsanitized)', async () => {
    const code = `
export function show(el: HTMLElement, name: string): void {
  el.innerHTML = name
  el.insertAdjacentHTML('beforeend', name)
}
`
    const ids = await ruleIds(code, 'renderer/features/show.ts')
    expect(ids).toContain('no-unsanitized/property')
    expect(ids).toContain('no-unsanitized/method')
  })
})

describe('control cases: the hardened shapes pass', () => {
  it('the §2.1 window options in main/window.ts', async () => {
    const prefs =
      'sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, ' +
      "allowRunningInsecureContent: false, experimentalFeatures: false, disableBlinkFeatures: 'Auxclick'"
    expect(await ruleIds(window(prefs), 'main/window.ts')).toEqual([])
  })

  it('app:// loads and React text in the renderer', async () => {
    const load = `
import type { BrowserWindow } from 'electron'
export const load = (win: BrowserWindow): Promise<void> => win.loadURL('app://bundle/index.html')
`
    expect(await ruleIds(load, 'main/window.ts')).toEqual([])
    const text = `
export function Name(props: { name: string }) {
  return <div>{props.name}</div>
}
`
    expect(await ruleIds(text, 'renderer/features/name.tsx')).toEqual([])
  })
})
