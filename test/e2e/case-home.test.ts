import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSampleEvidence } from '../../main/core/sample/planted-samples'
import { tempDir } from '../helpers/temp-dir'
import { axeViolations, describeViolations } from './axe'
import { createCase, launchChromium, openApp, screenshot } from './browser'
import { startLoopbackApp } from './loopback-app'
import { scanEvidence } from './workbench-driver'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser.close()
})

/** What the page sees of <html> (the node tsconfig has no DOM lib). */
interface HtmlGlobal {
  document: { documentElement: { dataset: Record<string, string | undefined> } }
}

function themeOf(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () => (globalThis as unknown as HtmlGlobal).document.documentElement.dataset.theme,
  )
}

async function expectAccessible(page: Page): Promise<void> {
  const serious = (await axeViolations(page)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  )
  expect(serious, describeViolations(serious)).toEqual([])
}

describe('Case home, Settings and Audit in Chromium, against the real core', () => {
  it('shows the overview of a scanned case, the settings with a theme, and the audit log', async () => {
    const app = await startLoopbackApp(tempDir('outpost-e2e-data-'))
    try {
      const evidence = join(tempDir(), 'sample-evidence')
      await writeSampleEvidence(evidence)
      const { page, errors } = await openApp(browser, app.server.url)
      await createCase(page, 'Home case', 'A. Analyst')
      await scanEvidence(page, evidence)
      const nav = page.getByRole('navigation', { name: 'Sections' })

      await nav.getByRole('button', { name: 'Home', exact: true }).click()
      const score = page.getByRole('img', { name: /^Findings by score:/ })
      await score.waitFor()
      expect(await score.getAttribute('aria-label')).toMatch(/Score 75–100 \d+/)
      await page.getByRole('table', { name: 'Top rules (all scans) (table)' }).waitFor()
      await page.getByRole('progressbar', { name: /% reviewed/ }).waitFor()
      await screenshot(page, 'e2e-case-home')
      await expectAccessible(page)
      await page.getByRole('button', { name: 'Show findings for Score 75–100' }).press('Enter')
      expect(await nav.getByRole('button', { name: 'Findings' }).getAttribute('aria-current')).toBe(
        'page',
      )

      await nav.getByRole('button', { name: 'Settings' }).click()
      await page.getByRole('radio', { name: 'Dark' }).check()
      await expect.poll(() => themeOf(page)).toBe('dark')
      const caseExaminer = page.getByRole('textbox', { name: 'Examiner of this case' })
      await caseExaminer.fill('B. Successor')
      await caseExaminer.press('Enter')
      await page.getByText('Examiner changed; the audit log records it.').waitFor()
      expect(await page.getByRole('banner').textContent()).toContain('B. Successor')
      await screenshot(page, 'e2e-settings-dark')
      await expectAccessible(page)

      await nav.getByRole('button', { name: 'Audit' }).click()
      await page.getByRole('status').filter({ hasText: 'Audit log intact' }).waitFor()
      const entries = page.getByRole('table', { name: 'Audit entries, newest first' })
      const newest = entries.getByRole('row').nth(1)
      expect(await newest.textContent()).toContain('case.examiner-changed')
      await newest.getByRole('button', { name: /^Details of entry/ }).click()
      await entries.getByText('B. Successor', { exact: true }).last().waitFor()
      await screenshot(page, 'e2e-audit')
      await expectAccessible(page)

      await page.reload()
      await page.getByRole('navigation', { name: 'Sections' }).waitFor()
      await expect.poll(() => themeOf(page)).toBe('dark')
      expect(errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
