import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSampleEvidence } from '../../main/core/sample/planted-samples'
import { tempDir } from '../helpers/temp-dir'
import { expectNoSeriousViolations } from './axe'
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

describe('the finding detail in Chromium: hex view, rule source, related', () => {
  it('shows the matched bytes of the file marked in the hex view, moves by keyboard and passes axe', async () => {
    const app = await startLoopbackApp(tempDir('outpost-e2e-data-'))
    try {
      const evidence = join(tempDir(), 'sample-evidence')
      await writeSampleEvidence(evidence)
      const { page, requests, errors } = await openApp(browser, app.server.url)
      await createCase(page, 'Hex view E2E', 'A. Analyst')
      await scanEvidence(page, evidence, 150_000)
      const nav = page.getByRole('navigation', { name: 'Sections' })
      await nav.getByRole('button', { name: 'Findings' }).click()
      const table = page.getByRole('grid', { name: 'Findings' })
      await table.getByText('TEST_EICAR_Antivirus_Test_File').first().click()

      const detail = page.getByRole('region', { name: 'Finding detail' })
      const rows = detail.getByRole('group', { name: /: bytes 0x/ })
      // The EICAR string starts the file: its first bytes, marked, in hex and in the gutter.
      await expect.poll(() => rows.locator('mark').first().textContent()).toMatch(/^58 35 4f 21/)
      expect(await rows.locator('.hex-gutter mark').first().textContent()).toMatch(/^X5O!P%@AP/)
      await expect
        .poll(() => detail.locator('.rule-source .source-line.matched').count())
        .toBeGreaterThan(0)
      await detail.getByText('Same SHA-256 elsewhere', { exact: false }).waitFor()

      await rows.focus()
      await page.keyboard.press('End')
      await page.keyboard.press('Home')
      expect(await rows.locator('.hex-row').first().textContent()).toMatch(/^00000000 /)
      await detail.getByRole('textbox', { name: 'Go to offset' }).fill('0x10')
      await detail.getByRole('button', { name: 'Go', exact: true }).click()
      expect(await rows.locator('.hex-target').textContent()).toMatch(/^00000010 /)
      await rows.scrollIntoViewIfNeeded()
      await screenshot(page, 'e2e-finding-detail-hex')

      await expectNoSeriousViolations(page, 'the finding detail with its hex view', {
        selector: '.detail-pane',
      })
      const origin = app.server.origin
      expect(requests.filter((url) => !url.startsWith(origin))).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
