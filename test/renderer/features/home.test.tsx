import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { CaseOverview } from '../../../main/core/model/overview'
import { HomePanel } from '../../../renderer/features/home/HomePanel'
import { Workbench } from '../../../renderer/features/workbench/Workbench'
import { fail, installFakeBridge } from '../fake-bridge'
import { baseResponses, makeCase, makeEvidence } from '../fixtures'
import { HOSTILE, RAW_DANGEROUS } from '../hostile'
import { makeEmptyOverview } from '../workbench-fixtures'

function scannedOverview(): CaseOverview {
  const empty = makeEmptyOverview()
  return {
    evidence: [
      makeEvidence({ id: 1, label: 'laptop.E01', kind: 'image', integrity: 'verified' }),
      makeEvidence({ id: 2, label: 'usb.E01', kind: 'image', integrity: 'mismatch' }),
      makeEvidence({ id: 3, label: 'share', kind: 'folder', integrity: 'not-applicable' }),
    ],
    scans: [
      {
        id: 4,
        kind: 'scan',
        status: 'completed',
        startedAt: '2026-01-02T10:00:00.000Z',
        finishedAt: '2026-01-02T10:05:00.000Z',
        packs: [{ name: 'corp-hunting', version: '2.3.0' }],
        filesScanned: 12_345,
        coverageGaps: { timeout: 2, 'too-large': 5 },
        findingCount: 60,
      },
    ],
    findings: {
      total: 60,
      scoreBands: [
        { min: 0, max: 24, count: 10 },
        { min: 25, max: 49, count: 0 },
        { min: 50, max: 74, count: 20 },
        { min: 75, max: 100, count: 30 },
      ],
      topRules: [
        {
          namespace: 'corp',
          name: 'HKTL_Mimikatz',
          packName: 'corp-hunting',
          ruleIds: [3, 9],
          count: 40,
        },
        { namespace: 'corp', name: HOSTILE, packName: 'corp-hunting', ruleIds: [5], count: 20 },
      ],
      triage: { ...empty.findings.triage, new: 45, confirmed: 10, benign: 5 },
    },
  }
}

function renderHome(overview: CaseOverview) {
  installFakeBridge({ ...baseResponses(), 'case:overview': { value: overview } })
  const onOpenFindings = vi.fn()
  const onGoTo = vi.fn()
  render(<HomePanel revision={0} onGoTo={onGoTo} onOpenFindings={onOpenFindings} />)
  return { onOpenFindings, onGoTo }
}

