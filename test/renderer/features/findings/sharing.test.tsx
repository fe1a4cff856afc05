import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { FindingDetailPane } from '../../../../renderer/features/findings/FindingDetailPane'
import { fail, installFakeBridge, ok } from '../../fake-bridge'
import type { FakeBridge } from '../../fake-bridge'
import type { NoteView } from '../../../../main/core/model/notes'
import type { TlpLevel } from '../../../../main/core/model/tlp'
import { baseResponses, makeDetail, makeFindingRow } from '../../fixtures'
import { expectInert, HOSTILE } from '../../hostile'
import { makeNote } from '../../sharing-fixtures'

function bridge(tlp: TlpLevel | null, notes: readonly NoteView[] = []): FakeBridge {
  return installFakeBridge({
    ...baseResponses(),
    'findings:get': { value: makeDetail({ finding: makeFindingRow({ id: 1, tlp }) }) },
    'findings:setTlp': { value: { changed: 1 } },
    'notes:list': { value: notes },
    'notes:add': (input) => ok(makeNote({ body: (input as { body: string }).body })),
  })
}

async function sharing() {
  const pane = await screen.findByRole('region', { name: 'Finding detail' })
  await within(pane).findByRole('heading', { name: 'Sharing' })
  return pane
}

const tlpSelect = (pane: HTMLElement) =>
  within(pane).getByRole<HTMLSelectElement>('combobox', { name: 'TLP of this finding' })

describe('FindingDetailPane — sharing', () => {
  it("offers the case default (named) and every level, starting from the finding's TLP", async () => {
    bridge(null)
    render(<FindingDetailPane findingId={1} onClose={() => undefined} defaultTlp="green" />)
    const pane = await sharing()

    expect(tlpSelect(pane).value).toBe('')
    expect(
      within(tlpSelect(pane))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Case default (TLP:GREEN)',
      'TLP:CLEAR',
      'TLP:GREEN',
      'TLP:AMBER',
      'TLP:AMBER+STRICT',
      'TLP:RED',
    ])
  })

  it('saves a TLP change, and back to the case default as null', async () => {
    const fake = bridge('amber')
    const user = userEvent.setup()
    render(<FindingDetailPane findingId={1} onClose={() => undefined} defaultTlp="amber" />)
    const pane = await sharing()
    expect(tlpSelect(pane).value).toBe('amber')

    await user.selectOptions(tlpSelect(pane), 'red')
    await within(pane).findByText('TLP saved.')
    await waitFor(() => {
      expect(tlpSelect(pane).disabled).toBe(false)
    })
    await user.selectOptions(tlpSelect(pane), '')

    await waitFor(() => {
      expect(fake.inputsOf('findings:setTlp')).toEqual([
        { findingIds: [1], tlp: 'red' },
        { findingIds: [1], tlp: null },
      ])
    })
  })

  it('puts the TLP back and says why when saving fails', async () => {
    const fake = bridge(null)
    fake.respond('findings:setTlp', { result: fail('NO_CASE_OPEN', 'No case is open.') })
    const user = userEvent.setup()
    render(<FindingDetailPane findingId={1} onClose={() => undefined} defaultTlp="amber" />)
    const pane = await sharing()
    await user.selectOptions(tlpSelect(pane), 'red')

    expect((await within(pane).findByRole('alert')).textContent).toContain('No case is open.')
    expect(tlpSelect(pane).value).toBe('')
  })

  it('lists notes as plain text with their line breaks, and adds one', async () => {
    const fake = bridge(null, [makeNote({ body: 'first line\nsecond <b>line</b>' })])
    const user = userEvent.setup()
    render(<FindingDetailPane findingId={1} onClose={() => undefined} defaultTlp="amber" />)
    const pane = await sharing()
    const list = await within(pane).findByRole('list', { name: 'Notes' })
    const lines = list.querySelectorAll('.note-line')
    expect(Array.from(lines, (l) => l.textContent)).toEqual(['first line', 'second <b>line</b>'])
    expect(list.querySelector('b')).toBeNull()
    expect(list.textContent).toContain('A. Analyst')
    expect(list.textContent).toContain('2024-05-01 12:00:00 UTC')

    fake.respond('notes:list', {
      value: [makeNote(), makeNote({ id: 2, body: 'Hash also on the\nmail server' })],
    })
    await user.type(
      within(pane).getByRole('textbox', { name: 'New note' }),
      'Hash also on the{enter}mail server',
    )
    await user.click(within(pane).getByRole('button', { name: 'Add note' }))

    await within(pane).findByText('mail server')
    expect(fake.inputsOf('notes:add')).toEqual([
      { findingId: 1, body: 'Hash also on the\nmail server' },
    ])
    expect(within(pane).getByRole<HTMLTextAreaElement>('textbox', { name: 'New note' }).value).toBe(
      '',
    )
  })

  it('does not send an empty note', async () => {
    const fake = bridge(null)
    const user = userEvent.setup()
    render(<FindingDetailPane findingId={1} onClose={() => undefined} defaultTlp="amber" />)
    const pane = await sharing()
    await user.type(within(pane).getByRole('textbox', { name: 'New note' }), '   ')
    await user.click(within(pane).getByRole('button', { name: 'Add note' }))

    expect(within(pane).getByRole('alert').textContent).toContain('Write the note first.')
    expect(fake.inputsOf('notes:add')).toEqual([])
  })

  it('renders hostile notes as inert text', async () => {
    bridge(null, [makeNote({ author: HOSTILE, body: `${HOSTILE}\n${HOSTILE}` })])
    const { container } = render(
      <FindingDetailPane findingId={1} onClose={() => undefined} defaultTlp="amber" />,
    )
    const pane = await sharing()
    await within(pane).findByRole('list', { name: 'Notes' })

    expectInert(container)
  })
})
