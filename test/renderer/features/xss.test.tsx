import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { ErrorNotice } from '../../../renderer/components/ErrorNotice'
import { CoveragePanel } from '../../../renderer/features/coverage/CoveragePanel'
import { FindingsPanel } from '../../../renderer/features/findings/FindingsPanel'
import { Workbench } from '../../../renderer/features/workbench/Workbench'
import { installFakeBridge } from '../fake-bridge'
import {
  baseResponses,
  makeCase,
  makeDetail,
  makeEvidence,
  makeFindingRow,
  makeScan,
} from '../fixtures'
import { expectInert, HOSTILE, PAYLOADS, utf8Hex } from '../hostile'

describe('hostile evidence strings (D7)', () => {
  it('stay text in the case header and the evidence table', async () => {
    installFakeBridge({
      ...baseResponses(),
      'evidence:list': {
        value: [makeEvidence({ label: HOSTILE, sourcePath: HOSTILE, addedBy: HOSTILE })],
      },
    })
    const { container } = render(
      <Workbench
        caseInfo={makeCase({ name: HOSTILE, examiner: HOSTILE, path: HOSTILE })}
        onClosed={vi.fn()}
        initialSection="evidence"
      />,
    )

    await screen.findByRole('table', { name: 'Evidence' })

    expectInert(container)
    expect(container.textContent).toContain('nul\\x00bell\\x07esc\\x1B[31mdel\\x7F\\x85')
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>')
  })

  it('stay text in the findings table and the finding detail, matched bytes included', async () => {
    const row = makeFindingRow({
      ruleName: HOSTILE,
      path: HOSTILE,
      evidenceLabel: HOSTILE,
      mime: HOSTILE,
      fileType: HOSTILE,
    })
    const detail = makeDetail({
      finding: row,
      rule: {
        ...makeDetail().rule,
        name: HOSTILE,
        namespace: HOSTILE,
        ruleId: HOSTILE,
        description: HOSTILE,
        author: HOSTILE,
        tags: PAYLOADS,
        meta: { [HOSTILE]: HOSTILE, '<b onmouseover=x>': true },
      },
      file: {
        ...makeDetail().file,
        path: HOSTILE,
        owner: HOSTILE,
        mime: HOSTILE,
        fileType: HOSTILE,
      },
      matches: [
        {
          identifier: HOSTILE,
          offset: 0,
          length: 999,
          excerptHex: utf8Hex(HOSTILE),
          truncated: true,
          imageOffset: null,
        },
      ],
    })
    installFakeBridge({
      ...baseResponses(),
      'findings:list': { value: { total: 1, rows: [row] } },
      'findings:get': { value: detail },
    })
    const user = userEvent.setup()
    const { container } = render(<FindingsPanel revision={0} />)

    const table = await screen.findByRole('grid', { name: 'Findings' })
    const firstRow = within(table).getAllByRole('row')[1]!
    await user.click(firstRow)
    const pane = await screen.findByRole('region', { name: 'Finding detail' })

    expectInert(container)
    const escaped = pane.querySelector('.escaped-bytes')?.textContent ?? ''
    expect(escaped).toContain('invoice\\xE2\\x80\\xAEfdp.exe')
    expect(escaped).toContain('nul\\x00bell\\x07esc\\x1B[31m')
    expect(pane.querySelector('.hexdump')?.textContent).toContain('|<img src=x onerr|')
  })

  it('stay text in the coverage list and the scan history', async () => {
    installFakeBridge({
      ...baseResponses(),
      'scan:list': {
        value: [makeScan({ error: HOSTILE, packs: [{ name: HOSTILE, version: HOSTILE }] })],
      },
      'coverage:list': {
        value: {
          total: 1,
          rows: [
            {
              id: 1,
              scanId: 1,
              evidenceLabel: HOSTILE,
              path: HOSTILE,
              reason: 'unreadable',
              detail: HOSTILE,
            },
          ],
        },
      },
    })
    const coverage = render(<CoveragePanel revision={0} />)
    await screen.findByRole('table', { name: 'Coverage' })
    expectInert(coverage.container)
    coverage.unmount()

    const scan = render(
      <Workbench caseInfo={makeCase()} onClosed={vi.fn()} initialSection="scan" />,
    )
    await screen.findByRole('table', { name: 'Scans' })
    expectInert(scan.container)
  })

  it('stay text in error messages', () => {
    const { container } = render(
      <ErrorNotice error={{ code: 'PATH_NOT_FOUND', message: HOSTILE }} />,
    )

    expectInert(container)
  })

  it('cut a 1 MB name short in table cells but keep it whole in the detail', async () => {
    const huge = `${'A'.repeat(1_000_000)}\u202E`
    installFakeBridge({
      ...baseResponses(),
      'findings:list': { value: { total: 1, rows: [makeFindingRow({ path: huge })] } },
      'findings:get': { value: makeDetail({ file: { ...makeDetail().file, path: huge } }) },
    })
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)

    const table = await screen.findByRole('grid', { name: 'Findings' })
    const pathCell = table.querySelector<HTMLElement>('[role="gridcell"].path')!
    expect(pathCell.textContent.length).toBeLessThan(1000)
    expect(pathCell.textContent).toContain('(+999,601 characters)')
    await user.click(within(table).getByText('Suspicious_PowerShell'))
    const pane = await screen.findByRole('region', { name: 'Finding detail' })
    expect(pane.textContent).toContain(`${'A'.repeat(1_000_000)}\\u202E`)
  })
})
