/**
 * The workbench at scale: a generated case of 100,000 findings (test/helpers/big-case.ts) opened
 * in Chromium through the loopback app, against baselines of the same run:
 *
 * (a) opening the Findings section until its first rows are in the page ÷ the same
 *     `findings:list` call (the renderer's own input, captured) alone in Node;
 * (b) applying a text filter until only matching rows show ÷ that filtered call alone;
 * (c) renderer JS heap (CDP `Performance.getMetrics`, after a forced GC) with the case open and
 *     after scrolling/paging through the table ÷ the start screen's, and the DOM node count.
 *
 * Medians of 3. Selectors are roles and names, so it runs on today's paged table and on a
 * virtualized grid named "Findings".
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CDPSession, Page } from 'playwright-core'
import { dispatch } from '../../main/ipc/dispatch'
import { makeBigCase } from '../helpers/big-case'
import { launchChromium } from '../e2e/browser'
import { startLoopbackApp } from '../e2e/loopback-app'
import type { LoopbackApp } from '../e2e/loopback-app'
import {
  applyTextFilter,
  clearFilters,
  gotoSection,
  openCaseFile,
  waitForFindingRows,
} from '../e2e/workbench-driver'
import { fmt } from './measures'
import { scrollThroughFindings } from './workbench-scroll'

const MIB = 1024 * 1024
const RUNS = 3

/** An IPC call the page made. */
interface Call {
  readonly channel: string
  readonly input: unknown
}

/** A call the page made, timed alone in Node. */
export interface CallTime {
  readonly channel: string
  readonly ms: number
}

/** One timed step beside its baseline. */
export interface TimedStep {
  readonly runsMs: readonly number[]
  readonly medianMs: number
  readonly baselineMs: number
  readonly ratio: number
  readonly baseline: string
}

/** What the workbench benchmark measured. */
export interface WorkbenchBenchResult {
  readonly findings: number
  readonly generateMs: number
  readonly firstRows: TimedStep
  /** The calls the page made while opening Findings (last run), each timed alone. */
  readonly openCalls: readonly CallTime[]
  readonly filter: TimedStep & { readonly text: string; readonly total: number | null }
  readonly memory: {
    readonly startScreenHeapBytes: number
    readonly openHeapBytes: number
    readonly scrolledHeapBytes: number
    readonly openRatio: number
    readonly scrolledRatio: number
    readonly domNodesOpen: number
    readonly domNodesScrolled: number
    readonly scrolled: string
  }
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

/** Run the benchmark on a case of `count` findings. */
export async function benchWorkbench(count: number): Promise<WorkbenchBenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'outpost-workbench-bench-'))
  const app = await startLoopbackApp(join(work, 'data'))
  const browser = await launchChromium()
  try {
    const big = makeBigCase(join(work, 'case'), { findings: count, seed: 2026 })
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    const calls: Call[] = []
    page.on('request', (request) => {
      const channel = /\/__outpost\/invoke\/([^/?]+)/.exec(request.url())?.[1]
      if (channel === undefined) return
      const input = (JSON.parse(request.postData() ?? '{}') as { input?: unknown }).input
      calls.push({ channel, input })
    })
    const listInputs = () => calls.filter((c) => c.channel === 'findings:list').map((c) => c.input)
    await page.goto(app.server.url)
    await page.getByRole('form', { name: 'Open case' }).waitFor()
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    const start = await heap(cdp)

    await openCaseFile(page, big.path, big.caseName)
    const firstRuns: number[] = []
    for (let run = 0; run < RUNS; run += 1) {
      await gotoSection(page, 'Evidence')
      calls.length = 0
      firstRuns.push(await timeInPage(page, () => clickSection(page, 'Findings'), ''))
    }
    const firstBaseline = await timeAlone(app, 'findings:list', listInputs()[0])
    const openCalls = await eachAlone(app, calls)

    const text = big.ruleNames[42] ?? ''
    const filterRuns: number[] = []
    let filteredInput: unknown = null
    for (let run = 0; run < RUNS; run += 1) {
      calls.length = 0
      // From the first keystroke: a live filter's debounce is part of what the analyst waits.
      filterRuns.push(await timeInPage(page, () => applyTextFilter(page, text), text))
      filteredInput = listInputs().find((input) => JSON.stringify(input).includes(text)) ?? null
      await clearFilters(page)
      await waitForFindingRows(page, big.topRuleName)
    }
    const filterBaseline = await timeAlone(app, 'findings:list', filteredInput)
    const filteredTotal = await totalOf(app, filteredInput)

    const open = await heap(cdp)
    const scrolled = await scrollThroughFindings(page)
    const after = await heap(cdp)
    const result: WorkbenchBenchResult = {
      findings: count,
      generateMs: big.insertMs,
      firstRows: step(firstRuns, firstBaseline, 'findings:list alone (same input, in Node)'),
      openCalls,
      filter: {
        ...step(filterRuns, filterBaseline, 'filtered findings:list alone (same input, in Node)'),
        text,
        total: filteredTotal,
      },
      memory: {
        startScreenHeapBytes: start.heap,
        openHeapBytes: open.heap,
        scrolledHeapBytes: after.heap,
        openRatio: open.heap / start.heap,
        scrolledRatio: after.heap / start.heap,
        domNodesOpen: open.nodes,
        domNodesScrolled: after.nodes,
        scrolled,
      },
    }
    printWorkbench(result)
    return result
  } finally {
    await browser.close()
    await app.close()
    rmSync(work, { recursive: true, force: true })
  }
}

