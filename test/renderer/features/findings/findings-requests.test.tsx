import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { FindingsPanel } from '../../../../renderer/features/findings/FindingsPanel'
import { ok } from '../../fake-bridge'
import { makeFindingRow } from '../../fixtures'
import { bridgeWithFindings, listInputs } from './findings-bridge'

/**
 * What other sections ask of the Findings section (a Home chart bar, a finding opened from the
 * evidence browser, "Show on timeline"), and the order of the first requests.
 */
describe('requests to the Findings section', () => {
  it('asks for the facet counts only when a picker opens, and never before the rows', async () => {
    let answer: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      answer = resolve
    })
    const bridge = bridgeWithFindings(3, {
      'findings:list': async () => {
        await gate
        return ok({ total: 3, rows: [1, 2, 3].map((id) => makeFindingRow({ id })) })
      },
    })
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} caseUuid="case-order" />)
    await waitFor(() => {
      expect(bridge.inputsOf('findings:list')).toHaveLength(1)
    })
    // A picker opened while the rows are on their way: the counts wait for the rows.
    await user.click(screen.getByText('Rule', { selector: 'summary' }))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(bridge.inputsOf('findings:facets')).toHaveLength(0)
    answer()
    await screen.findByText('3 findings')
    await waitFor(() => {
      expect(bridge.inputsOf('findings:facets')).toHaveLength(1)
    })
    await screen.findByText('default:Rule_Seven')
  })

  it('does not ask for the facet counts while no picker was opened', async () => {
    const bridge = bridgeWithFindings(100_000)
    render(<FindingsPanel revision={0} caseUuid="case-lazy" />)
    await screen.findByText('100,000 findings')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(bridge.inputsOf('findings:facets')).toHaveLength(0)
  })

  it('applies a Home filter over every scan, clearing the remembered filters', async () => {
    const bridge = bridgeWithFindings(40)
    localStorage.clear()
    render(
      <FindingsPanel
        revision={0}
        caseUuid="case-home"
        request={{ nonce: 1, filter: { ruleIds: [7, 8], minScore: 75, maxScore: 100 } }}
      />,
    )
    await screen.findByText('40 findings')
    expect(listInputs(bridge)[0]).toMatchObject({
      ruleIds: [7, 8],
      minScore: 75,
      maxScore: 100,
      allScans: true,
    })
  })

  it('opens the detail of a requested finding, and offers its file on the timeline', async () => {
    const shown: number[] = []
    bridgeWithFindings(10)
    render(
      <FindingsPanel
        revision={0}
        caseUuid="case-open"
        request={{ nonce: 3, openFindingId: 4 }}
        onShowOnTimeline={(fileId) => shown.push(fileId)}
      />,
    )
    const detail = await screen.findByRole('region', { name: 'Finding detail' })
    expect(within(detail).getByRole('heading', { level: 3 }).textContent).toMatch(/^Finding #4/)
    await userEvent.click(await within(detail).findByRole('button', { name: 'Show on timeline' }))
    expect(shown).toHaveLength(1)
    expect(shown[0]).toBeGreaterThan(0)
  })
})
