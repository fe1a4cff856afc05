import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { FindingsPanel } from '../../../../renderer/features/findings/FindingsPanel'
import { stateKey } from '../../../../renderer/features/findings/table/table-state'
import { fail, installFakeBridge } from '../../fake-bridge'
import { baseResponses } from '../../fixtures'
import { bridgeWithFindings, listInputs } from './findings-bridge'

const grid = () => screen.findByRole('grid', { name: 'Findings' })

/** The focused row of the grid (its aria-activedescendant). */
function activeRow(el: HTMLElement): HTMLElement | null {
  const id = el.getAttribute('aria-activedescendant')
  return id === null ? null : document.getElementById(id)
}

async function loaded(el: HTMLElement) {
  await waitFor(() => {
    expect(within(el).queryAllByText('Loading…')).toHaveLength(0)
  })
}

describe('the virtualized findings table', () => {
  it('asks for the first block and renders only a window of 100,000 rows', async () => {
    const bridge = bridgeWithFindings(100_000)
    render(<FindingsPanel revision={0} />)
    const table = await grid()
    await loaded(table)

    expect(listInputs(bridge)[0]).toEqual({
      offset: 0,
      limit: 200,
      sort: 'score',
      direction: 'desc',
    })
    expect(screen.getByText('100,000 findings')).toBeTruthy()
    expect(table.getAttribute('aria-rowcount')).toBe('100001')
    const rows = within(table).getAllByRole('row')
    expect(rows.length).toBeGreaterThan(10)
    expect(rows.length).toBeLessThan(60)
    expect(rows[1]!.getAttribute('aria-rowindex')).toBe('2')
    expect(within(rows[1]!).getByText('Rule_1')).toBeTruthy()
  })

  it('fetches the block of the rows scrolled to, and shows them at their index', async () => {
    const bridge = bridgeWithFindings(100_000)
    render(<FindingsPanel revision={0} />)
    const table = await grid()
    await loaded(table)

    table.scrollTop = 50_000 * 32
    fireEvent.scroll(table)

    await waitFor(() => {
      expect(listInputs(bridge).map((i) => i.offset)).toContain(50_000)
    })
    await loaded(table)
    const row = within(table).getByText('Rule_50001').closest('[role="row"]')!
    expect(row.getAttribute('aria-rowindex')).toBe('50002')
    expect(listInputs(bridge).every((i) => i.limit === 200)).toBe(true)
    // Rows far above are no longer in the DOM.
    expect(within(table).queryByText('Rule_1')).toBeNull()
  })

  it('moves the focus with arrows, Page Down and End, and opens the focused row with Enter', async () => {
    const bridge = bridgeWithFindings(100_000)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    const table = await grid()
    await loaded(table)

    table.focus()
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}')
    expect(activeRow(table)?.textContent).toContain('Rule_2')
    await user.keyboard('{PageDown}')
    expect(activeRow(table)?.getAttribute('aria-rowindex')).not.toBe('3')
    await user.keyboard('{End}')
    await waitFor(() => {
      expect(listInputs(bridge).map((i) => i.offset)).toContain(99_800)
    })
    await waitFor(() => {
      expect(activeRow(table)?.textContent).toContain('Rule_100000')
    })
    expect(document.activeElement).toBe(table)
    await user.keyboard('{Home}{Enter}')
    await waitFor(() => {
      expect(bridge.inputsOf('findings:get')).toEqual([{ findingId: 1 }])
    })
    await screen.findByRole('region', { name: 'Finding detail' })
    expect(listInputs(bridge).filter((i) => i.offset === 0)).toHaveLength(1)
    await user.click(screen.getByRole('button', { name: 'Close detail' }))
    expect(document.activeElement).toBe(table)
    // The detail may have changed the finding's status: the rows on screen are read again.
    await waitFor(() => {
      expect(listInputs(bridge).filter((i) => i.offset === 0)).toHaveLength(2)
    })
  })

  it('selects with Space and Shift+arrows, and every match with Ctrl+A', async () => {
    const bridge = bridgeWithFindings(5000)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    const table = await grid()
    await loaded(table)
    table.focus()

    await user.keyboard(' ')
    expect(activeRow(table)?.getAttribute('aria-selected')).toBe('true')
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}')
    expect(
      within(table)
        .getAllByRole('row')
        .filter((r) => r.getAttribute('aria-selected') === 'true'),
    ).toHaveLength(3)
    expect(screen.getByRole('region', { name: 'Selected findings' }).textContent).toContain(
      '3 selected',
    )

    await user.keyboard('{Control>}a{/Control}')
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('5,000 findings selected')
    })
    expect(bridge.inputsOf('findings:ids')).toEqual([{}])
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('region', { name: 'Selected findings' })).toBeNull()
  })

  it('sets the triage status of the focused row with its key, then moves to the next row', async () => {
    const bridge = bridgeWithFindings(50)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    const table = await grid()
    await loaded(table)
    table.focus()
    await user.keyboard('{ArrowDown}c')

    await waitFor(() => {
      expect(bridge.inputsOf('findings:setTriage')).toEqual([
        { findingIds: [2], status: 'confirmed' },
      ])
    })
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('1 finding marked confirmed')
    })
    expect(activeRow(table)?.textContent).toContain('Rule_3')
    // The rows on screen are read again.
    expect(listInputs(bridge).filter((i) => i.offset === 0).length).toBeGreaterThanOrEqual(2)
  })

  it('keeps the focus in place when the changed row leaves the status filter', async () => {
    window.localStorage.setItem(
      stateKey('triage-case'),
      JSON.stringify({ filter: { triage: ['new'] } }),
    )
    const bridge = bridgeWithFindings(50)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} caseUuid="triage-case" />)
    const table = await grid()
    await loaded(table)
    table.focus()
    await user.keyboard('{ArrowDown}c')

    await waitFor(() => {
      expect(bridge.inputsOf('findings:setTriage')).toEqual([
        { findingIds: [2], status: 'confirmed' },
      ])
    })
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('1 finding marked confirmed')
    })
    expect(activeRow(table)?.getAttribute('aria-rowindex')).toBe('3')
  })

  it('applies a triage key and the bulk bar to the whole selection', async () => {
    const bridge = bridgeWithFindings(50)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} defaultTlp="amber" />)
    const table = await grid()
    await loaded(table)
    table.focus()
    await user.keyboard(' {ArrowDown}{ArrowDown} f')

    await waitFor(() => {
      expect(bridge.inputsOf('findings:setTriage')).toEqual([
        { findingIds: [1, 3], status: 'false-positive' },
      ])
    })
    const bar = screen.getByRole('region', { name: 'Selected findings' })
    await user.type(within(bar).getByRole('textbox', { name: 'Tag' }), 'lateral')
    await user.click(within(bar).getByRole('button', { name: 'Add tag' }))
    await waitFor(() => {
      expect(bridge.inputsOf('findings:setTags')).toEqual([
        { findingIds: [1, 3], add: ['lateral'], remove: [] },
      ])
    })
    expect(screen.getByRole('status').textContent).toBe('Tag “lateral” added to 2 findings')
    await user.selectOptions(within(bar).getByRole('combobox', { name: 'TLP' }), 'TLP:RED')
    await user.click(within(bar).getByRole('button', { name: 'Set TLP' }))
    await waitFor(() => {
      expect(bridge.inputsOf('findings:setTlp')).toEqual([{ findingIds: [1, 3], tlp: 'red' }])
    })
    await user.click(within(bar).getByRole('button', { name: 'Clear selection' }))
    expect(screen.queryByRole('region', { name: 'Selected findings' })).toBeNull()
  })

  it('sorts by a header, flipping on a second press, from the keyboard too', async () => {
    const bridge = bridgeWithFindings(3)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    await grid()

    await user.click(screen.getByRole('button', { name: 'Rule' }))
    const header = await screen.findByRole('button', { name: /Rule/ })
    header.focus()
    await user.keyboard('{Enter}')
    await user.click(await screen.findByRole('button', { name: 'Status' }))

    await waitFor(() => {
      expect(listInputs(bridge).map((i) => `${i.sort} ${i.direction}`)).toEqual([
        'score desc',
        'rule asc',
        'rule desc',
        'triage asc',
      ])
    })
    expect(screen.getByRole('columnheader', { name: /Status/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    )
  })

  it('shows the error envelope of findings:list', async () => {
    installFakeBridge({
      ...baseResponses(),
      'findings:list': () => fail('NO_CASE_OPEN', 'Open a case first.'),
    })
    render(<FindingsPanel revision={0} />)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Open a case first.')
    expect(alert.textContent).toContain('NO_CASE_OPEN')
  })

  it('says a failed triage change in an alert and the live region', async () => {
    bridgeWithFindings(3, { 'findings:setTriage': () => fail('NOT_FOUND', 'Finding 1 is gone.') })
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    const table = await grid()
    await loaded(table)
    table.focus()
    await user.keyboard('b')
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Could not set the triage status')
    expect(alert.textContent).toContain('Finding 1 is gone.')
    expect(screen.getByRole('status').textContent).toBe(
      'Could not set the triage status: Finding 1 is gone.',
    )
  })
})
