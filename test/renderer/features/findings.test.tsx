import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { FindingsPanel } from '../../../renderer/features/findings/FindingsPanel'
import { fail, installFakeBridge, ok } from '../fake-bridge'
import type { FakeBridge } from '../fake-bridge'
import { baseResponses, makeDetail, makeFindingRow, makeScan } from '../fixtures'

/**
 * A bridge serving `total` findings, paged like main would, except that a page carries at most
 * three rows: the paging is decided by `total` and `offset`, and jsdom renders 100 rows slowly.
 */
function bridgeWithFindings(total: number): FakeBridge {
  return installFakeBridge({
    ...baseResponses(),
    'scan:list': { value: [makeScan({ id: 1 }), makeScan({ id: 2 })] },
    'findings:list': (input) => {
      const { offset = 0, limit = 100 } = input as { offset?: number; limit?: number }
      const count = Math.max(0, Math.min(limit, total - offset, 3))
      const rows = Array.from({ length: count }, (_, i) =>
        makeFindingRow({ id: offset + i + 1, ruleName: `Rule_${offset + i + 1}` }),
      )
      return ok({ total, rows })
    },
    'findings:get': (input) => {
      const { findingId } = input as { findingId: number }
      return ok(makeDetail({ finding: makeFindingRow({ id: findingId }) }))
    },
  })
}

const table = () => screen.findByRole('table', { name: 'Findings' })

describe('FindingsPanel', () => {
  it('asks for the first page, highest score first', async () => {
    const bridge = bridgeWithFindings(3)
    render(<FindingsPanel revision={0} />)

    await table()
    expect(bridge.inputsOf('findings:list')).toEqual([
      { offset: 0, limit: 100, sort: 'score', direction: 'desc' },
    ])
    expect(screen.getByText('3 findings')).toBeTruthy()
  })

  it('pages on the server, 100 at a time', async () => {
    const bridge = bridgeWithFindings(250)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    await table()

    expect(screen.getByText('1–100 of 250 findings')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Next page' }))
    await user.click(await screen.findByRole('button', { name: 'Next page' }))
    await screen.findByText('201–250 of 250 findings')
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next page' }).disabled).toBe(true)
    await user.click(screen.getByRole('button', { name: 'Previous page' }))

    const offsets = bridge.inputsOf('findings:list').map((i) => (i as { offset: number }).offset)
    expect(offsets).toEqual([0, 100, 200, 100])
  })

  it('sorts by the clicked column, flipping on a second click', async () => {
    const bridge = bridgeWithFindings(3)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    await table()

    await user.click(screen.getByRole('button', { name: 'Rule' }))
    await user.click(screen.getByRole('button', { name: 'Rule' }))
    await user.click(screen.getByRole('button', { name: 'Matches' }))

    const sorts = bridge.inputsOf('findings:list').map((i) => {
      const { sort, direction } = i as { sort: string; direction: string }
      return `${sort} ${direction}`
    })
    expect(sorts).toEqual(['score desc', 'rule asc', 'rule desc', 'matches desc'])
    const header = screen.getByRole('columnheader', { name: /Matches/ })
    expect(header.getAttribute('aria-sort')).toBe('descending')
  })

  it('applies the text, minimum-score and scan filters from the first page', async () => {
    const bridge = bridgeWithFindings(250)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    await table()
    await user.click(screen.getByRole('button', { name: 'Next page' }))

    await user.type(screen.getByRole('textbox', { name: 'Filter text' }), 'powershell')
    await user.type(screen.getByRole('spinbutton', { name: 'Minimum score' }), '70')
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Scan' }),
      'Scan #2 — completed, 2024-05-01 11:00:00.000 UTC',
    )
    await user.click(screen.getByRole('button', { name: 'Apply filters' }))

    expect(bridge.inputsOf('findings:list').at(-1)).toEqual({
      offset: 0,
      limit: 100,
      sort: 'score',
      direction: 'desc',
      minScore: 70,
      text: 'powershell',
      scanId: 2,
    })
  })

  it('moves the selection with the arrow keys and opens the detail with Enter', async () => {
    const bridge = bridgeWithFindings(3)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    const findings = await table()

    await user.click(within(findings).getByRole('button', { name: 'Rule_1' }))
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}')
    expect(document.activeElement?.textContent).toBe('Rule_2')
    await user.keyboard('{Enter}')

    expect(bridge.inputsOf('findings:get')).toEqual([{ findingId: 1 }, { findingId: 2 }])
    const detail = await screen.findByRole('region', { name: 'Finding detail' })
    expect(within(detail).getByRole('heading', { level: 3 }).textContent).toBe(
      'Finding #2: Suspicious_PowerShell',
    )
    const rows = within(findings).getAllByRole('row')
    expect(rows[2]!.getAttribute('aria-current')).toBe('true')
  })

  it('gives focus back to the selected row when the detail closes', async () => {
    bridgeWithFindings(3)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    const findings = await table()
    await user.click(within(findings).getByRole('button', { name: 'Rule_3' }))

    await user.click(await screen.findByRole('button', { name: 'Close detail' }))

    expect(screen.queryByRole('region', { name: 'Finding detail' })).toBeNull()
    expect(document.activeElement?.textContent).toBe('Rule_3')
  })

  it('shows the detail: rule, file, times in UTC, and each match as escaped text and hex', async () => {
    bridgeWithFindings(1)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    await user.click(within(await table()).getByRole('button', { name: 'Rule_1' }))

    const detail = await screen.findByRole('region', { name: 'Finding detail' })
    const text = detail.textContent
    expect(text).toContain('outpost-default@1.2.0')
    expect(text).toContain('OUT-0042')
    expect(text).toContain('severity')
    expect(text).toContain('da39a3ee5e6b4b0d3255bfef95601890afd80709')
    expect(text).toContain('4.568 bits per byte')
    expect(text).toContain('2024-04-30 08:15:30.123456789 UTC')
    expect(text).toContain('4,660 (0x1234)')
    expect(detail.querySelector('.escaped-bytes')?.textContent).toBe('IEX(\\x0A\\x00\\xFF')
    expect(detail.querySelector('.hexdump')?.textContent).toBe(
      `00001234  ${'49 45 58 28 0a 00 ff'.padEnd(48)}  |IEX(...|`,
    )
  })

  it('shows the error envelope of findings:list', async () => {
    installFakeBridge({
      ...baseResponses(),
      'findings:list': () => fail('NO_CASE_OPEN', 'Open a case first.'),
    })
    render(<FindingsPanel revision={0} />)

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Open a case first.')
    expect(alert.textContent).toContain('NO_CASE_OPEN')
  })

  it('shows the error envelope of findings:get in the detail pane', async () => {
    installFakeBridge({
      ...baseResponses(),
      'findings:list': { value: { total: 1, rows: [makeFindingRow()] } },
      'findings:get': { result: fail('NOT_FOUND', 'Finding 1 does not exist.') },
    })
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)

    await user.click(await screen.findByRole('button', { name: 'Suspicious_PowerShell' }))

    const detail = await screen.findByRole('region', { name: 'Finding detail' })
    const alert = await within(detail).findByRole('alert')
    expect(alert.textContent).toContain('Finding 1 does not exist.')
    expect(alert.textContent).toContain('NOT_FOUND')
  })

  it('says so when nothing matches', async () => {
    installFakeBridge(baseResponses())
    render(<FindingsPanel revision={0} />)

    expect(await screen.findByText('No findings yet — run a scan.')).toBeTruthy()
  })
})
