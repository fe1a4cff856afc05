import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { ScanSummary } from '../../../main/core/model/scan'
import type { Result } from '../../../main/ipc/contract'
import { Workbench } from '../../../renderer/features/workbench/Workbench'
import { fail, installFakeBridge, ok } from '../fake-bridge'
import { baseResponses, makeCase, makeEvidence, makeProgress, makeScan } from '../fixtures'

const RUNNING = makeScan({
  id: 7,
  status: 'running',
  finishedAt: null,
  filesScanned: 0,
  bytesScanned: 0,
  findingCount: 0,
  coverage: {},
})
const COMPLETED = makeScan({ id: 7, status: 'completed' })

function renderScanSection() {
  return render(<Workbench caseInfo={makeCase()} onClosed={vi.fn()} initialSection="scan" />)
}

function scanResponses() {
  return {
    ...baseResponses(),
    'evidence:list': {
      value: [
        makeEvidence(),
        makeEvidence({ id: 2, label: 'Mail export', sourcePath: '/mnt/mail' }),
      ],
    },
  }
}

describe('Scan section', () => {
  it('starts a scan on the chosen evidence and follows it to the end', async () => {
    const bridge = installFakeBridge({ ...scanResponses(), 'scan:start': { value: RUNNING } })
    const user = userEvent.setup()
    renderScanSection()

    const mail = await screen.findByRole<HTMLInputElement>('checkbox', { name: /Mail export/ })
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /USB stick/ }).checked).toBe(true)
    await user.click(mail)
    await user.click(screen.getByRole('button', { name: 'Start scan' }))
    expect(bridge.inputsOf('scan:start')).toEqual([{ evidenceIds: [1] }])

    act(() => {
      bridge.emit('scan:progress', makeProgress({ scanId: 7, filesDone: 250, filesTotal: 1000 }))
    })
    const bar = screen.getByRole<HTMLProgressElement>('progressbar', { name: 'Scan progress' })
    expect(bar.value).toBe(250)
    expect(bar.max).toBe(1000)
    expect(screen.getByText('250 of 1,000')).toBeTruthy()
    expect(screen.getByText('2.5 MiB of 10.0 MiB')).toBeTruthy()
    expect(screen.getByText('125 files/s · 1.2 MiB/s')).toBeTruthy()
    expect(screen.getByText('6 s')).toBeTruthy()
    expect(screen.getByRole('status').textContent).toBe('Scan #7: scanning, about 20 % done.')
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Start scan' }).disabled).toBe(
      true,
    )

    const listsBefore = bridge.inputsOf('scan:list').length
    act(() => {
      bridge.emit('scan:finished', COMPLETED)
    })
    expect(screen.getByRole('status').textContent).toBe(
      'Scan #7 completed: 1,000 files, 3 findings.',
    )
    expect(screen.queryByRole('button', { name: 'Cancel scan' })).toBeNull()
    await waitFor(() => {
      expect(bridge.inputsOf('scan:list').length).toBeGreaterThan(listsBefore)
    })
  })

  it('restores the running scan on mount', async () => {
    const bridge = installFakeBridge({
      ...scanResponses(),
      'scan:active': { value: makeProgress({ scanId: 3, filesDone: 10, filesTotal: 40 }) },
    })
    renderScanSection()

    const bar = await screen.findByRole<HTMLProgressElement>('progressbar', {
      name: 'Scan progress',
    })
    expect(bar.value).toBe(10)
    expect(screen.getByRole('heading', { name: 'Scan #3 — Scanning files' })).toBeTruthy()
    expect(bridge.listenerCount('scan:progress')).toBe(1)
    const nav = screen.getByRole('navigation', { name: 'Sections' })
    expect(within(nav).getByRole('button', { name: /Scan/ }).textContent).toBe('Scan25%')
  })

  it('cancels the running scan and shows a refusal', async () => {
    const bridge = installFakeBridge({
      ...scanResponses(),
      'scan:active': { value: makeProgress() },
      'scan:cancel': () => fail('SCAN_NOT_RUNNING', 'No scan is running.'),
    })
    const user = userEvent.setup()
    renderScanSection()

    await user.click(await screen.findByRole('button', { name: 'Cancel scan' }))

    expect(bridge.inputsOf('scan:cancel')).toEqual([{ scanId: 7 }])
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('No scan is running.')
    expect(alert.textContent).toContain('SCAN_NOT_RUNNING')
  })

  it('is not left "running" when the scan finishes before scan:start answers', async () => {
    let answer: (result: Result<ScanSummary>) => void = () => undefined
    const bridge = installFakeBridge({
      ...scanResponses(),
      'scan:start': () =>
        new Promise<Result<ScanSummary>>((resolve) => {
          answer = resolve
        }),
    })
    const user = userEvent.setup()
    renderScanSection()

    await user.click(await screen.findByRole('button', { name: 'Start scan' }))
    act(() => {
      bridge.emit('scan:finished', COMPLETED)
    })
    await act(async () => {
      answer(ok(RUNNING))
      await Promise.resolve()
    })

    expect(screen.getByRole('status').textContent).toContain('Scan #7 completed')
    expect(screen.queryByRole('button', { name: 'Cancel scan' })).toBeNull()
  })

  it('lists past scans with status, packs, counts and limits', async () => {
    installFakeBridge({
      ...scanResponses(),
      'scan:list': {
        value: [COMPLETED, makeScan({ id: 8, status: 'failed', error: 'Rule pack is invalid' })],
      },
    })
    renderScanSection()

    const table = await screen.findByRole('table', { name: 'Scans' })
    const [, first, second] = within(table).getAllByRole('row')
    expect(first!.textContent).toContain('Completed')
    expect(first!.textContent).toContain('outpost-default@1.2.0')
    expect(first!.textContent).toContain('2024-05-01 11:00:00.000 UTC')
    expect(first!.textContent).toContain(
      'max file 512.0 MiB · timeout 30 s (hard 2 min) · match cap 1,000 per pattern',
    )
    expect(
      within(first!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toContain('3')
    expect(second!.textContent).toContain('Rule pack is invalid')
  })

  it('shows why the scan could not start', async () => {
    installFakeBridge({
      ...scanResponses(),
      'scan:start': () => fail('ENGINE_UNAVAILABLE', 'The YARA engine could not be loaded.'),
    })
    const user = userEvent.setup()
    renderScanSection()

    await user.click(await screen.findByRole('button', { name: 'Start scan' }))

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('The YARA engine could not be loaded.')
    expect(alert.textContent).toContain('ENGINE_UNAVAILABLE')
  })
})
