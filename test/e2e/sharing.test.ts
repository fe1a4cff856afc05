import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPlantedSamples, writeSampleEvidence } from '../../main/core/sample/planted-samples'
import { tempDir } from '../helpers/temp-dir'
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

/** The DOM calls the screenshot scroll needs (the node tsconfig has no DOM lib). */
interface ScrollableElement {
  closest(selector: string): { scrollIntoView(options: { block: 'start' }): void } | null
}

const PASSPHRASE = 'correct horse battery staple'

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Sections' })
}

/** Mark the first finding TLP:RED and note why, from its detail pane. */
async function restrictFirstFinding(page: Page): Promise<void> {
  await nav(page).getByRole('button', { name: 'Findings' }).click()
  const table = page.getByRole('grid', { name: 'Findings' })
  await table.getByRole('row').nth(1).click()
  const detail = page.getByRole('region', { name: 'Finding detail' })
  await detail.getByRole('combobox', { name: 'TLP of this finding' }).selectOption('red')
  await detail.getByText('TLP saved.').waitFor()
  await detail.getByRole('textbox', { name: 'New note' }).fill('Victim-specific.\nDo not share.')
  await detail.getByRole('button', { name: 'Add note' }).click()
  await detail.getByRole('list', { name: 'Notes' }).getByText('Do not share.').waitFor()
  await detail.getByRole('heading', { name: 'Sharing' }).scrollIntoViewIfNeeded()
  await screenshot(page, 'finding-sharing')
}

async function createSigningKey(page: Page): Promise<void> {
  const form = page.getByRole('form', { name: 'Create signing key' })
  await form.getByRole('textbox', { name: 'Organisation' }).fill('CERT Outpost E2E')
  await form.getByRole('textbox', { name: 'Contact (optional)' }).fill('soc@outpost.example')
  await form.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
  await form.getByLabel('Repeat passphrase').fill(PASSPHRASE)
  await form.getByRole('button', { name: 'Create signing key' }).click()
  await page.getByRole('textbox', { name: 'Public key (send this to partners)' }).waitFor()
}

async function exportBundle(page: Page, folder: string): Promise<string> {
  const form = page.getByRole('form', { name: 'Export' })
  await form.getByRole('combobox', { name: 'TLP of the bundle' }).selectOption('amber')
  await form.getByRole('radio', { name: 'Partner' }).check()
  await form.getByLabel('Signing key passphrase').fill(PASSPHRASE)
  await form.getByRole('button', { name: 'Choose…' }).click()
  await form.getByRole('textbox', { name: 'Destination folder' }).fill(folder)
  await form.getByRole('button', { name: 'Export bundle' }).click()
  const result = page.locator('.export-result')
  await result.getByText('Bundle written').waitFor({ timeout: 60_000 })
  const zip = await result.locator('code.path').first().textContent()
  return zip ?? ''
}

/** Rules of the files the recipient has too (the producer withholds one of them as TLP:RED). */
const SHARED_RULES = new Set([
  'HKTL_Mimikatz_Command_Strings',
  'WEBSHELL_ASP_Eval_Request_One_Liner',
  'HKTL_CobaltStrike_Beacon_Config_Block',
])

/** A second evidence folder holding some of the planted files: the partner saw them too. */
function someOfTheSamples(): string {
  const dir = join(tempDir(), 'mail-server')
  mkdirSync(dir)
  buildPlantedSamples()
    .filter((sample) => SHARED_RULES.has(sample.expect?.rule ?? ''))
    .forEach((sample, i) => {
      writeFileSync(join(dir, `${i}-${basename(sample.relPath)}`), sample.content)
    })
  return dir
}

/**
 * A workbench that has never seen the producer's key: the check stops at the unknown key, and
 * only the explicit "I compared the fingerprint" choice lets the import through.
 */
