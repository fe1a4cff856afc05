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

/** A page of the app, with every request it makes and every page or console error recorded. */
export interface OpenedApp {
  readonly page: Page
  readonly requests: string[]
  readonly errors: string[]
}

/** Open the app served at `url` in a new page of `browser`. */
export async function openApp(
  browser: Browser,
  url: string,
  viewport = { width: 1400, height: 900 },
): Promise<OpenedApp> {
  const page = await browser.newPage({ viewport })
  const requests: string[] = []
  const errors: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(url)
  return { page, requests, errors }
}

/** Fill and submit the "New case" form, then go from the Case home to the Evidence section. */
export async function createCase(page: Page, name: string, examiner: string): Promise<void> {
  const form = page.getByRole('form', { name: 'New case' })
  await form.getByRole('textbox', { name: 'Case name' }).fill(name)
  await form.getByRole('textbox', { name: 'Examiner' }).fill(examiner)
  await form.getByRole('button', { name: 'Create case' }).click()
  // The workbench opens on the Case home; these tests start by adding evidence.
  await page
    .getByRole('region', { name: 'Next steps' })
    .getByRole('button', { name: 'Add evidence' })
    .click()
}
