import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { BrowseEntry } from '../../../main/core/model/evidence'
import { EvidenceHarness } from '../evidence-harness'
import type { EvidenceHarnessProps } from '../evidence-harness'
import { installFakeBridge, ok } from '../fake-bridge'
import { baseResponses, makeEvidence, makeScan } from '../fixtures'
import { filesResponder, makeEntry, makeFolder, makeImage, makeLayout } from '../image-fixtures'

const ROOT: readonly BrowseEntry[] = [
  makeFolder('docs', '/docs', 1),
  makeFolder('empty', '/empty', 2),
  makeEntry({ fileId: 10, name: 'a.txt', path: '/a.txt', findings: 2 }),
  makeEntry({ fileId: 11, name: 'gone.doc', path: '/gone.doc', deleted: true, recoverable: false }),
  makeEntry({ fileId: 12, name: 'old.txt', path: '/old.txt', deleted: true, recoverable: true }),
]
const TREE = {
  '11|/': ROOT,
  '11|/docs': [
    makeFolder('sub', '/docs/sub', 3),
    makeEntry({ fileId: 20, name: 'b.txt', path: '/docs/b.txt' }),
  ],
  '11|/docs/sub': [makeEntry({ fileId: 30, name: 'c.txt', path: '/docs/sub/c.txt' })],
  '11|$Unallocated/volume-0': [
    makeEntry({
      fileId: 40,
      name: '0-65536',
      path: '$Unallocated/volume-0/0-65536',
      kind: 'unallocated',
      timeNote: null,
    }),
  ],
}

function imageBridge(tree: Readonly<Record<string, readonly BrowseEntry[]>> = TREE) {
  return installFakeBridge({
    ...baseResponses(),
    'evidence:list': { value: [makeImage()] },
    'evidence:layout': { value: makeLayout() },
    'evidence:files': filesResponder(tree),
    'scan:start': { value: makeScan({ id: 5, status: 'running' }) },
  })
}

async function openBrowser(label = 'laptop.E01', props: EvidenceHarnessProps = {}) {
  const user = userEvent.setup()
  render(<EvidenceHarness {...props} />)
  await user.click(await screen.findByRole('button', { name: label }))
  const browser = await screen.findByRole('region', { name: 'File browser' })
  const files = await within(browser).findByRole('table', { name: 'Files' })
  return { user, browser, files }
}