describe('HomePanel', () => {
  it('shows evidence integrity, scans with packs and coverage gaps', async () => {
    renderHome(scannedOverview())

    const evidence = await screen.findByRole('region', { name: 'Evidence' })
    const rows = within(evidence).getAllByRole('row').slice(1)
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/laptop\.E01.*Verified/),
      expect.stringMatching(/usb\.E01.*MISMATCH/),
      expect.stringMatching(/share.*No acquisition hash/),
    ])
    const scans = screen.getByRole('region', { name: 'Scans' })
    const scanRow = within(scans).getAllByRole('row')[1]
    expect(scanRow?.textContent).toContain('#4 Scan')
    expect(scanRow?.textContent).toContain('corp-hunting@2.3.0')
    expect(scanRow?.textContent).toContain('12,345')
    expect(scanRow?.textContent).toMatch(/Too large.*5.*·.*2/i)
  })

  it('draws the score and rule charts with summaries and equivalent tables', async () => {
    renderHome(scannedOverview())

    const score = await screen.findByRole('img', { name: /^Findings by score:/ })
    expect(score.getAttribute('aria-label')).toBe(
      'Findings by score: Score 0–24 10, Score 25–49 0, Score 50–74 20, Score 75–100 30',
    )
    expect(score.querySelectorAll('rect')).toHaveLength(4)
    const widths = [...score.querySelectorAll('rect')].map((r) => Number(r.getAttribute('width')))
    expect(widths[1]).toBe(0)
    expect(widths[3]).toBeGreaterThan(widths[2] ?? Infinity)
    const scoreTable = screen.getByRole('table', { name: 'Findings by score (table)' })
    expect(
      within(scoreTable)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['ScoreFindings', 'Score 0–2410', 'Score 25–490', 'Score 50–7420', 'Score 75–10030'])
    const rules = screen.getByRole('table', { name: 'Top rules (all scans) (table)' })
    expect(within(rules).getAllByRole('row')[2]?.textContent).toContain('invoice\\u202Efdp.exe')
  })

  it('keeps hostile rule names as escaped text in the chart, its summary and its table', async () => {
    renderHome(scannedOverview())

    const chart = await screen.findByRole('img', { name: /^Top rules/ })
    const svgParts = new Set([...chart.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()))
    expect([...svgParts].sort()).toEqual(['g', 'rect', 'text'])
    expect(document.querySelector('img, script, iframe, [onerror], [onload], a[href]')).toBeNull()
    const everything = [
      document.body.textContent,
      ...[...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.value)),
    ]
    for (const text of everything) {
      for (const raw of RAW_DANGEROUS) expect(text.includes(raw)).toBe(false)
    }
    expect(chart.getAttribute('aria-label')).toContain('<img src=x onerror=alert(1)>')
  })

  it('opens the findings of a bar, a rule and a triage status, by keyboard and by click', async () => {
    const { onOpenFindings } = renderHome(scannedOverview())
    const user = userEvent.setup()

    const band = await screen.findByRole('button', { name: 'Show findings for Score 75–100' })
    band.focus()
    await user.keyboard('{Enter}')
    await user.click(screen.getByRole('button', { name: 'Show findings for HKTL_Mimikatz' }))
    await user.click(screen.getByRole('button', { name: 'Show findings for Confirmed' }))
    const svgBar = screen.getByRole('img', { name: /^Findings by score:/ }).querySelector('g.bar')
    await user.click(svgBar as Element)

    expect(onOpenFindings.mock.calls).toEqual([
      [{ minScore: 75, maxScore: 100 }],
      [{ ruleIds: [3, 9] }],
      [{ triage: ['confirmed'] }],
      [{ minScore: 0, maxScore: 24 }],
    ])
  })

  it('shows triage progress as the share of findings not new', async () => {
    renderHome(scannedOverview())

    const progress = await screen.findByRole('progressbar', { name: '25% reviewed' })
    expect(progress.getAttribute('value')).toBe('25')
    const triage = screen.getByRole('region', { name: 'Triage progress' })
    expect(
      within(triage)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([
      'StatusFindings',
      'New45',
      'Needs review0',
      'Confirmed10',
      'False positive0',
      'Benign5',
    ])
  })

  it('shows the next steps in a new case and switches sections', async () => {
    const { onGoTo } = renderHome(makeEmptyOverview())
    const user = userEvent.setup()

    const steps = await screen.findByRole('region', { name: 'Next steps' })
    expect(steps.textContent).toContain('Start by adding the evidence')
    expect(screen.queryByRole('img')).toBeNull()
    await user.click(within(steps).getByRole('button', { name: 'Add evidence' }))
    await user.click(within(steps).getByRole('button', { name: 'Run a scan' }))

    expect(onGoTo.mock.calls).toEqual([['evidence'], ['scan']])
  })

  it('says what failed and keeps the section usable', async () => {
    installFakeBridge({
      ...baseResponses(),
      'case:overview': () => fail('NO_CASE_OPEN', 'Open or create a case first.'),
    })
    render(<HomePanel revision={0} onGoTo={vi.fn()} onOpenFindings={vi.fn()} />)

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Could not read the case overview')
    expect(alert.textContent).toContain('Open or create a case first.')
  })

  it('is the first section of the workbench, and its buttons switch sections', async () => {
    installFakeBridge(baseResponses())
    const user = userEvent.setup()
    render(<Workbench caseInfo={makeCase()} onClosed={vi.fn()} />)

    const nav = screen.getByRole('navigation', { name: 'Sections' })
    expect(within(nav).getAllByRole('button')[0]?.getAttribute('aria-current')).toBe('page')
    await user.click(await screen.findByRole('button', { name: 'Run a scan' }))

    expect(within(nav).getByRole('button', { name: 'Scan' }).getAttribute('aria-current')).toBe(
      'page',
    )
  })
})