function step(runs: number[], baselineMs: number, baseline: string): TimedStep {
  const medianMs = median(runs)
  return { runsMs: runs, medianMs, baselineMs, ratio: medianMs / baselineMs, baseline }
}

/** Click a section button, stamping the page's clock first. */
async function clickSection(page: Page, label: string): Promise<void> {
  const button = page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: label, exact: true })
  await button.evaluate((element) => {
    ;(globalThis as unknown as { __benchStart: number }).__benchStart = performance.now()
    ;(element as unknown as { click(): void }).click()
  })
}

/**
 * Milliseconds, on the page's clock, from `act` until the findings table shows rows that all
 * contain `text` (polled every few ms over the DevTools protocol).
 */
async function timeInPage(page: Page, act: () => Promise<void>, text: string): Promise<number> {
  await page.evaluate('window.__benchStart = performance.now()')
  await act()
  await waitForFindingRows(page, text)
  return await page.evaluate<number>('performance.now() - window.__benchStart')
}

/** Median of the same call through the real handlers, in this process. */
async function timeAlone(app: LoopbackApp, channel: string, input: unknown): Promise<number> {
  if (input === null || input === undefined) throw new Error(`no ${channel} call was seen`)
  const runs: number[] = []
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now()
    const result = await dispatch(app.services.handlers, channel, input)
    runs.push(performance.now() - started)
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`)
  }
  return median(runs)
}

/** Channels that only read: safe to call again for a baseline. */
const READ_ONLY = /:(list|facets|groups|get|read|related|overview|events|current|verify)$/

/** Each read-only call the page made, timed alone (one run each: a breakdown, not a baseline). */
async function eachAlone(app: LoopbackApp, made: readonly Call[]): Promise<CallTime[]> {
  const times: CallTime[] = []
  for (const call of made) {
    if (!READ_ONLY.test(call.channel)) continue
    const started = performance.now()
    await dispatch(app.services.handlers, call.channel, call.input ?? undefined)
    times.push({ channel: call.channel, ms: performance.now() - started })
  }
  return times
}

async function totalOf(app: LoopbackApp, input: unknown): Promise<number | null> {
  const result = await dispatch(app.services.handlers, 'findings:list', input)
  return result.ok ? (result.value as { total: number }).total : null
}

/** JS heap used after a full GC, and the page's element count. */
async function heap(cdp: CDPSession): Promise<{ heap: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: "document.getElementsByTagName('*').length",
    returnByValue: true,
  })
  return { heap: metric('JSHeapUsedSize'), nodes: Number(result.value) }
}

/** The workbench lines of `npm run bench`. */
export function printWorkbench(r: WorkbenchBenchResult): void {
  const out = (line: string) => process.stdout.write(`${line}\n`)
  const ms = (value: number) => `${fmt(value, 1)} ms`
  out(
    `\nWorkbench, ${fmt(r.findings, 0)} findings (generated in ${ms(r.generateMs)}; loopback app + Chromium; medians of ${RUNS})`,
  )
  out(
    `  first rows after opening Findings  ${ms(r.firstRows.medianMs).padStart(11)}   ` +
      `${r.firstRows.baseline} ${ms(r.firstRows.baselineMs)}   ×${fmt(r.firstRows.ratio, 1)}`,
  )
  out(
    `  text filter applied (${fmt(r.filter.total ?? 0, 0)} rows match) ${ms(r.filter.medianMs).padStart(11)}   ` +
      `${r.filter.baseline} ${ms(r.filter.baselineMs)}   ×${fmt(r.filter.ratio, 1)}`,
  )
  const calls = r.openCalls.map((c) => `${c.channel} ${ms(c.ms)}`).join(', ')
  const sum = r.openCalls.reduce((n, c) => n + c.ms, 0)
  out(
    `  opening Findings made these calls (each timed alone in Node): ${calls} — together ${ms(sum)}`,
  )
  const m = r.memory
  out(
    `  renderer JS heap: start screen ${fmt(m.startScreenHeapBytes / MIB)} MiB; case open ` +
      `${fmt(m.openHeapBytes / MIB)} MiB (×${fmt(m.openRatio, 2)}); after scrolling ` +
      `${fmt(m.scrolledHeapBytes / MIB)} MiB (×${fmt(m.scrolledRatio, 2)})`,
  )
  out(
    `  DOM elements: ${fmt(m.domNodesOpen, 0)} open, ${fmt(m.domNodesScrolled, 0)} after scrolling`,
  )
  out(`  scrolled: ${m.scrolled}`)
}