const crumbs = (browser: HTMLElement) =>
  within(within(browser).getByRole('navigation', { name: 'Folder path' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent)

const names = (files: HTMLElement) =>
  within(files)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('button')[0]!.textContent)

describe('File browser', () => {
  it('lists the root of the file system: folders first, times in UTC, inode, hash, findings', async () => {
    const bridge = imageBridge()
    const { browser, files } = await openBrowser()

    expect(bridge.inputsOf('evidence:files')).toContainEqual({
      evidenceId: 3,
      fileSystemId: 11,
      parent: '/',
      offset: 0,
      limit: 100,
    })
    expect(names(files)).toEqual([
      'Unallocated space',
      'docs',
      'empty',
      'a.txt',
      'gone.doc',
      'old.txt',
    ])
    const a = within(files).getAllByRole('row')[4]!
    expect(a.textContent).toContain('2024-04-30 08:15:30 UTC [1]')
    // Lists show times to the second; the full precision is in the title.
    expect(a.textContent).toContain('2024-04-29 07:00:00 UTC [1]')
    expect(within(a).getByTitle('2024-04-29 07:00:00.5 UTC').textContent).toBe(
      '2024-04-29 07:00:00 UTC',
    )
    expect(a.textContent).toContain('dddddddddddd…')
    expect(within(a).getAllByRole('cell').at(-1)!.textContent).toBe('2')
    expect(within(browser).getByRole('list', { name: 'Notes on times' }).textContent).toBe(
      '[1] FAT stores local time: shown as if it were UTC',
    )
    expect(crumbs(browser)).toEqual(['Root'])
  })

  it('enters folders, goes back with the breadcrumb, Backspace and "Up one folder"', async () => {
    imageBridge()
    const { user, browser, files } = await openBrowser()

    await user.click(within(files).getByRole('button', { name: 'docs' }))
    await waitFor(() => {
      expect(crumbs(browser)).toEqual(['Root', 'docs'])
    })
    await user.click(await within(browser).findByRole('button', { name: 'sub' }))
    await within(browser).findByRole('button', { name: 'c.txt' })
    expect(crumbs(browser)).toEqual(['Root', 'docs', 'sub'])
    const path = within(browser).getByRole('navigation', { name: 'Folder path' })
    expect(
      within(path).getByText('sub').closest('[aria-current]')?.getAttribute('aria-current'),
    ).toBe('page')

    await user.click(within(path).getByRole('button', { name: 'docs' }))
    await within(browser).findByRole('button', { name: 'b.txt' })
    expect(document.activeElement?.textContent).toBe('sub')

    await user.keyboard('{Backspace}')
    await within(browser).findByRole('button', { name: 'a.txt' })
    await waitFor(() => {
      expect(document.activeElement?.textContent).toBe('docs')
    })
    expect(crumbs(browser)).toEqual(['Root'])
    expect(
      within(browser).getByRole<HTMLButtonElement>('button', { name: 'Up one folder' }).disabled,
    ).toBe(true)
  })

  it('moves with the arrow keys and opens a folder with Enter', async () => {
    imageBridge()
    const { user, browser, files } = await openBrowser()

    await user.click(within(files).getByRole('button', { name: 'Unallocated space' }))
    await within(browser).findByRole('button', { name: '0-65536' })
    expect(crumbs(browser)).toEqual(['Root', 'Unallocated space'])
    await user.click(within(browser).getByRole('button', { name: 'Up one folder' }))
    await within(browser).findByRole('button', { name: 'docs' })

    within(browser).getByRole('button', { name: 'Unallocated space' }).focus()
    await user.keyboard('{ArrowDown}{ArrowDown}{End}{Home}{ArrowDown}')
    expect(document.activeElement?.textContent).toBe('docs')
    const tabbable = within(browser)
      .getAllByRole('button')
      .filter((b) => b.closest('tbody') && b.tabIndex === 0)
    expect(tabbable.map((b) => b.textContent)).toEqual(['docs'])
    await user.keyboard('{Enter}')

    await within(browser).findByRole('button', { name: 'b.txt' })
    expect(document.activeElement?.textContent).toBe('sub')
  })

  it('pages the folder, 100 entries at a time', async () => {
    const many = Array.from({ length: 150 }, (_, i) =>
      makeEntry({
        fileId: 1000 + i,
        name: `f${String(i).padStart(3, '0')}.bin`,
        path: `/f${i}.bin`,
      }),
    )
    const bridge = imageBridge({ '11|/': many })
    const { user, browser } = await openBrowser()

    expect(within(browser).getByText('1–100 of 150 entries')).toBeTruthy()
    await user.click(within(browser).getByRole('button', { name: 'Next page' }))

    await within(browser).findByText('101–150 of 150 entries')
    expect(within(browser).getByRole('button', { name: 'f100.bin' })).toBeTruthy()
    const offsets = bridge
      .inputsOf('evidence:files')
      .filter((i) => (i as { parent: string }).parent === '/')
    expect(offsets.map((i) => (i as { offset: number }).offset)).toEqual([0, 100])
  })

  it('marks deleted entries, and does not let unrecoverable ones be selected', async () => {
    imageBridge()
    const { user, files } = await openBrowser()

    const gone = within(files).getByRole('button', { name: 'gone.doc' }).closest('tr')!
    const old = within(files).getByRole('button', { name: 'old.txt' }).closest('tr')!
    expect(gone.className).toContain('is-deleted')
    expect(gone.textContent).toContain('Deleted')
    expect(gone.textContent).toContain('Content gone')
    expect(old.textContent).toContain('Deleted')
    expect(old.textContent).not.toContain('Content gone')
    const goneBox = within(gone).getByRole<HTMLInputElement>('checkbox', {
      name: 'Select gone.doc',
    })
    expect(goneBox.disabled).toBe(true)

    await user.click(within(gone).getByRole('button', { name: 'gone.doc' }))
    await user.click(within(files).getByRole('checkbox', { name: 'Select all files on this page' }))

    expect(goneBox.checked).toBe(false)
    expect(
      within(old).getByRole<HTMLInputElement>('checkbox', { name: 'Select old.txt' }).checked,
    ).toBe(true)
    expect(screen.getByText('2 files selected')).toBeTruthy()
  })

  it('scans the selected files, across folders, with scan:start fileIds', async () => {
    const bridge = imageBridge()
    const onScanStarted = vi.fn()
    const { user, browser, files } = await openBrowser('laptop.E01', { onScanStarted })
    const scan = within(browser).getByRole<HTMLButtonElement>('button', {
      name: 'Scan selected files',
    })
    expect(scan.disabled).toBe(true)

    await user.click(within(files).getByRole('checkbox', { name: 'Select a.txt' }))
    await user.click(within(files).getByRole('button', { name: 'docs' }))
    await user.click(await within(browser).findByRole('button', { name: 'b.txt' }))
    expect(within(browser).getByText('2 files selected')).toBeTruthy()
    await user.click(scan)

    expect(bridge.inputsOf('scan:start')).toEqual([{ evidenceIds: [3], fileIds: [10, 20] }])
    expect(onScanStarted).toHaveBeenCalledWith(expect.objectContaining({ id: 5 }))
    expect((await within(browser).findByText(/Scan #5 started/)).textContent).toBe(
      'Scan #5 started on 2 files; follow it in Scan.',
    )
    await user.click(within(browser).getByRole('button', { name: 'Clear selection' }))
    expect(within(browser).getByText('0 files selected')).toBeTruthy()
  })

  it('does not start a scan while one runs', async () => {
    imageBridge()
    const { user, browser, files } = await openBrowser('laptop.E01', { isScanRunning: true })

    await user.click(within(files).getByRole('checkbox', { name: 'Select a.txt' }))

    expect(
      within(browser).getByRole<HTMLButtonElement>('button', { name: 'Scan selected files' })
        .disabled,
    ).toBe(true)
  })

  it('browses a folder evidence item from its root, with relative paths', async () => {
    const bridge = installFakeBridge({
      ...baseResponses(),
      'evidence:list': { value: [makeEvidence()] },
      'evidence:files': filesResponder({
        'null|': [
          makeFolder('docs', 'docs', 1),
          makeEntry({ fileId: 2, name: 'x.txt', path: 'x.txt', timeNote: null }),
        ],
        'null|docs': [makeEntry({ fileId: 3, name: 'y.txt', path: 'docs/y.txt', timeNote: null })],
      }),
    })
    const { user, browser, files } = await openBrowser('USB stick')

    expect(screen.queryByRole('region', { name: 'Image layout' })).toBeNull()
    await user.click(within(files).getByRole('button', { name: 'docs' }))
    await within(browser).findByRole('button', { name: 'y.txt' })

    const parents = bridge
      .inputsOf('evidence:files')
      .map((i) => i as { parent: string; fileSystemId: null })
    expect(parents.map((i) => [i.fileSystemId, i.parent])).toEqual([
      [null, ''],
      [null, 'docs'],
    ])
    expect(crumbs(browser)).toEqual(['Root', 'docs'])
    expect(within(browser).queryByRole('list', { name: 'Notes on times' })).toBeNull()
  })

  it('says a folder has no files recorded before its first scan', async () => {
    installFakeBridge({
      ...baseResponses(),
      'evidence:list': { value: [makeEvidence()] },
      'evidence:files': () => ok({ total: 0, rows: [] }),
    })
    const user = userEvent.setup()
    render(<EvidenceHarness />)
    await user.click(await screen.findByRole('button', { name: 'USB stick' }))

    expect(await screen.findByText(/No files recorded yet/)).toBeTruthy()
  })
})
