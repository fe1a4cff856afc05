import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import { describe, expect, it, vi } from 'vitest'
import type { BrowseEntry } from '../../../../main/core/model/evidence'
import type { PackView } from '../../../../main/core/model/rule-packs'
import { EntryPanel } from '../../../../renderer/features/evidence/EntryPanel'
import { EvidenceHarness } from '../../evidence-harness'
import { installFakeBridge, ok } from '../../fake-bridge'
import type { Responses } from '../../fake-bridge'
import { baseResponses, makeDetail, makeFindingRow, makeScan } from '../../fixtures'
import { filesResponder, makeEntry, makeImage, makeLayout } from '../../image-fixtures'

function pack(name: string, version = '1.0.0'): PackView {
  const active = {
    installId: `${version}-1`,
    version,
    sequence: 1,
    signature: 'own' as const,
    signer: null,
    installedAt: null,
    installedBy: null,
    ruleCount: 3,
    tlp: null,
    problem: null,
    source: null,
    droppedCount: 0,
  }
  return { name, active, versions: [active] }
}

const FILE = makeEntry({ fileId: 10, name: 'a.txt', path: '/a.txt', sizeBytes: 64, findings: 2 })
const GONE = makeEntry({ fileId: 11, name: 'gone.doc', deleted: true, recoverable: false })

function bridge(extra: Responses = {}) {
  return installFakeBridge({
    ...baseResponses(),
    'files:read': (input) => {
      const { fileId, offset, length } = input as { fileId: number; offset: number; length: number }
      const size = 64
      const n = Math.max(0, Math.min(length, size - offset))
      return ok({ fileId, offset, bytesHex: '41'.repeat(n), sizeBytes: size })
    },
    'findings:list': {
      value: {
        total: 2,
        rows: [
          makeFindingRow({ id: 7, ruleName: 'Evil_<script>', score: 90 }),
          makeFindingRow({ id: 8, ruleName: 'Other', score: 40 }),
        ],
      },
    },
    'findings:get': (input) =>
      ok(
        makeDetail({ finding: makeFindingRow({ id: (input as { findingId: number }).findingId }) }),
      ),
    'rules:store': { value: [pack('alpha'), pack('beta', '2.1')] },
    'scan:start': { value: makeScan({ id: 9, status: 'running' }) },
    ...extra,
  })
}

function panel(entry: BrowseEntry = FILE, onOpenFinding = vi.fn()) {
  const onScanStarted = vi.fn()
  render(
    <EntryPanel
      entry={entry}
      evidenceId={3}
      isScanRunning={false}
      onScanStarted={onScanStarted}
      onOpenFinding={onOpenFinding}
    />,
  )
  return { user: userEvent.setup(), onOpenFinding, onScanStarted }
}

const selected = () => screen.getByRole('tab', { selected: true })

