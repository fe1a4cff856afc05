import type { Page } from 'playwright-core'
import { FINDING_ROW_TEXTS, findingRowTextsNow } from '../e2e/workbench-driver'

/** Jumps through the scroll range, like dragging the scrollbar from top to bottom. */
const JUMPS = 60
/** Pages turned with "Next page" when the table is paged (today's table). */
const PAGES = 30

/**
 * In the page: find the element that scrolls the findings table (its nearest scrollable
 * ancestor, else the document) and keep it as `window.__benchScroller`; its scroll range.
 * Plain JavaScript, run as is (see FINDING_ROW_TEXTS).
 */
const FIND_SCROLLER = `(() => {
  const rows = ${FINDING_ROW_TEXTS}
  if (rows === null) return null
  const nameOf = (el) => el.getAttribute('aria-label') ?? el.querySelector('caption')?.textContent?.trim() ??
    (el.getAttribute('aria-labelledby') ?? '').split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim()
  let el = Array.from(document.querySelectorAll('table, [role="grid"], [role="table"]')).find((t) => nameOf(t) === 'Findings')
  while (el && el !== document.body) {
    const style = getComputedStyle(el)
    if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 4) break
    el = el.parentElement
  }
  if (!el || el === document.body) el = document.scrollingElement
  window.__benchScroller = el
  return el.scrollHeight - el.clientHeight
})()`

async function settle(page: Page, before: string | undefined): Promise<string[]> {
  const deadline = Date.now() + 3000
  for (;;) {
    const texts = await findingRowTextsNow(page)
    if (texts !== null && texts.length > 0 && (texts[0] !== before || Date.now() > deadline))
      return texts
    if (Date.now() > deadline) return texts ?? []
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/**
 * Scroll the findings table end to end, then (paged table) turn pages; a description of what
 * was done and how many distinct rows were rendered on the way.
 */
export async function scrollThroughFindings(page: Page): Promise<string> {
  const seen = new Set<string>()
  const range = await page.evaluate<number | null>(FIND_SCROLLER)
  if (range === null) return 'no findings table to scroll'
  let first: string | undefined
  for (let jump = 1; jump <= JUMPS; jump += 1) {
    await page.evaluate(`window.__benchScroller.scrollTop = ${(range * jump) / JUMPS}`)
    const texts = await settle(page, first)
    first = texts[0]
    texts.forEach((t) => seen.add(t))
  }
  const next = page.getByRole('button', { name: 'Next page' })
  let pages = 0
  while (pages < PAGES && (await next.count()) > 0 && (await next.first().isEnabled())) {
    await next.first().click()
    const texts = await settle(page, first)
    first = texts[0]
    texts.forEach((t) => seen.add(t))
    pages += 1
  }
  return (
    `the table's scroll range (${Math.round(range)} px) end to end in ${JUMPS} jumps` +
    `${pages > 0 ? `, then ${pages} pages with "Next page"` : ''}: ` +
    `${seen.size.toLocaleString('en-US')} distinct rows rendered on the way`
  )
}
