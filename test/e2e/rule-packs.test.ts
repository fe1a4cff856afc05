import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TrustStore } from '../../main/core/share/keys/trust-store'
import { RulesService } from '../../main/services/rules-service'
import { ROOT, sourceLauncher } from '../helpers/launcher'
import {
  ADDED_RULE,
  LOGIC_CHANGED_RULE,
  REMOVED_RULE,
  signedPackUpdate,
} from '../helpers/pack-update'
import { workbench } from '../helpers/shared-case'
import { signedPack } from '../helpers/signed-pack'
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

const PUBLISHER = 'Harbour CSIRT'

/**
 * An analyst's data folder that trusts the publisher's key and has v1 of its pack installed
 * and active (through the same service the app uses).
 */
async function dataDirWithV1(publisher: ReturnType<typeof workbench>): Promise<string> {
  const dataDir = tempDir('outpost-e2e-data-')
  TrustStore.forDataDir(dataDir).add({
    publicKeyText: publisher.signer.publicKeyText,
    org: PUBLISHER,
    addedBy: 'e2e',
  })
  const rules = new RulesService({
    dataDir,
    bundledRulesDir: `${ROOT}rules`,
    launcher: sourceLauncher(),
  })
  const preview = await rules.prepareImport(signedPack(publisher, '1.0.0', 1))
  rules.confirmImport(preview.token)
  return dataDir
}

/** A public rule folder with one rule that does not compile: dropped, the rest imported. */
async function importPlainFolder(page: Page): Promise<void> {
  const folder = join(tempDir(), 'Public Set')
  mkdirSync(folder)
  writeFileSync(
    join(folder, 'good.yar'),
    'rule Public_Marker { strings: $a = "pm-1" condition: $a }',
  )
  writeFileSync(join(folder, 'broken.yar'), 'rule Broken_Reference { condition: $missing }')
  const form = page.getByRole('form', { name: 'Import pack…' })
  await form.getByRole('checkbox', { name: /Drop invalid rules/ }).check()
  await form.getByRole('textbox', { name: 'Rule pack' }).fill(folder)
  await form.getByRole('button', { name: 'Check' }).click()
  await form.getByRole('region', { name: 'Dropped (1)' }).getByText('Broken_Reference').waitFor({
    timeout: 90_000,
  })
  expect(await form.textContent()).toContain('public-set as an unsigned local pack')
  await form.getByRole('button', { name: 'Activate', exact: true }).click()
  const row = page
    .getByRole('table', { name: 'Installed rule packs' })
    .getByRole('row')
    .filter({ hasText: 'public-set' })
  await row.waitFor()
  expect(await row.textContent()).toContain('Unsigned')
  const rules = page.getByRole('table', { name: 'Rules of public-set' })
  await rules.getByText('Public_Marker').waitFor()
  expect(await rules.getByText('Broken_Reference').count()).toBe(0)
}

function packRow(page: Page) {
  return page
    .getByRole('table', { name: 'Installed rule packs' })
    .getByRole('row')
    .filter({ hasText: 'harbour-rules' })
}

describe('rule packs in Chromium, against the real core', () => {
  it('imports a signed pack update through the UI, shows its diff and activates it', async () => {
    const publisher = workbench(PUBLISHER)
    const dataDir = await dataDirWithV1(publisher)
    const v2 = await signedPackUpdate(publisher, '1.1.0', 2)
    const app = await startLoopbackApp(dataDir, [v2])
    try {
      const { page, requests, errors } = await openApp(browser, app.server.url)
      await createCase(page, 'Case R — rule update', 'R. Analyst')
      await page.getByRole('heading', { level: 1, name: 'Case R — rule update' }).waitFor()
      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('button', { name: 'Rules' })
        .click()

      const row = packRow(page)
      await row.waitFor()
      expect(await row.textContent()).toContain(`Signed by ${PUBLISHER} (trusted)`)
      expect(await row.textContent()).toContain('1.0.0')
      await screenshot(page, 'rule-pack-list')

      const form = page.getByRole('form', { name: 'Import pack…' })
      await form.getByRole('button', { name: 'Choose folder…' }).click()
      const activate = form.getByRole('button', { name: 'Activate', exact: true })
      await activate.waitFor({ timeout: 90_000 })
      expect(await form.getByRole('textbox', { name: 'Rule pack' }).inputValue()).toBe(v2)
      const preview = await form.textContent()
      expect(preview).toContain('1.0.0 (sequence 1) → 1.1.0 (sequence 2)')
      expect(preview).toContain(`Signed by ${PUBLISHER} (trusted)`)
      for (const [group, rule] of [
        ['Added (1)', ADDED_RULE],
        ['Removed (1)', REMOVED_RULE],
        ['Logic changed (1)', LOGIC_CHANGED_RULE],
      ] as const) {
        expect(await form.getByRole('region', { name: group }).textContent()).toContain(rule)
      }
      await form.getByRole('region', { name: 'Added (1)' }).scrollIntoViewIfNeeded()
      await screenshot(page, 'rule-pack-diff')

      await activate.click()
      await form.getByText(/harbour-rules 1\.1\.0 is now active/).waitFor()
      const offer = form.getByRole('button', { name: /Retro-hunt the open case with the 2 new/ })
      await offer.waitFor()
      await row.filter({ hasText: '1.1.0' }).waitFor()
      await row.getByRole('button', { name: 'harbour-rules' }).click()
      const versions = page.getByRole('table', { name: 'Versions of harbour-rules' })
      await versions.getByRole('button', { name: 'Roll back to 1.0.0' }).waitFor()
      const rules = page.getByRole('table', { name: 'Rules of harbour-rules' })
      await rules.getByText(ADDED_RULE).waitFor()
      expect(await rules.getByText(REMOVED_RULE).count()).toBe(0)
      // The per-case state of each rule (active / testing / disabled) sits in the same table.
      expect(await rules.getByRole('combobox', { name: 'State in this case' }).count()).toBe(24)
      await screenshot(page, 'rule-pack-activated')

      await offer.click()
      await form.getByText(/Nothing to rescan|Retro-hunt started as scan #\d+/).waitFor()
      await importPlainFolder(page)

      const origin = app.server.origin
      expect(requests.filter((url) => !url.startsWith(origin))).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await app.close()
    }
  }, 180_000)
})