async function importOnAnotherWorkbench(zip: string): Promise<void> {
  const app = await startLoopbackApp(tempDir('outpost-e2e-data-'))
  try {
    const { page, errors } = await openApp(browser, app.server.url)
    await createCase(page, 'Case C — stranger', 'C. Analyst')
    await page.getByRole('heading', { level: 1, name: 'Case C — stranger' }).waitFor()
    await nav(page).getByRole('button', { name: 'Partners' }).click()
    const check = page.getByRole('form', { name: "Check a partner's bundle" })
    await check.getByRole('textbox', { name: 'Bundle file' }).fill(zip)
    await check.getByRole('button', { name: 'Verify' }).click()
    const warning = check.getByRole('alert').filter({ hasText: 'Signed by a key you do not trust' })
    await warning.waitFor({ timeout: 30_000 })
    expect(await check.getByRole('button', { name: 'Import into this case' }).count()).toBe(0)
    await screenshot(page, 'partner-untrusted')

    await warning.getByRole('checkbox', { name: /I compared the fingerprint/ }).click()
    await check.getByText('Bundle verified').waitFor({ timeout: 30_000 })
    expect(await check.textContent()).toContain('Unknown key')
    await check.getByRole('button', { name: 'Import into this case' }).click()
    await page
      .getByRole('table', { name: /read-only, as sent by CERT Outpost E2E/ })
      .getByRole('row')
      .nth(1)
      .waitFor({ timeout: 30_000 })
    expect(errors).toEqual([])
  } finally {
    await app.close()
  }
}

describe('sharing in Chromium, against the real core', () => {
  it('exports a signed bundle from one case and imports it read-only into another', async () => {
    const app = await startLoopbackApp(tempDir('outpost-e2e-data-'))
    try {
      const evidence = join(tempDir(), 'sample-evidence')
      await writeSampleEvidence(evidence)
      const exportFolder = tempDir('outpost-e2e-export-')
      const { page, requests, errors } = await openApp(browser, app.server.url)

      await createCase(page, 'Case A — producer', 'A. Analyst')
      await scanEvidence(page, evidence)

      await restrictFirstFinding(page)
      await nav(page).getByRole('button', { name: 'Share' }).click()
      await page.getByText(/create a signing key first/i).waitFor()
      await createSigningKey(page)
      const zip = await exportBundle(page, exportFolder)
      expect(zip.startsWith(exportFolder)).toBe(true)
      expect(existsSync(zip)).toBe(true)
      const result = await page.locator('.export-result').textContent()
      expect(result).toContain('TLP:AMBER')
      expect(result).toContain('1 finding withheld')
      await page.locator('.export-result').scrollIntoViewIfNeeded()
      await screenshot(page, 'share-export')
      await page.getByRole('heading', { name: 'Your signing keys' }).scrollIntoViewIfNeeded()
      await screenshot(page, 'share-keys')

      await page.getByRole('button', { name: 'Close case' }).click()
      await createCase(page, 'Case B — recipient', 'B. Analyst')
      await page.getByRole('heading', { level: 1, name: 'Case B — recipient' }).waitFor()
      await scanEvidence(page, someOfTheSamples())
      await nav(page).getByRole('button', { name: 'Partners' }).click()
      const check = page.getByRole('form', { name: "Check a partner's bundle" })
      await check.getByRole('textbox', { name: 'Bundle file' }).fill(zip)
      await check.getByRole('button', { name: 'Verify' }).click()
      await check.getByText('Bundle verified').waitFor({ timeout: 30_000 })
      expect(await check.textContent()).toContain('Own key')
      await screenshot(page, 'partner-verify')
      await check.getByRole('button', { name: 'Import into this case' }).click()

      const table = page.getByRole('table', { name: /read-only, as sent by CERT Outpost E2E/ })
      await table.getByRole('row').nth(1).waitFor({ timeout: 30_000 })
      expect(await table.getByRole('row').count()).toBeGreaterThan(1)
      expect(await table.getByText('Also in this case').count()).toBeGreaterThan(0)
      const bundles = page.getByRole('table', { name: 'Imported bundles' })
      expect(await bundles.textContent()).toContain('CERT Outpost E2E')
      const readOnly = page.getByText('Read-only — as sent by CERT Outpost E2E')
      await readOnly.waitFor()
      await readOnly.evaluate((element: ScrollableElement) => {
        element.closest('section')?.scrollIntoView({ block: 'start' })
      })
      await screenshot(page, 'partner-view')
      await page.emulateMedia({ colorScheme: 'dark' })
      await screenshot(page, 'partner-view-dark')
      await page.emulateMedia({ colorScheme: 'light' })

      const origin = app.server.origin
      expect(requests.filter((url) => !url.startsWith(origin))).toEqual([])
      expect(errors).toEqual([])
      await importOnAnotherWorkbench(zip)
    } finally {
      await app.close()
    }
  }, 180_000)
})
