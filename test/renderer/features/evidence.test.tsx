import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { Evidence } from '../../../main/core/model/evidence'
import { EvidenceHarness } from '../evidence-harness'
import { fail, installFakeBridge, ok } from '../fake-bridge'
import type { FakeBridge } from '../fake-bridge'
import { baseResponses, makeEvidence } from '../fixtures'

/** A bridge whose evidence list grows with every `evidence:add`. */
function bridgeWithEvidenceStore(initial: readonly Evidence[] = []): FakeBridge {
  const store = [...initial]
  return installFakeBridge({
    ...baseResponses(),
    'evidence:list': () => ok([...store]),
    'evidence:add': (input) => {
      const { path, label } = input as { path: string; label?: string }
      const added = makeEvidence({ id: store.length + 1, sourcePath: path, label: label ?? path })
      store.push(added)
      return ok(added)
    },
  })
}

function drop(files: readonly File[]) {
  const zone = screen.getByRole('region', { name: 'Evidence drop zone' })
  fireEvent.drop(zone.querySelector('.drop-zone')!, { dataTransfer: { files, types: ['Files'] } })
}

describe('EvidencePanel', () => {
  it('says there is no evidence yet', async () => {
    installFakeBridge(baseResponses())
    render(<EvidenceHarness />)

    expect(
      await screen.findByText('No evidence yet — add a folder, file or disk image.'),
    ).toBeTruthy()
  })

  it('lists evidence with kind, size, count and hash', async () => {
    installFakeBridge({
      ...baseResponses(),
      'evidence:list': {
        value: [
          makeEvidence({
            fileCount: 1200,
            sizeBytes: 3.4 * 1024 * 1024,
            manifestSha256: 'aa'.repeat(32),
          }),
          makeEvidence({ id: 2, label: 'memo.docx', kind: 'file', sha256: 'bb'.repeat(32) }),
        ],
      },
    })
    render(<EvidenceHarness />)

    const table = await screen.findByRole('table', { name: 'Evidence' })
    const rows = within(table).getAllByRole('row')
    expect(rows[1]!.textContent).toContain('Folder')
    expect(rows[1]!.textContent).toContain('3.4 MiB')
    expect(rows[1]!.textContent).toContain('1,200')
    expect(rows[1]!.textContent).toContain(`Manifest SHA-256 ${'aa'.repeat(32)}`)
    expect(rows[2]!.textContent).toContain(`SHA-256 ${'bb'.repeat(32)}`)
  })

  it('adds evidence by typed path with a label, then lists it', async () => {
    const bridge = bridgeWithEvidenceStore()
    const user = userEvent.setup()
    render(<EvidenceHarness />)

    await user.type(screen.getByRole('textbox', { name: 'Evidence path' }), '/mnt/evidence')
    await user.type(screen.getByRole('textbox', { name: 'Label (optional)' }), 'Laptop image')
    await user.click(screen.getByRole('button', { name: 'Add evidence' }))

    expect(bridge.inputsOf('evidence:add')).toEqual([
      { path: '/mnt/evidence', label: 'Laptop image' },
    ])
    const table = await screen.findByRole('table', { name: 'Evidence' })
    expect(within(table).getByText('Laptop image')).toBeTruthy()
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Evidence path' }).value).toBe('')
  })

  it('fills the path from the folder and file dialogs', async () => {
    const bridge = installFakeBridge({
      ...baseResponses(),
      'dialog:pickEvidence': (input) =>
        ok((input as { kind: string }).kind === 'folder' ? '/mnt/folder' : '/mnt/file.bin'),
    })
    const user = userEvent.setup()
    render(<EvidenceHarness />)
    const path = screen.getByRole<HTMLInputElement>('textbox', { name: 'Evidence path' })

    await user.click(screen.getByRole('button', { name: 'Choose folder…' }))
    expect(path.value).toBe('/mnt/folder')
    await user.click(screen.getByRole('button', { name: 'Choose file…' }))
    expect(path.value).toBe('/mnt/file.bin')
    expect(bridge.inputsOf('dialog:pickEvidence')).toEqual([{ kind: 'folder' }, { kind: 'file' }])
  })

  it('adds every dropped item by its host path', async () => {
    const bridge = bridgeWithEvidenceStore()
    bridge.pathForFile = (file) => `/host/${file.name}`
    render(<EvidenceHarness />)

    drop([new File(['a'], 'one.bin'), new File(['b'], 'two.bin')])

    await waitFor(() => {
      expect(bridge.inputsOf('evidence:add')).toEqual([
        { path: '/host/one.bin' },
        { path: '/host/two.bin' },
      ])
    })
    const table = await screen.findByRole('table', { name: 'Evidence' })
    await waitFor(() => {
      expect(within(table).getAllByRole('row')).toHaveLength(3)
    })
  })

  it('says drop needs the desktop app when the path is unknown', async () => {
    const bridge = bridgeWithEvidenceStore()
    bridge.pathForFile = () => null
    render(<EvidenceHarness />)

    drop([new File(['a'], 'one.bin')])

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Drag and drop needs the desktop app')
    expect(bridge.inputsOf('evidence:add')).toEqual([])
  })

  it('shows why evidence could not be added', async () => {
    installFakeBridge({
      ...baseResponses(),
      'evidence:add': () => fail('PATH_NOT_FOUND', 'No such file or folder: /nope'),
    })
    const user = userEvent.setup()
    render(<EvidenceHarness />)

    await user.type(screen.getByRole('textbox', { name: 'Evidence path' }), '/nope')
    await user.click(screen.getByRole('button', { name: 'Add evidence' }))

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('No such file or folder: /nope')
    expect(alert.textContent).toContain('PATH_NOT_FOUND')
  })
})
