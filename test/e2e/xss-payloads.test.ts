import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeBigCase } from '../helpers/big-case'
import { tempDir } from '../helpers/temp-dir'
import {
  NAME_PAYLOADS,
  RULE_NAME_PAYLOAD,
  TAG_PAYLOAD,
  TEXT_PAYLOADS,
} from '../helpers/xss-payloads'
import { launchChromium, screenshot } from './browser'
import { startLoopbackApp } from './loopback-app'
import {
  findingRows,
  gotoSection,
  openCaseFile,
  openFirstFinding,
  waitForFindingRows,
} from './workbench-driver'

/**
 * Evidence, rule packs and partners are hostile input: a case whose file and folder names,
 * rule name and meta, match excerpts and notes are HTML/script payloads (each would set
 * `window.__xssFired` if it ran) is opened in real Chromium. Nothing may execute, no dialog may
 * open, the CSP must report no violation (a payload turned into markup would trip it), and the
 * payloads must be on screen as the literal text they are.
 */
let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser.close()
})

/** Installed before any page script: records CSP violations the page reports. */
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
  });`

interface Watched {
  readonly page: Page
  readonly dialogs: string[]
  readonly errors: string[]
}

async function watchedPage(url: string): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  const dialogs: string[] = []
  const errors: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript(RECORD_VIOLATIONS)
  await page.goto(url)
  return { page, dialogs, errors }
}

/** Nothing ran: no marker, no dialog, no CSP report. */
async function expectNothingExecuted(watched: Watched, where: string): Promise<void> {
  const state = await watched.page.evaluate<{ fired: unknown; csp: string[] | null }>(
    '({ fired: window.__xssFired ?? null, csp: window.__cspViolations ?? null })',
  )
  expect(state.fired, `a payload executed on ${where}`).toBeNull()
  expect(state.csp, `the CSP listener is installed (${where})`).not.toBeNull()
  expect(state.csp, `CSP violations on ${where}`).toEqual([])
  expect(watched.dialogs, `dialogs on ${where}`).toEqual([])
}

/** `text` is on screen, literally (as text, not markup). */
async function expectLiteral(scope: Page | Locator, text: string): Promise<void> {
  await expect
    .poll(() => scope.getByText(text, { exact: false }).count(), { timeout: 10_000 })
    .toBeGreaterThan(0)
}

describe('hostile values in Chromium', () => {
  it('shows every payload as text and runs none of them', async () => {
    const big = makeBigCase(tempDir(), { findings: 300, seed: 11, hostile: true })
    const app = await startLoopbackApp(tempDir('outpost-e2e-data-'))
    try {
      const watched = await watchedPage(app.server.url)
      const { page } = watched
      await openCaseFile(page, big.path, big.caseName)
      await expectLiteral(page, TEXT_PAYLOADS[4])
      await expectNothingExecuted(watched, 'the case header')

      await gotoSection(page, 'Findings')
      await waitForFindingRows(page)
      await expect.poll(() => findingRows(page).first().textContent()).toContain(RULE_NAME_PAYLOAD)
      await expectLiteral(page, NAME_PAYLOADS[0])
      await screenshot(page, 'xss-findings')
      await expectNothingExecuted(watched, 'the findings table')

      const detail = await openFirstFinding(page)
      await expectLiteral(detail, TEXT_PAYLOADS[0]) // rule author
      await expectLiteral(detail, TEXT_PAYLOADS[6]) // rule reference
      await expectLiteral(detail, TEXT_PAYLOADS[4]) // description, note
      await expectLiteral(detail, TAG_PAYLOAD) // a tag
      // The note's markdown link may show as text or as a safe link, never a javascript: one.
      const unsafe = detail.locator(
        'a[href^="javascript" i], [onerror], [onload], [onmouseover], img[src="x"], iframe, script, object',
      )
      expect(await unsafe.count()).toBe(0)
      await screenshot(page, 'xss-detail')
      await expectNothingExecuted(watched, 'the finding detail')

      await gotoSection(page, 'Evidence')
      await page.getByRole('button', { name: 'laptop-alice (triage copy)' }).click()
      const files = page.getByRole('table', { name: 'Files' })
      for (const folder of ['C', 'Users', 'alice']) {
        await files.getByRole('button', { name: folder, exact: true }).click()
        await page.getByRole('navigation', { name: 'Folder path' }).getByText(folder).waitFor()
      }
      await expectLiteral(page, NAME_PAYLOADS[2]) // a folder name
      await files.getByRole('button', { name: 'Downloads', exact: true }).click()
      await expectLiteral(page, `${NAME_PAYLOADS[0]} 0.exe`) // a file name
      const hexTab = page.getByRole('tab', { name: 'Hex' })
      if ((await hexTab.count()) > 0) {
        // The real file's bytes hold the payloads: the ASCII gutter shows them as characters.
        await files.getByRole('button', { name: `${NAME_PAYLOADS[0]} 0.exe` }).click()
        await hexTab.first().click()
        const nextMatch = page.getByRole('button', { name: 'Next match' })
        if ((await nextMatch.count()) > 0) await nextMatch.first().click()
        await page.waitForLoadState('networkidle')
      }
      await screenshot(page, 'xss-evidence')
      await expectNothingExecuted(watched, 'the evidence browser')

      await gotoSection(page, 'Audit')
      await page.getByRole('button', { name: 'Verify audit log' }).click()
      await page.getByRole('status').filter({ hasText: 'Audit log intact' }).waitFor()
      await screenshot(page, 'xss-audit')
      await expectNothingExecuted(watched, 'the audit view')
      expect(watched.errors).toEqual([])
    } finally {
      await app.close()
    }
  }, 120_000)

  it('would notice a payload that got into the page as markup (control)', async () => {
    const app = await startLoopbackApp(tempDir('outpost-e2e-data-'))
    try {
      const watched = await watchedPage(app.server.url)
      await watched.page.getByRole('form', { name: 'Open case' }).waitFor()
      // What a renderer bug would do: evidence text parsed as HTML.
      await watched.page.evaluate(
        `document.body.append(Object.assign(document.createElement('div'), { innerHTML: ${JSON.stringify(NAME_PAYLOADS[0])} }))`,
      )
      await expect
        .poll(() => watched.page.evaluate('window.__cspViolations.length'), { timeout: 10_000 })
        .toBeGreaterThan(0)
      await expect(expectNothingExecuted(watched, 'the control page')).rejects.toThrow(/CSP/)
    } finally {
      await app.close()
    }
  })
})
