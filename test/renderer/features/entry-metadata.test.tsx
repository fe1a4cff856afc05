import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { BrowseEntry } from '../../../main/core/model/evidence'
import { formatMode, isBackdatedLike } from '../../../renderer/features/evidence/entry-metadata'
import { EvidenceHarness } from '../evidence-harness'
import { installFakeBridge } from '../fake-bridge'
import { baseResponses } from '../fixtures'
import { filesResponder, makeEntry, makeImage, makeLayout } from '../image-fixtures'

const NO_METADATA = makeEntry().metadata
const SI = {
  modified: '2019-01-01T00:00:00Z',
  accessed: '2019-01-01T00:00:00Z',
  changed: '2019-01-01T00:00:00Z',
  born: '2019-01-01T00:00:00Z',
}
const FN = {
  modified: '2024-05-02T10:00:00.1234567Z',
  accessed: '2024-05-02T10:00:00.1234567Z',
  changed: '2024-05-02T10:00:00.1234567Z',
  born: '2024-05-02T10:00:00.1234567Z',
}

describe('formatMode', () => {
  it.each([
    [0o100644, '-rw-r--r-- (0644)'],
    [0o040755, 'drwxr-xr-x (0755)'],
    [0o120777, 'lrwxrwxrwx (0777)'],
    [0o104755, '-rwsr-xr-x (4755)'],
    [0o102644, '-rw-r-Sr-- (2644)'],
    [0o041777, 'drwxrwxrwt (1777)'],
    [0o041776, 'drwxrwxrwT (1776)'],
    [0o020620, 'crw--w---- (0620)'],
    [0o000644, '?rw-r--r-- (0644)'],
  ])('%o → %s', (mode, text) => {
    expect(formatMode(mode)).toBe(text)
  })
})

describe('isBackdatedLike', () => {
  it('flags $SI born before $FN born, to the second, and nothing else', () => {
    expect(isBackdatedLike(SI, { ...NO_METADATA, fileNameTimes: FN })).toBe(true)
    expect(isBackdatedLike(FN, { ...NO_METADATA, fileNameTimes: SI })).toBe(false)
    // The same second with more precision on one side is not back-dating.
    const sameSecond = { ...FN, born: '2024-05-02T10:00:00Z' }
    expect(isBackdatedLike(sameSecond, { ...NO_METADATA, fileNameTimes: FN })).toBe(false)
    expect(isBackdatedLike(SI, NO_METADATA)).toBe(false)
    expect(isBackdatedLike({ ...SI, born: null }, { ...NO_METADATA, fileNameTimes: FN })).toBe(
      false,
    )
  })
})

const NTFS_ROOT: readonly BrowseEntry[] = [
  makeEntry({
    fileId: 10,
    name: 'invoice.pdf',
    path: '/invoice.pdf',
    inode: '64-128-2',
    ...SI,
    timeNote: 'NTFS times are UTC',
    metadata: {
      ...NO_METADATA,
      owner: 'NT AUTHORITY\\SYSTEM (S-1-5-18)',
      fileNameTimes: FN,
    },
  }),
  makeEntry({
    fileId: 11,
    name: 'invoice.pdf:Zone.Identifier',
    path: '/invoice.pdf:Zone.Identifier',
    inode: '64-128-5',
    metadata: { ...NO_METADATA, stream: 'Zone.Identifier' },
  }),
  makeEntry({
    fileId: 12,
    name: 'secret.docx',
    path: '/secret.docx',
    inode: '65-128-2',
    sha256: null,
    metadata: { ...NO_METADATA, encrypted: true, flags: ['encrypted'] },
  }),
  makeEntry({
    fileId: 13,
    name: 'passwd',
    path: '/passwd',
    inode: '131',
    timeNote: null,
    metadata: {
      ...NO_METADATA,
      owner: 'root (uid 0)',
      group: 'shadow (gid 42)',
      mode: 0o100640,
      linkTarget: null,
    },
  }),
]

async function openRoot() {
  installFakeBridge({
    ...baseResponses(),
    'evidence:list': { value: [makeImage()] },
    'evidence:layout': { value: makeLayout() },
    'evidence:files': filesResponder({ '11|/': NTFS_ROOT }),
  })
  const user = userEvent.setup()
  render(<EvidenceHarness />)
  await user.click(await screen.findByRole('button', { name: 'laptop.E01' }))
  const browser = await screen.findByRole('region', { name: 'File browser' })
  const files = await within(browser).findByRole('table', { name: 'Files' })
  return { user, browser, files }
}

const rowOf = (files: HTMLElement, name: string) =>
  within(files).getByRole('button', { name }).closest('tr')!

describe('File browser: what NTFS and ext record', () => {
  it('badges streams, encrypted files and $SI-before-$FN, and shows owners in the list', async () => {
    const { files } = await openRoot()
    const invoice = rowOf(files, 'invoice.pdf')
    expect(invoice.textContent).toContain('$SI born before $FN')
    expect(invoice.textContent).toContain('NT AUTHORITY\\SYSTEM (S-1-5-18)')
    expect(rowOf(files, 'invoice.pdf:Zone.Identifier').textContent).toContain('Stream')
    expect(rowOf(files, 'secret.docx').textContent).toContain('Encrypted')
    expect(rowOf(files, 'passwd').textContent).toContain('root (uid 0)')
    expect(rowOf(files, 'passwd').textContent).not.toContain('$SI')
  })

  it('shows both NTFS time sets of the selected entry, marking the rows that differ', async () => {
    const { user, browser, files } = await openRoot()
    await user.click(within(files).getByRole('button', { name: 'invoice.pdf' }))
    const details = await within(browser).findByRole('region', { name: 'Entry details' })
    expect(details.textContent).toContain('64-128-2')
    expect(details.textContent).toContain('NT AUTHORITY\\SYSTEM (S-1-5-18)')
    const table = within(details).getByRole('table')
    const header = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent)
    expect(header.join(' ')).toMatch(/STANDARD_INFORMATION/)
    expect(header.join(' ')).toMatch(/FILE_NAME/)
    const differing = table.querySelectorAll('tr.times-differ')
    expect(differing).toHaveLength(4)
    expect(table.textContent).toContain('2019-01-01 00:00:00 UTC')
    expect(table.textContent).toContain('2024-05-02 10:00:00.1234567 UTC')
  })

  it('shows ext owner, group and mode of the selected entry', async () => {
    const { user, browser, files } = await openRoot()
    await user.click(within(files).getByRole('button', { name: 'passwd' }))
    const details = await within(browser).findByRole('region', { name: 'Entry details' })
    expect(details.textContent).toContain('shadow (gid 42)')
    expect(details.textContent).toContain('-rw-r----- (0640)')
    expect(within(details).queryByText(/FILE_NAME/)).toBeNull()
  })

  it('says an encrypted file is listed but not decrypted', async () => {
    const { user, browser, files } = await openRoot()
    await user.click(within(files).getByRole('button', { name: 'secret.docx' }))
    const details = await within(browser).findByRole('region', { name: 'Entry details' })
    expect(details.textContent).toContain('not decrypted')
  })
})
