import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { FindingsPanel } from '../../../renderer/features/findings/FindingsPanel'
import { fail, installFakeBridge, ok } from '../fake-bridge'
import type { FakeBridge } from '../fake-bridge'
import { baseResponses, makeDetail, makeFindingRow, makeScan } from '../fixtures'

/** A bridge serving `total` findings, paged like main would (at most three rows a page). */
function bridgeWithFindings(total: number): FakeBridge {
  return installFakeBridge({
    ...baseResponses(),
    'scan:list': { value: [makeScan({ id: 1 })] },
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

const table = () => screen.findByRole('grid', { name: 'Findings' })

// The table itself (virtualization, keys, filters, groups): features/findings/*.test.tsx.
describe('FindingsPanel detail', () => {
  it('shows the detail: rule, file, times in UTC, and each match as escaped text and hex', async () => {
    bridgeWithFindings(1)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    await user.click(within(await table()).getByText('Rule_1'))

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

  it('shows the error envelope of findings:get in the detail pane', async () => {
    installFakeBridge({
      ...baseResponses(),
      'findings:list': { value: { total: 1, rows: [makeFindingRow()] } },
      'findings:get': { result: fail('NOT_FOUND', 'Finding 1 does not exist.') },
    })
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)

    await user.click(await screen.findByText('Suspicious_PowerShell'))

    const detail = await screen.findByRole('region', { name: 'Finding detail' })
    const alert = await within(detail).findByRole('alert')
    expect(alert.textContent).toContain('Finding 1 does not exist.')
    expect(alert.textContent).toContain('NOT_FOUND')
  })
})
