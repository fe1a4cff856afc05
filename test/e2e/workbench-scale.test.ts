import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BigCase } from '../helpers/big-case'
import { makeBigCase } from '../helpers/big-case'
import { tempDir, withSuiteTempDirs } from '../helpers/temp-dir'
import { expectNoSeriousViolations } from './axe'
import { launchChromium, openApp, screenshot } from './browser'
import { startLoopbackApp } from './loopback-app'
import {
  applyTextFilter,
  clearFilters,
  findingRows,
  findingsTable,
  gotoSection,
  openCaseFile,
  openFirstFinding,
  waitForFindingRows,
} from './workbench-driver'

/**
 * The workbench on a case of 100,000 findings (generated, see test/helpers/big-case.ts), in
 * real Chromium against the real core: open, filter, sort, open a detail — each screen
 * screenshotted as `test-results/scale-*.png` and checked with axe-core.
 */
let browser: Browser
let big: BigCase
beforeAll(async () => {
  big = await withSuiteTempDirs(() =>
    Promise.resolve(makeBigCase(tempDir('outpost-scale-'), { findings: 100_000, seed: 8 })),
  )
  browser = await launchChromium()
})
afterAll(async () => {
  await browser.close()
})

/** Screenshot the screen and check it with axe. */
async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, `scale-${name}`)
  await expectNoSeriousViolations(page, `the ${name} screen`)
}

describe('the workbench at scale (100,000 findings)', () => {
  it('opens the case, lists, filters, sorts and opens a finding', async () => {
    const app = await startLoopbackApp(tempDir('outpost-e2e-data-'))
    try {
      const { page, requests, errors } = await openApp(browser, app.server.url)
      await page.getByRole('form', { name: 'Open case' }).waitFor()
      await checkScreen(page, 'start')

      await openCaseFile(page, big.path, big.caseName)
      await checkScreen(page, 'case-opened')

      await gotoSection(page, 'Findings')
      await waitForFindingRows(page)
      const section = page.getByRole('region', { name: 'Findings', exact: true })
      await expect.poll(() => section.textContent()).toContain('100,000')
      // The first rows are the highest-scoring ones: the top rule, on the real files.
      await expect.poll(() => findingRows(page).first().textContent()).toContain(big.topRuleName)
      const shown = await findingRows(page).count()
      expect(shown).toBeGreaterThan(10)
      expect(shown).toBeLessThan(2000) // paged or virtualized: never 100,000 rows in the DOM
      await checkScreen(page, 'findings')
      await page.emulateMedia({ colorScheme: 'dark' })
      await checkScreen(page, 'findings-dark')
      await page.emulateMedia({ colorScheme: 'light' })

      const rule = big.ruleNames[42]!
      await applyTextFilter(page, rule)
      await waitForFindingRows(page, rule)
      await expect.poll(() => section.textContent()).not.toContain('100,000')
      await checkScreen(page, 'filtered')

      await clearFilters(page)
      await expect.poll(() => section.textContent()).toContain('100,000')
      await findingsTable(page).getByRole('button', { name: /^Path/ }).click()
      await expect
        .poll(() =>
          findingsTable(page)
            .getByRole('columnheader', { name: /^Path/ })
            .getAttribute('aria-sort'),
        )
        .toMatch(/ascending|descending/)
      const paths = (await findingRows(page).allTextContents()).slice(0, 20)
      expect(paths.length).toBeGreaterThan(1)
      await checkScreen(page, 'sorted')

      const detail = await openFirstFinding(page)
      await expect.poll(() => detail.textContent()).toContain('Matches')
      await checkScreen(page, 'detail')

      // The detail's file on the timeline, centred on the hit.
      await detail.getByRole('button', { name: 'Show on timeline' }).click()
      await page.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor()
      await page.getByRole('region', { name: 'Timeline events' }).getByRole('table').waitFor()
      await checkScreen(page, 'timeline')

      // Triage without the mouse: focus the grid, move, mark; select three, mark them all.
      await gotoSection(page, 'Findings')
      await waitForFindingRows(page)
      const grid = page.getByRole('grid', { name: 'Findings', exact: true })
      await grid.focus()
      await page.keyboard.press('Home')
      await page.keyboard.press('c')
      const said = page.getByRole('status').filter({ hasText: /marked/ })
      await expect.poll(() => said.first().textContent()).toContain('1 finding marked confirmed')
      await page.keyboard.press('Space')
      await page.keyboard.press('Shift+ArrowDown')
      await page.keyboard.press('Shift+ArrowDown')
      await page.keyboard.press('b')
      await expect.poll(() => said.first().textContent()).toContain('3 findings marked benign')
      await checkScreen(page, 'triaged')

      // The audit view: the chain verifies, and the two triage changes are there, by examiner.
      await gotoSection(page, 'Audit')
      await page.getByRole('status').filter({ hasText: 'Audit log intact' }).waitFor()
      const log = page.getByRole('table', { name: /^Audit entries/ })
      await expect.poll(() => log.getByText('finding.triage').count()).toBe(2)
      await expect.poll(() => log.textContent()).toContain(big.examiner)
      await checkScreen(page, 'audit')

      await gotoSection(page, 'Evidence')
      await page.getByRole('table', { name: 'Evidence' }).waitFor()
      await checkScreen(page, 'evidence')

      await gotoSection(page, 'Home')
      await page.getByRole('heading', { level: 2, name: /home/i }).first().waitFor()
      await page.waitForLoadState('networkidle')
      await checkScreen(page, 'home')

      await gotoSection(page, 'Settings')
      await page.getByRole('heading', { level: 2, name: 'Settings' }).waitFor()
      await page.waitForLoadState('networkidle')
      await checkScreen(page, 'settings')

      expect(requests.filter((url) => !url.startsWith(app.server.origin))).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await app.close()
    }
  }, 240_000)
})
