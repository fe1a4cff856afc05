import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/**
 * Accessibility checks with axe-core in the real page.
 *
 * axe is evaluated through the DevTools protocol (page.evaluate), not added as a `<script>`:
 * the app's CSP allows only its own scripts, and the check must not weaken it.
 */
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** The WCAG 2.x A/AA rules and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/** One rule axe found broken, with the elements that break it. */
export interface AxeViolation {
  readonly id: string
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | null
  readonly help: string
  readonly helpUrl: string
  readonly targets: readonly string[]
  /** axe's summary of what to fix, for the first element. */
  readonly failure: string
}

/** What the page sees of axe (the node tsconfig has no DOM lib). */
interface AxeGlobal {
  axe?: {
    run(
      context: unknown,
      options: unknown,
    ): Promise<{
      violations: {
        id: string
        impact: AxeViolation['impact']
        help: string
        helpUrl: string
        nodes: { target: unknown[]; failureSummary?: string }[]
      }[]
    }>
  }
  document: unknown
}

/** Every violation axe finds on the page as it is now (optionally within `selector`). */
export async function axeViolations(page: Page, selector?: string): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => (globalThis as unknown as AxeGlobal).axe !== undefined)
  if (!loaded) await page.evaluate(AXE_SOURCE)
  return page.evaluate(
    async ({ tags, within }) => {
      const scope = globalThis as unknown as AxeGlobal
      if (scope.axe === undefined) throw new Error('axe-core did not load in the page')
      const result = await scope.axe.run(within ?? scope.document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      })
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        targets: v.nodes.map((n) => n.target.map(String).join(' ')),
        failure: v.nodes[0]?.failureSummary ?? '',
      }))
    },
    { tags: TAGS, within: selector },
  )
}

/** A readable list of violations, one paragraph each. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n  ${v.helpUrl}\n` +
        `  ${v.failure.replaceAll('\n', '\n  ')}\n` +
        `  on ${v.targets.slice(0, 8).join(', ')}${v.targets.length > 8 ? ` and ${v.targets.length - 8} more` : ''}`,
    )
    .join('\n')
}

/** A violation already reported to whoever owns the screen: its rule, on elements matching `on`. */
export interface KnownIssue {
  readonly id: string
  /** A part of every target's selector (`.table-scroll`): the same rule elsewhere still fails. */
  readonly on: string
}

/** Where to look, and the known issues (printed, not failed on). */
export interface AxeCheckOptions {
  readonly selector?: string
  readonly knownIssues?: readonly KnownIssue[]
}

function isKnown(violation: AxeViolation, known: readonly KnownIssue[]): boolean {
  return known.some(
    (k) => k.id === violation.id && violation.targets.every((t) => t.includes(k.on)),
  )
}

/**
 * Fail when axe finds a serious or critical violation on the page; `context` names the screen
 * in the message. Minor and moderate ones are returned for the caller to log.
 */
export async function expectNoSeriousViolations(
  page: Page,
  context: string,
  options: AxeCheckOptions = {},
): Promise<AxeViolation[]> {
  const violations = await axeViolations(page, options.selector)
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const known = options.knownIssues ?? []
  const tolerated = serious.filter((v) => isKnown(v, known))
  if (tolerated.length > 0) {
    process.stderr.write(
      `axe-core: known issue(s) on ${context} (fix them, then drop them from knownIssues):\n` +
        `${describeViolations(tolerated)}\n`,
    )
  }
  const failing = serious.filter((v) => !isKnown(v, known))
  if (failing.length > 0) {
    throw new Error(
      `axe-core: ${failing.length} serious or critical accessibility violation(s) on ${context}:\n` +
        describeViolations(failing),
    )
  }
  return violations
}
