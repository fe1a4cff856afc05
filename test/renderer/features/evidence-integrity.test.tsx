import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { Evidence, IntegrityState } from '../../../main/core/model/evidence'
import { Workbench } from '../../../renderer/features/workbench/Workbench'
import { EvidenceHarness } from '../evidence-harness'
import { fail, installFakeBridge, ok } from '../fake-bridge'
import { baseResponses, makeCase } from '../fixtures'
import { makeEvidenceProgress, makeImage } from '../image-fixtures'

const integrity = () => screen.findByRole('status', { name: 'Integrity of laptop.E01' })

function imageRow(): HTMLElement {
  const table = screen.getByRole('table', { name: 'Evidence' })
  return within(table).getAllByRole('row')[1]!
}

describe('Evidence integrity', () => {
  it.each<[IntegrityState, string, string]>([
    ['pending', 'Pending', 'Waiting to be hashed.'],
    ['hashing', 'Hashing', 'Cancel hashing'],
    ['verified', 'Verified', 'Stored MD5 and SHA-1 match.'],
    ['computed', 'Computed', 'no acquisition hash to compare'],
    ['mismatch', 'MISMATCH', 'The image does not match its acquisition hash.'],
    ['cancelled', 'Cancelled', 'Hashing was cancelled: the image is not verified.'],
    ['failed', 'Failed', 'segment 2 is truncated'],
  ])('shows %s as "%s"', async (state, label, explanation) => {
    installFakeBridge({
      ...baseResponses(),
      'evidence:list': {
        value: [makeImage({ integrity: state, integrityDetail: 'segment 2 is truncated' })],
      },
    })
    render(<EvidenceHarness />)

    expect((await integrity()).textContent).toBe(label)
    expect(imageRow().textContent).toContain(explanation)
    expect(imageRow().textContent).toContain('Disk image')
    expect(imageRow().textContent).toContain('EWF (E01) · 2 files')
  })

  it('makes a mismatch prominent, with its detail, on a marked row', async () => {
    installFakeBridge({
      ...baseResponses(),
      'evidence:list': {
        value: [
          makeImage({
            integrity: 'mismatch',
            md5: 'ee'.repeat(16),
            integrityDetail: `stored MD5 ${'aa'.repeat(16)}, computed ${'ee'.repeat(16)}`,
          }),
        ],
      },
    })
    render(<EvidenceHarness />)

    const status = await integrity()
    expect(status.querySelector('.badge-danger')?.textContent).toBe('MISMATCH')
    expect(imageRow().className).toContain('has-mismatch')
    expect(imageRow().textContent).toContain(`computed ${'ee'.repeat(16)}`)
  })

  it('shows no integrity for folders', async () => {
    installFakeBridge({
      ...baseResponses(),
      'evidence:list': {
        value: [makeImage({ id: 9, kind: 'folder', integrity: 'not-applicable' })],
      },
    })
    render(<EvidenceHarness />)

    await screen.findByRole('table', { name: 'Evidence' })
    expect(screen.queryByRole('status', { name: /Integrity of/ })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Cancel hashing' })).toBeNull()
  })

  it('follows listing then hashing progress, and refreshes the row when done', async () => {
    let stored: Evidence = makeImage({ integrity: 'pending', sha256: null, md5: null, sha1: null })
    const bridge = installFakeBridge({
      ...baseResponses(),
      'evidence:list': () => ok([stored]),
    })
    render(<EvidenceHarness />)
    expect((await integrity()).textContent).toBe('Pending')

    act(() => {
      bridge.emit(
        'evidence:progress',
        makeEvidenceProgress({ phase: 'listing', done: 1234, integrity: 'pending' }),
      )
    })
    expect(imageRow().textContent).toContain('Listing entries… 1,234')

    act(() => {
      bridge.emit(
        'evidence:progress',
        makeEvidenceProgress({ done: 16 * 1024 * 1024, total: 64 * 1024 * 1024 }),
      )
    })
    expect((await integrity()).textContent).toBe('Hashing')
    const bar = screen.getByRole<HTMLProgressElement>('progressbar', {
      name: 'Hashing progress of laptop.E01',
    })
    expect(bar.value).toBe(16 * 1024 * 1024)
    expect(bar.max).toBe(64 * 1024 * 1024)
    expect(imageRow().textContent).toContain('16.0 MiB of 64.0 MiB (25 %)')

    stored = makeImage({ integrity: 'verified' })
    const listsBefore = bridge.inputsOf('evidence:list').length
    act(() => {
      bridge.emit(
        'evidence:progress',
        makeEvidenceProgress({ phase: 'done', done: 64, total: 64, integrity: 'verified' }),
      )
    })
    await waitFor(() => {
      expect(bridge.inputsOf('evidence:list').length).toBe(listsBefore + 1)
    })
    expect((await integrity()).textContent).toBe('Verified')
    await waitFor(() => {
      expect(imageRow().textContent).toContain(`SHA-256 ${'cc'.repeat(32)}`)
    })
    expect(screen.queryByRole('progressbar')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Cancel hashing' })).toBeNull()
  })

  it('cancels hashing with evidence:cancelTask', async () => {
    const bridge = installFakeBridge({
      ...baseResponses(),
      'evidence:list': { value: [makeImage({ integrity: 'hashing' })] },
      'evidence:cancelTask': { value: null },
    })
    const user = userEvent.setup()
    render(<EvidenceHarness />)

    await user.click(await screen.findByRole('button', { name: 'Cancel hashing' }))

    expect(bridge.inputsOf('evidence:cancelTask')).toEqual([{ evidenceId: 3 }])
  })

  it('shows why hashing could not be cancelled', async () => {
    installFakeBridge({
      ...baseResponses(),
      'evidence:list': { value: [makeImage({ integrity: 'pending' })] },
      'evidence:cancelTask': () => fail('NOT_FOUND', 'Nothing is running for evidence 3.'),
    })
    const user = userEvent.setup()
    render(<EvidenceHarness />)

    await user.click(await screen.findByRole('button', { name: 'Cancel hashing' }))

    expect((await screen.findByRole('alert')).textContent).toContain(
      'Nothing is running for evidence 3.',
    )
  })

  it('keeps following hashing in other sections, with a badge on Evidence', async () => {
    const bridge = installFakeBridge({
      ...baseResponses(),
      'evidence:list': { value: [makeImage({ integrity: 'hashing' })] },
    })
    render(<Workbench caseInfo={makeCase()} onClosed={vi.fn()} initialSection="audit" />)
    const nav = screen.getByRole('navigation', { name: 'Sections' })

    act(() => {
      bridge.emit('evidence:progress', makeEvidenceProgress({ done: 50, total: 200 }))
    })

    expect(within(nav).getByRole('button', { name: /Evidence/ }).textContent).toBe('Evidence25%')
    await userEvent.setup().click(within(nav).getByRole('button', { name: /Evidence/ }))
    expect(
      await screen.findByRole('progressbar', { name: 'Hashing progress of laptop.E01' }),
    ).toBeTruthy()
  })
})
