import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import react from '@vitejs/plugin-react'
import type { Browser } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bridgeScript } from '../../main/dev/bridge-script'
import { headlessPlatform } from '../../main/dev/headless-platform'
import { startLoopbackServer } from '../../main/dev/loopback-server'
import type { LoopbackServer } from '../../main/dev/loopback-server'
import { dispatch } from '../../main/ipc/dispatch'
import { createAppServices } from '../../main/services/app-services'
import type { AppServices } from '../../main/services/app-services'
import { ROOT, sourceLauncher } from '../helpers/launcher'
import { tempDir, withSuiteTempDirs } from '../helpers/temp-dir'
import { launchChromium, openApp, screenshot } from './browser'

const MARKER = 'outpost-marker'
/** The marker written in hex: yara-x warns `text_as_hex`, the one diagnostic of the screenshot. */
const MARKER_HEX = Buffer.from(MARKER)
  .toString('hex')
  .toUpperCase()
  .replace(/(..)(?!$)/g, '$1 ')

const FIXED = `rule Planted_Marker : e2e
{
    meta:
        author = "Outpost E2E"
        description = "Detects the planted marker <img src=x onerror=alert(1)>"
        score = 60
    strings:
        $m = { ${MARKER_HEX} }
    condition:
        $m and filesize < 1MB
}
`
const BROKEN = FIXED.replace('$m and filesize', '$m and $x and filesize')

let browser: Browser
let services: AppServices
let server: LoopbackServer
let dataDir: string
let fileId: number
let evidenceId: number

