import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { AuditPanel } from '../../../renderer/features/audit/AuditPanel'
import { CoveragePanel } from '../../../renderer/features/coverage/CoveragePanel'
import { COVERAGE_REASON_INFO } from '../../../renderer/features/coverage/coverage-reasons'
import { fail, installFakeBridge, ok } from '../fake-bridge'
import { baseResponses, makeScan } from '../fixtures'

describe('CoveragePanel', () => {
  // Completeness is checked by the compiler: the table is a Record over CoverageReason.
  it('has a distinct label and an explanation for every coverage reason', () => {
    const infos = Object.values(COVERAGE_REASON_INFO)
    expect(infos).toContainEqual(expect.objectContaining({ label: 'Encrypted' }))
    expect(new Set(infos.map((i) => i.label)).size).toBe(infos.length)
    for (const info of infos) expect(info.explanation.length).toBeGreaterThan(20)
  })

  it('lists entries with human reasons and filters by scan and reason', async () => {
    const bridge = installFakeBridge({
      ...baseResponses(),
      'scan:list': { value: [makeScan({ id: 4 })] },
      'coverage:list': () =>
        ok({
          total: 1,
          rows: [
            {
              id: 1,
              scanId: 4,
              evidenceLabel: 'USB',
              path: '/mnt/usb/big.iso',
              reason: 'too-large',
              detail: '9 GB',
            },
          ],
        }),
    })
    const user = userEvent.setup()
    render(<CoveragePanel revision={0} />)

    const table = await screen.findByRole('table', { name: 'Coverage' })
    expect(within(table).getAllByRole('row')[1]!.textContent).toBe(
      '/mnt/usb/big.isoToo large9 GBUSB#4',
    )
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reason' }), 'Timed out')
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Scan' }),
      'Scan #4 — completed, 2024-05-01 11:00:00.000 UTC',
    )

    await waitFor(() => {
      expect(bridge.inputsOf('coverage:list')).toEqual([
        { offset: 0, limit: 200 },
        { offset: 0, limit: 200, reason: 'timeout' },
        { offset: 0, limit: 200, scanId: 4, reason: 'timeout' },
      ])
    })
    expect(screen.getByText(COVERAGE_REASON_INFO.symlink.explanation)).toBeTruthy()
  })

  it('says when every file was scanned completely', async () => {
    installFakeBridge(baseResponses())
    render(<CoveragePanel revision={0} />)

    expect(await screen.findByText(/Every file was scanned completely/)).toBeTruthy()
  })
})

describe('AuditPanel', () => {
  it('shows an intact chain with its head', async () => {
    installFakeBridge({
      'audit:verify': {
        value: {
          ok: true,
          entries: 12,
          head: { seq: 12, hash: 'cd'.repeat(32) },
          firstBroken: null,
        },
      },
    })
    const user = userEvent.setup()
    render(<AuditPanel />)

    await user.click(screen.getByRole('button', { name: 'Verify audit log' }))

    const status = screen.getByRole('status')
    await waitFor(() => {
      expect(status.textContent).toContain('Audit log intact')
    })
    expect(status.textContent).toContain('12')
    expect(status.textContent).toContain(`#12 ${'cd'.repeat(32)}`)
  })

  it('shows the first broken entry', async () => {
    installFakeBridge({
      'audit:verify': {
        value: {
          ok: false,
          entries: 9,
          head: { seq: 9, hash: 'ef'.repeat(32) },
          firstBroken: { seq: 5, reason: 'hash mismatch' },
        },
      },
    })
    const user = userEvent.setup()
    render(<AuditPanel />)

    await user.click(screen.getByRole('button', { name: 'Verify audit log' }))

    expect(await screen.findByText('Audit log broken')).toBeTruthy()
    expect(screen.getByRole('status').textContent).toContain('#5: hash mismatch')
  })

  it('shows the error envelope', async () => {
    installFakeBridge({
      'audit:verify': () => fail('NO_CASE_OPEN', 'Open a case first.'),
      'audit:list': { value: { total: 0, entries: [] } },
    })
    const user = userEvent.setup()
    render(<AuditPanel />)

    await user.click(screen.getByRole('button', { name: 'Verify audit log' }))

    expect((await screen.findByRole('alert')).textContent).toContain('NO_CASE_OPEN')
  })
})
