import { basename } from 'node:path'
import type { Locator, Page } from 'playwright-core'

/**
 * Steps through the workbench by role and name only, so the e2e tests and the bench keep
 * working when the findings table changes shape (today's paged `table`, a virtualized `grid`).
 */

/** Open an existing case file from the start screen by typing its path. */
export async function openCaseFile(page: Page, path: string, caseName: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Open case' })
  await form.getByRole('textbox', { name: 'Case file path' }).fill(path)
  await form.getByRole('button', { name: 'Open case', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: caseName }).waitFor({ timeout: 60_000 })
}

/** Click a section of the open case in the "Sections" navigation. */
export async function gotoSection(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: label, exact: true })
    .click()
}

/** The findings table (or grid). */
export function findingsTable(page: Page): Locator {
  return page
    .getByRole('table', { name: 'Findings', exact: true })
    .or(page.getByRole('grid', { name: 'Findings', exact: true }))
}

/** Its data rows (header rows left out). */
export function findingRows(page: Page): Locator {
  return findingsTable(page)
    .getByRole('row')
    .filter({ hasNot: page.getByRole('columnheader') })
}

/** Apply a text filter from the filter bar (Enter submits a form; a live filter applies as typed). */
export async function applyTextFilter(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Filter text' })
  await box.fill(text)
  await box.press('Enter')
}

/** Clear every filter ("Clear filters" or "Clear all filters"). */
export async function clearFilters(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Clear (all )?filters$/ }).click()
}

/** Open the detail of the first finding shown (its button, or the row itself in a grid). */
export async function openFirstFinding(page: Page): Promise<Locator> {
  const row = findingRows(page).first()
  const button = row.getByRole('button')
  if ((await button.count()) > 0) await button.first().click()
  else await row.getByRole('gridcell').first().click()
  const detail = page.getByRole('region', { name: 'Finding detail' })
  await detail.waitFor()
  return detail
}

/**
 * In the page: the texts of the findings table's data rows, or null when the table is not there
 * (yet). Plain JavaScript in a string: it runs as is in the page, whatever transpiled this file
 * (esbuild's `keepNames` under tsx would add helpers the page does not have).
 */
export const FINDING_ROW_TEXTS = `(() => {
  const nameOf = (el) => {
    const label = el.getAttribute('aria-label')
    if (label !== null) return label.trim()
    const by = el.getAttribute('aria-labelledby')
    if (by !== null)
      return by.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim()
    return el.querySelector('caption')?.textContent?.trim() ?? ''
  }
  const table = Array.from(document.querySelectorAll('table, [role="grid"], [role="table"]'))
    .find((el) => nameOf(el) === 'Findings')
  if (table === undefined) return null
  return Array.from(table.querySelectorAll('tr, [role="row"]'))
    .filter((row) => row.querySelector('th[scope="col"], thead th, [role="columnheader"]') === null && row.closest('thead') === null)
    // A row still loading (a virtualized range not fetched yet) has a single placeholder cell.
    .filter((row) => row.querySelectorAll('td, th, [role="gridcell"], [role="cell"], [role="rowheader"]').length > 1)
    .map((row) => row.textContent ?? '')
})()`

/** The rows' texts now (null: no findings table). */
export async function findingRowTextsNow(page: Page): Promise<string[] | null> {
  return page.evaluate<string[] | null>(FINDING_ROW_TEXTS)
}

/**
 * Wait until the findings table shows at least one row, every row containing `text`. Polled
 * from here with `evaluate` (DevTools protocol): `waitForFunction` with a string would `eval`
 * in the page, which the app's CSP forbids.
 */
export async function waitForFindingRows(page: Page, text = '', timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout
  for (;;) {
    const texts = await findingRowTextsNow(page)
    if (texts !== null && texts.length > 0 && texts.every((t) => t.includes(text))) return
    if (Date.now() > deadline) {
      throw new Error(
        `The findings table did not show rows${text === '' ? '' : ` containing "${text}"`} ` +
          `within ${timeout} ms (rows: ${texts === null ? 'no table' : texts.slice(0, 3).join(' | ')})`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * Add the folder `evidence` to the open case (from the Home screen's "Add evidence" or the
 * Evidence section) and scan it with the active packs; resolves once scan #1 completed.
 */
export async function scanEvidence(page: Page, evidence: string, timeout = 90_000): Promise<void> {
  await page.getByRole('textbox', { name: 'Evidence path' }).fill(evidence)
  await page.getByRole('button', { name: 'Add evidence' }).click()
  await page
    .getByRole('table', { name: 'Evidence' })
    .getByText(basename(evidence), { exact: true })
    .waitFor()
  await gotoSection(page, 'Scan')
  await page.getByRole('button', { name: 'Start scan', disabled: false }).click()
  await page
    .getByRole('status')
    .filter({ hasText: /Scan #1 completed/ })
    .waitFor({ timeout })
}
