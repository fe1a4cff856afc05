import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { FindingDetail, FindingRow } from '../../../main/core/model/findings'
import { FindingsPanel } from '../../../renderer/features/findings/FindingsPanel'
import { installFakeBridge } from '../fake-bridge'
import { baseResponses, makeDetail, makeFindingRow } from '../fixtures'

const LOCATION = 'volume 000:000 (FAT32 LBA (0x0c)) › fat32 "DATA"'

function imageFinding(overrides: Partial<FindingRow> = {}): FindingRow {
  return makeFindingRow({
    evidenceLabel: 'laptop.E01',
    location: LOCATION,
    path: '/docs/secret.txt',
    ...overrides,
  })
}

function imageDetail(row: FindingRow): FindingDetail {
  const base = makeDetail()
  return {
    ...base,
    finding: row,
    file: {
      ...base.file,
      path: row.path,
      evidenceLabel: row.evidenceLabel,
      timeNote: 'FAT stores local time: shown as if it were UTC',
      inode: '1234',
      imageOffset: 2_101_248,
    },
    matches: [{ ...base.matches[0]!, offset: 16, imageOffset: 2_101_264 }],
  }
}

async function openDetail(rows: readonly FindingRow[], detail: FindingDetail) {
  installFakeBridge({
    ...baseResponses(),
    'findings:list': { value: { total: rows.length, rows } },
    'findings:get': { value: detail },
  })
  const user = userEvent.setup()
  render(<FindingsPanel revision={0} />)
  const table = await screen.findByRole('grid', { name: 'Findings' })
  await user.click(within(table).getAllByRole('row')[1]!)
  return { table, pane: await screen.findByRole('region', { name: 'Finding detail' }) }
}

describe('Findings inside images', () => {
  it('shows evidence › volume › file system › path in the table', async () => {
    const row = imageFinding()
    const { table } = await openDetail([row], imageDetail(row))

    const cell = within(table).getAllByRole('row')[1]!.querySelector('.path')!
    expect(cell.textContent).toBe(`laptop.E01 › ${LOCATION} › /docs/secret.txt`)
  })

  it('shows just evidence › path for host files, with no badge', async () => {
    const row = makeFindingRow()
    const { table } = await openDetail([row], makeDetail())

    const cell = within(table).getAllByRole('row')[1]!.querySelector('.path')!
    expect(cell.textContent).toBe('USB stick › /mnt/usb/run.ps1')
    expect(cell.querySelector('.badge')).toBeNull()
  })

  it('badges deleted files and unallocated blocks', async () => {
    const deleted = imageFinding({ id: 1, deleted: true })
    const block = imageFinding({ id: 2, unallocated: true, path: '$Unallocated/volume-0/0-65536' })
    const { table, pane } = await openDetail([deleted, block], imageDetail(deleted))

    const rows = within(table).getAllByRole('row')
    expect([...rows[1]!.querySelectorAll('.badge')].map((b) => b.textContent)).toEqual(['Deleted'])
    expect([...rows[2]!.querySelectorAll('.badge')].map((b) => b.textContent)).toEqual([
      'Unallocated',
    ])
    expect(pane.textContent).toContain(
      `Locationlaptop.E01 › ${LOCATION} › /docs/secret.txt Deleted`,
    )
  })

  it('shows inode, image offset and the time note of the file', async () => {
    const row = imageFinding()
    const { pane } = await openDetail([row], imageDetail(row))

    expect(pane.textContent).toContain('Inode / entry1234')
    expect(pane.textContent).toContain('Offset in image2,101,248 (0x201000)')
    expect(pane.textContent).toContain(
      'Note on times: FAT stores local time: shown as if it were UTC',
    )
  })

  it('shows both offsets of a match, in the file and in the image', async () => {
    const row = imageFinding()
    const { pane } = await openDetail([row], imageDetail(row))

    const match = pane.querySelector('.match')!
    expect(match.textContent).toContain('Offset in file16 (0x10)')
    expect(match.textContent).toContain('Offset in image2,101,264 (0x201010)')
  })

  it('shows one offset for host files', async () => {
    const { pane } = await openDetail([makeFindingRow()], makeDetail())

    const match = pane.querySelector('.match')!
    expect(match.textContent).toContain('Offset4,660 (0x1234)')
    expect(match.textContent).not.toContain('in image')
    expect(pane.textContent).not.toContain('Inode')
    expect(pane.textContent).not.toContain('Note on times')
  })
})
