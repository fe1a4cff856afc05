import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { ROOT } from '../helpers/launcher'

/** Where e2e screenshots go (git-ignored): look at them. */
export const RESULTS_DIR = join(ROOT, 'test-results')

/**
 * Debian's Chromium, headless, with the flags that keep it off the network (this machine has
 * none, and Chromium otherwise keeps trying).
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  })
}

/** Save a full-page screenshot as `test-results/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const path = join(RESULTS_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