describe('Evidence browser: the selected file panel', () => {
  it('moves between its tabs with the arrow keys, Home and End', async () => {
    bridge()
    const { user } = panel()
    const tablist = screen.getByRole('tablist', { name: 'Views of a.txt' })
    expect(
      within(tablist)
        .getAllByRole('tab')
        .map((t) => t.textContent),
    ).toEqual(['Details', 'Hex', 'Findings (2)', 'Scan with…'])
    expect(screen.getByRole('region', { name: 'Entry details' })).toBeTruthy()
    await user.tab()
    expect(document.activeElement).toBe(selected())
    await user.keyboard('{ArrowRight}')
    expect(selected().textContent).toBe('Hex')
    expect(document.activeElement).toBe(selected())
    await user.keyboard('{End}')
    expect(selected().textContent).toBe('Scan with…')
    await user.keyboard('{ArrowRight}')
    expect(selected().textContent).toBe('Details')
    await user.keyboard('{ArrowLeft}{Home}')
    expect(selected().textContent).toBe('Details')
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(selected().id)
  })

  it('shows the bytes of the file in the Hex tab, read with files:read, matches asked', async () => {
    const fake = bridge()
    const { user } = panel()
    await user.click(screen.getByRole('tab', { name: 'Hex' }))
    await waitFor(() => {
      expect(fake.inputsOf('files:read').length).toBeGreaterThan(0)
    })
    expect(fake.inputsOf('files:read')[0]).toMatchObject({ fileId: 10, offset: 0 })
    await waitFor(() => {
      expect(fake.inputsOf('findings:get')).toEqual([{ findingId: 7 }, { findingId: 8 }])
    })
    expect(fake.inputsOf('findings:list')[0]).toMatchObject({ fileId: 10, allScans: true })
  })

  it('lists the findings of the file and opens one', async () => {
    const fake = bridge()
    const { user, onOpenFinding } = panel()
    await user.click(screen.getByRole('tab', { name: 'Findings (2)' }))
    const list = await screen.findByRole('list', { name: 'Findings of this file' })
    expect(fake.inputsOf('findings:list')[0]).toMatchObject({
      fileId: 10,
      allScans: true,
      sort: 'score',
      direction: 'desc',
    })
    const buttons = within(list).getAllByRole('button')
    expect(buttons).toHaveLength(2)
    expect(buttons[0]?.textContent).toContain('Evil_<script> · score 90')
    expect(document.querySelector('script')).toBeNull()
    buttons[1]?.focus()
    await user.keyboard('{Enter}')
    expect(onOpenFinding).toHaveBeenCalledWith(8)
  })

  it('says when the file has no findings', async () => {
    bridge({ 'findings:list': { value: { total: 0, rows: [] } } })
    const { user } = panel(makeEntry({ fileId: 12, findings: 0 }))
    await user.click(screen.getByRole('tab', { name: 'Findings' }))
    expect(await screen.findByText(/No findings in this file/)).toBeTruthy()
  })

  it('scans the file with the chosen packs, or with all of them', async () => {
    const fake = bridge()
    const { user, onScanStarted } = panel()
    await user.click(screen.getByRole('tab', { name: 'Scan with…' }))
    const alpha = await screen.findByRole('checkbox', { name: 'alpha@1.0.0' })
    await user.click(alpha)
    await user.click(screen.getByRole('button', { name: 'Scan this file' }))
    expect(fake.inputsOf('scan:start')).toEqual([
      { evidenceIds: [3], fileIds: [10], packNames: ['beta'] },
    ])
    expect((await screen.findByRole('status')).textContent).toContain(
      'Scan #9 started on this file with beta',
    )
    expect(onScanStarted).toHaveBeenCalledWith(expect.objectContaining({ id: 9 }))

    await user.click(screen.getByRole('checkbox', { name: 'beta@2.1' }))
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Scan this file' }).disabled).toBe(
      true,
    )
    expect(screen.getByText('Choose at least one rule pack.')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Choose all packs' }))
    await user.click(screen.getByRole('button', { name: 'Scan this file' }))
    expect(fake.inputsOf('scan:start')[1]).toEqual({ evidenceIds: [3], fileIds: [10] })
  })

  it('says plainly that a deleted file whose content is overwritten has nothing to show', async () => {
    const fake = bridge()
    const { user } = panel(GONE)
    const gone = /Deleted, content overwritten: nothing to show/
    expect(screen.getByText(gone)).toBeTruthy()
    await user.click(screen.getByRole('tab', { name: 'Hex' }))
    expect(screen.getByText(gone)).toBeTruthy()
    await user.click(screen.getByRole('tab', { name: 'Scan with…' }))
    expect(screen.getByText(gone)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Scan this file' })).toBeNull()
    expect(fake.inputsOf('files:read')).toEqual([])
  })

  it('appears in the file browser for the selected file', async () => {
    bridge({
      'evidence:list': { value: [makeImage()] },
      'evidence:layout': { value: makeLayout() },
      'evidence:files': filesResponder({ '11|/': [FILE, GONE] }),
    })
    const user = userEvent.setup()
    render(<EvidenceHarness />)
    await user.click(await screen.findByRole('button', { name: 'laptop.E01' }))
    const browser = await screen.findByRole('region', { name: 'File browser' })
    await within(browser).findByRole('table', { name: 'Files' })
    await user.click(within(browser).getByRole('button', { name: 'gone.doc' }))
    const selectedFile = await screen.findByRole('region', { name: 'Selected file' })
    expect(within(selectedFile).getByRole('tablist', { name: 'Views of gone.doc' })).toBeTruthy()
  })

  it('has no serious accessibility violations in any tab (axe-core, jsdom rules)', async () => {
    bridge()
    const { user } = panel()
    for (const name of ['Details', 'Hex', 'Findings (2)', 'Scan with…']) {
      await user.click(screen.getByRole('tab', { name }))
      await waitFor(() => {
        expect(screen.queryByText(/^Loading/)).toBeNull()
      })
      const result = await axe.run(document.body, {
        rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
      })
      const serious = result.violations.filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      )
      expect(serious.map((v) => `${name}: ${v.id}`)).toEqual([])
    }
  })
})
