import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/launcher'
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

describe('a disk image in the workbench, in Chromium against the real core', () => {
  it('adds an E01, verifies it, shows its layout and files, scans it and attributes the finding', async () => {
    const app = await startLoopbackApp(tempDir('outpost-e2e-data-'))
    try {
      const image = join(tempDir(), 'laptop.E01')
      copyFileSync(join(ROOT, 'test/fixtures/images/scan/marker-disk.E01'), image)
      const { page, errors } = await openApp(browser, app.server.url)

      await createCase(page, 'Laptop seizure', 'A. Analyst')
      await page.getByRole('textbox', { name: 'Evidence path' }).fill(image)
      await page.getByRole('button', { name: 'Add evidence' }).click()
      await page
        .getByRole('status', { name: 'Integrity of laptop.E01' })
        .filter({ hasText: 'Verified' })
        .waitFor({ timeout: 60_000 })

      await page.getByRole('button', { name: 'laptop.E01', exact: true }).click()
      const layout = page.getByRole('region', { name: 'Image layout' })
      await layout.getByText('MARKERS').first().waitFor()
      await screenshot(page, 'e2e-image-layout')

      await layout
        .getByRole('button', { name: /^Browse files of volume/ })
        .first()
        .click()
      const files = page.getByRole('table', { name: 'Files' })
      await files.getByRole('button', { name: 'Users' }).click()
      await files.getByRole('button', { name: 'alice' }).click()
      await files.getByRole('button', { name: 'Downloads' }).click()
      await files.getByText('eicar.com').waitFor()
      await page
        .getByRole('navigation', { name: 'Folder path' })
        .getByRole('button', { name: 'Root' })
        .click()
      await files.getByText('_raft.txt').waitFor()
      await screenshot(page, 'e2e-image-browser')

      const nav = page.getByRole('navigation', { name: 'Sections' })
      await nav.getByRole('button', { name: 'Scan', exact: true }).click()
      await page.getByRole('button', { name: 'Start scan' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: /Scan #1 completed/ })
        .waitFor({ timeout: 60_000 })
      await nav.getByRole('button', { name: 'Findings' }).click()
      const table = page.getByRole('grid', { name: 'Findings' })
      await table.getByText('TEST_EICAR_Antivirus_Test_File').first().click()
      const detail = page.getByRole('region', { name: 'Finding detail' })
      await detail.getByText('/Users/alice/Downloads/eicar.com').first().waitFor()
      await expect.poll(() => detail.getByText(/fat32 "MARKERS"/).count()).toBeGreaterThan(0)
      await expect.poll(() => detail.getByText('Offset in image').count()).toBeGreaterThan(0)
      await screenshot(page, 'e2e-image-finding')
      expect(errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('shows NTFS streams and both time sets of an entry', async () => {
    const app = await startLoopbackApp(tempDir('outpost-e2e-data-'))
    try {
      const image = join(tempDir(), 'workstation.img')
      writeFileSync(
        image,
        gunzipSync(readFileSync(join(ROOT, 'test/fixtures/images/fs-ntfs.img.gz'))),
      )
      const { page, errors } = await openApp(browser, app.server.url, { width: 1400, height: 1000 })
      await createCase(page, 'Workstation', 'A. Analyst')
      await page.getByRole('textbox', { name: 'Evidence path' }).fill(image)
      await page.getByRole('button', { name: 'Add evidence' }).click()
      await page.getByRole('button', { name: 'workstation.img', exact: true }).click()
      const layout = page.getByRole('region', { name: 'Image layout' })
      await layout.getByText(/ntfs/i).first().waitFor({ timeout: 60_000 })
      await layout
        .getByRole('button', { name: /^Browse files of volume/ })
        .first()
        .click()
      const files = page.getByRole('table', { name: 'Files' })
      await files.getByRole('button', { name: 'docs', exact: true }).click()
      const stream = files.getByRole('row').filter({ hasText: 'report.txt:note' })
      await expect.poll(() => stream.getByText('Stream').count()).toBe(1)
      await files.getByRole('button', { name: 'report.txt', exact: true }).click()
      const details = page.getByRole('region', { name: 'Entry details' })
      await details.getByText('$FILE_NAME').waitFor()
      await expect.poll(() => details.getByText('$STANDARD_INFORMATION').count()).toBe(1)
      await details.scrollIntoViewIfNeeded()
      await screenshot(page, 'e2e-ntfs-entry')
      expect(errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