async function call(channel: string, input?: unknown): Promise<unknown> {
  const result = await dispatch(services.handlers, channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value
}

async function waitForScans(): Promise<{ id: number; status: string; findingCount: number }[]> {
  for (;;) {
    const scans = (await call('scan:list')) as {
      id: number
      status: string
      findingCount: number
    }[]
    if (scans.every((s) => s.status !== 'running')) return scans
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** Build the rule editor's own page (test/renderer/pages/rule-editor) with the app's styles. */
async function buildPage(): Promise<string> {
  const outDir = join(tempDir('outpost-e2e-page-'), 'page')
  await build({
    configFile: false,
    root: join(ROOT, 'test/renderer/pages/rule-editor'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  })
  return outDir
}

beforeAll(async () => {
  await withSuiteTempDirs(async () => {
    browser = await launchChromium()
    const pageDir = await buildPage()
    dataDir = tempDir('outpost-e2e-data-')
    server = await startLoopbackServer({
      handlers: () => services.handlers,
      rendererDir: pageDir,
      bridgeScript: bridgeScript(),
    })
    services = createAppServices({
      dataDir,
      bundledRulesDir: join(ROOT, 'rules'),
      platform: headlessPlatform(),
      events: server.events,
      launcher: sourceLauncher(),
      transport: 'loopback',
      appVersion: 'e2e',
    })
    const evidence = join(tempDir(), 'workstation')
    mkdirSync(join(evidence, 'Users/ana'), { recursive: true })
    writeFileSync(
      join(evidence, 'Users/ana/notes.bin'),
      Buffer.concat([Buffer.alloc(0x40, 0x2e), Buffer.from(MARKER), Buffer.from([0, 1, 2])]),
    )
    writeFileSync(join(evidence, 'Users/ana/clean.txt'), 'nothing here')
    await call('case:create', { name: 'Rule editor E2E', examiner: 'E. Analyst' })
    evidenceId = ((await call('evidence:add', { path: evidence })) as { id: number }).id
    // A scan with the default pack records the files, so they have ids to test on.
    await call('scan:start', { evidenceIds: [evidenceId] })
    await waitForScans()
    const listing = (await call('evidence:files', { evidenceId, parent: 'Users/ana' })) as {
      rows: { fileId: number; name: string }[]
    }
    fileId = listing.rows.find((r) => r.name === 'notes.bin')?.fileId ?? 0
  })
})

afterAll(async () => {
  await services.shutdown()
  await server.close()
  await browser.close()
})

describe('the rule editor in Chromium', () => {
  it('shows live diagnostics, tests on a file and on evidence, and saves', async () => {
    expect(fileId).toBeGreaterThan(0)
    const url = new URL(server.url)
    url.search = `?file=${fileId}`
    const { page, errors, requests } = await openApp(browser, url.toString(), {
      width: 1400,
      height: 1000,
    })
    const source = page.getByRole('textbox', { name: 'Rule source' })
    await source.waitFor()

    await source.fill(BROKEN)
    const errorList = page.getByRole('list', { name: 'Errors' })
    await errorList.getByText('unknown pattern `$x`').waitFor()
    expect(await errorList.textContent()).toMatch(
      /^10:16 E\d+ unknown pattern `\$x` \(rule Planted_Marker\)$/,
    )
    expect(await page.getByRole('button', { name: 'Test on file' }).isDisabled()).toBe(true)

    await source.fill(FIXED)
    const warnings = page.getByRole('list', { name: 'Warnings' })
    await warnings.getByText('text_as_hex').waitFor()
    await page.getByText('0 errors, 1 warning.').waitFor()
    expect(await page.getByRole('list', { name: 'Errors' }).count()).toBe(0)

    await page.getByRole('textbox', { name: 'File name' }).fill('planted_marker.yar')
    await source.press('Control+s')
    await page.getByText(/Saved planted_marker\.yar/).waitFor()
    expect(readFileSync(join(dataDir, 'authoring/rules/planted_marker.yar'), 'utf8')).toBe(FIXED)
    await page
      .getByRole('navigation', { name: 'Authoring files' })
      .getByText('planted_marker.yar')
      .waitFor()

    await source.press('Control+Enter')
    const matches = page.getByRole('table', { name: 'Matches' })
    await matches.waitFor()
    const row = matches.getByRole('row').nth(1)
    expect(await row.textContent()).toContain('64 (0x40)')
    expect(await row.textContent()).toContain(MARKER)
    // The rule's markup is shown as text in the highlighted layer, never as an element.
    expect(await page.locator('.rule-editor-highlight img').count()).toBe(0)
    await page
      .locator('.rule-editor-highlight')
      .getByText('<img src=x onerror=alert(1)>', { exact: false })
      .waitFor()
    // The textarea's (transparent) text lies exactly over the highlighted copy: same font, and
    // a long line is as wide in both.
    interface Styled {
      ownerDocument: { defaultView: { getComputedStyle(e: unknown): Record<string, string> } }
    }
    const fontOf = (selector: string) =>
      page.locator(selector).evaluate((el: Styled) => {
        const style = el.ownerDocument.defaultView.getComputedStyle(el)
        return [style['fontFamily'], style['fontSize'], style['lineHeight'], style['fontWeight']]
      })
    expect(await fontOf('.rule-editor-highlight code')).toEqual(await fontOf('.rule-editor-input'))
    const shot = await screenshot(page, 'rule-editor')
    expect(existsSync(shot)).toBe(true)

    // The highlighted layer and the gutter follow the textarea when it scrolls.
    await source.fill(Array.from({ length: 80 }, (_, i) => `// line ${i + 1}`).join('\n'))
    await page.locator('.gutter-line').nth(79).waitFor()
    const scrolled = await source.evaluate((el: { scrollTop: number; scrollHeight: number }) => {
      el.scrollTop = el.scrollHeight
      return el.scrollTop
    })
    expect(scrolled).toBeGreaterThan(1000)
    const scrollOf = (selector: string) =>
      page.locator(selector).evaluate((el: { scrollTop: number }) => el.scrollTop)
    await expect.poll(() => scrollOf('.rule-editor-highlight')).toBe(scrolled)
    expect(await scrollOf('.rule-editor-gutter')).toBe(scrolled)
    await source.fill(`rule Long { condition: ${'true and '.repeat(60)}true }`)
    await page.locator('.rule-editor-highlight').getByText('rule', { exact: true }).waitFor()
    const widthOf = (selector: string) =>
      page.locator(selector).evaluate((el: { scrollWidth: number }) => el.scrollWidth)
    expect(await widthOf('.rule-editor-input')).toBeGreaterThan(2000)
    // Chromium leaves a textarea's right padding (8 px) out of its scrollWidth; a font off by
    // 1 px would be ~300 px apart on this line.
    const gap = (await widthOf('.rule-editor-highlight')) - (await widthOf('.rule-editor-input'))
    expect(Math.abs(gap)).toBeLessThanOrEqual(10)
    await source.fill(FIXED)

    await page.getByRole('button', { name: 'Test on evidence' }).click()
    await page.getByText(/Scan #2 started with these rules only/).waitFor()
    const scans = await waitForScans()
    expect(scans.find((s) => s.id === 2)).toMatchObject({ status: 'completed', findingCount: 1 })

    expect(errors).toEqual([])
    expect(requests.every((r) => r.startsWith(server.origin))).toBe(true)
  })
})
