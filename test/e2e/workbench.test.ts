import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPlantedSamples, writeSampleEvidence } from '../../main/core/sample/planted-samples'
import { tempDir } from '../helpers/temp-dir'
import { createCase, launchChromium, openApp, screenshot } from './browser'
import { startLoopbackApp } from './loopback-app'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser.close()
})

describe('the workbench in Chromium, against the real core', () => {
  it('creates a case, adds evidence, scans it and shows the planted findings and their detail', async () => {
    const app = await startLoopbackApp(tempDir('outpost-e2e-data-'))
    try {
      const evidence = join(tempDir(), 'sample-evidence')
      await writeSampleEvidence(evidence)
      symlinkSync('/etc/passwd', join(evidence, 'passwd-link'))
      const positives = buildPlantedSamples().filter((s) => s.expect !== null)
      const { page, requests, errors } = await openApp(browser, app.server.url)

      await createCase(page, 'Operation Outpost E2E', 'A. Analyst')
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Operation Outpost E2E')

      await page.getByRole('textbox', { name: 'Evidence path' }).fill(evidence)
      await page.getByRole('button', { name: 'Add evidence' }).click()
      await page
        .getByRole('table', { name: 'Evidence' })
        .getByText('sample-evidence', { exact: true })
        .waitFor()
      await screenshot(page, 'e2e-evidence')

      const nav = page.getByRole('navigation', { name: 'Sections' })
      await nav.getByRole('button', { name: 'Scan', exact: true }).click()
      await page.getByRole('button', { name: 'Start scan' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: /Scan #1 completed/ })
        .waitFor({ timeout: 60_000 })
      await screenshot(page, 'e2e-scan-completed')

      await nav.getByRole('button', { name: 'Findings' }).click()
      const table = page.getByRole('grid', { name: 'Findings' })
      await table.getByRole('row').nth(1).waitFor()
      await expect.poll(() => table.getByRole('row').count()).toBe(positives.length + 1)
      for (const sample of positives) {
        expect(
          await table.getByText(sample.relPath, { exact: false }).count(),
          sample.relPath,
        ).toBeGreaterThan(0)
      }
      await screenshot(page, 'e2e-findings-table')

      const eicar = positives.find((s) => s.expect!.rule === 'TEST_EICAR_Antivirus_Test_File')!
      await table.getByText('TEST_EICAR_Antivirus_Test_File').first().click()
      const detail = page.getByRole('region', { name: 'Finding detail' })
      await detail.getByText(eicar.relPath, { exact: false }).first().waitFor()
      await expect
        .poll(() => detail.getByText('outpost-default', { exact: false }).count())
        .toBeGreaterThan(0)
      await screenshot(page, 'e2e-finding-detail')
      await detail.getByText(/^Matches \(/).scrollIntoViewIfNeeded()
      await screenshot(page, 'e2e-finding-matches')

      await nav.getByRole('button', { name: 'Coverage' }).click()
      const coverage = page.getByRole('table', { name: 'Coverage' })
      await coverage.getByText('passwd-link').waitFor()
      await expect.poll(() => coverage.getByRole('row').count()).toBe(2)
      await screenshot(page, 'e2e-coverage')

      await nav.getByRole('button', { name: 'Audit' }).click()
      await page.getByRole('button', { name: 'Verify audit log' }).click()
      await page.getByRole('status').filter({ hasText: 'Audit log intact' }).waitFor()

      const origin = app.server.origin
      expect(requests.filter((url) => !url.startsWith(origin))).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('drives the findings table from the keyboard: arrows move, Enter opens the detail', async () => {
    const app = await startLoopbackApp(tempDir('outpost-e2e-data-'))
    try {
      const evidence = join(tempDir(), 'sample-evidence')
      await writeSampleEvidence(evidence)
      const { page } = await openApp(browser, app.server.url)
      const form = page.getByRole('form', { name: 'New case' })
      await form.getByRole('textbox', { name: 'Case name' }).fill('Keyboard')
      await form.getByRole('textbox', { name: 'Examiner' }).fill('K. Board')
      await form.getByRole('textbox', { name: 'Examiner' }).press('Enter')
      await page
        .getByRole('region', { name: 'Next steps' })
        .getByRole('button', { name: 'Add evidence' })
        .press('Enter')
      await page.getByRole('textbox', { name: 'Evidence path' }).fill(evidence)
      await page.getByRole('textbox', { name: 'Evidence path' }).press('Enter')
      await page
        .getByRole('table', { name: 'Evidence' })
        .getByText('sample-evidence', { exact: true })
        .waitFor()
      const nav = page.getByRole('navigation', { name: 'Sections' })
      await nav.getByRole('button', { name: 'Scan', exact: true }).click()
      // press() does not wait for a button to be enabled (click() does): the button stays
      // disabled until the evidence list has loaded, so wait for the enabled one.
      await page.getByRole('button', { name: 'Start scan', disabled: false }).press('Enter')
      await page
        .getByRole('status')
        .filter({ hasText: /completed/ })
        .waitFor({ timeout: 60_000 })
      await nav.getByRole('button', { name: 'Findings' }).click()
      const table = page.getByRole('grid', { name: 'Findings' })
      await table.getByRole('row').nth(1).waitFor()
      await table.focus()
      await page.keyboard.press('ArrowDown')
      await page.keyboard.press('Enter')
      const secondRuleName = await table
        .getByRole('row')
        .nth(2)
        .getByRole('gridcell')
        .first()
        .textContent()
      const detail = page.getByRole('region', { name: 'Finding detail' })
      await detail
        .getByText(secondRuleName ?? '', { exact: false })
        .first()
        .waitFor()
    } finally {
      await app.close()
    }
  })
})
