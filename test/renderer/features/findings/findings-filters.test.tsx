import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { FindingsPanel } from '../../../../renderer/features/findings/FindingsPanel'
import { stateKey } from '../../../../renderer/features/findings/table/table-state'
import { makeScan } from '../../fixtures'
import { bridgeWithFindings, listInputs } from './findings-bridge'

const grid = () => screen.findByRole('grid', { name: 'Findings' })
const filterBar = () => screen.getByRole('search', { name: 'Filter findings' })

describe('the findings filter bar', () => {
  it('sends the text after a typing pause, the score range, path and facet choices', async () => {
    const bridge = bridgeWithFindings(42)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    await grid()
    const bar = filterBar()

    await user.type(within(bar).getByRole('textbox', { name: 'Filter text' }), 'powershell')
    await user.type(within(bar).getByRole('spinbutton', { name: 'Score from' }), '70')
    await user.type(within(bar).getByRole('spinbutton', { name: 'Score to' }), '95')
    await user.type(within(bar).getByRole('textbox', { name: 'Path starts with' }), 'C:/Users/%')
    await user.click(within(bar).getByText('Rule', { selector: 'summary' }))
    await user.click(await within(bar).findByRole('checkbox', { name: /default:Rule_Seven/ }))
    await user.click(within(bar).getByText('TLP', { selector: 'summary' }))
    await user.click(await within(bar).findByRole('checkbox', { name: /Case default/ }))
    await user.click(within(bar).getByText('File type', { selector: 'summary' }))
    await user.click(await within(bar).findByRole('checkbox', { name: /text\/plain/ }))
    await user.click(within(bar).getByRole('checkbox', { name: 'Hide suppressed' }))

    await waitFor(() => {
      expect(listInputs(bridge).at(-1)).toEqual({
        offset: 0,
        limit: 200,
        sort: 'score',
        direction: 'desc',
        text: 'powershell',
        minScore: 70,
        maxScore: 95,
        pathPrefix: 'C:/Users/%',
        ruleIds: [7],
        tlp: ['default'],
        fileTypes: ['text/plain'],
        hideSuppressed: true,
      })
    })
    // Typing is not sent key by key.
    expect(listInputs(bridge).filter((i) => i['text'] === 'p')).toHaveLength(0)
    // Facets are asked for under the same filter.
    expect(bridge.inputsOf('findings:facets').at(-1)).toMatchObject({
      ruleIds: [7],
      text: 'powershell',
    })
  }, 60_000)

  it('lists every scan on request, and one chosen scan instead', async () => {
    const bridge = bridgeWithFindings(42, {
      'scan:list': { value: [makeScan({ id: 1 }), makeScan({ id: 2 })] },
    })
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    await grid()
    await user.click(within(filterBar()).getByRole('checkbox', { name: 'All scans' }))
    await waitFor(() => {
      expect(listInputs(bridge).at(-1)).toMatchObject({ allScans: true })
    })
    // The facet counts follow the same scope once a picker is opened.
    await user.click(within(filterBar()).getByText('Pack', { selector: 'summary' }))
    await waitFor(() => {
      expect(bridge.inputsOf('findings:facets').at(-1)).toEqual({ allScans: true })
    })
    await user.selectOptions(
      within(filterBar()).getByRole('combobox', { name: 'Scan' }),
      within(filterBar()).getByRole('option', { name: /Scan #1/ }),
    )
    await waitFor(() => {
      expect(listInputs(bridge).at(-1)).toEqual({
        offset: 0,
        limit: 200,
        sort: 'score',
        direction: 'desc',
        scanId: 1,
      })
    })
    expect(
      within(filterBar()).getByRole<HTMLInputElement>('checkbox', { name: 'All scans' }).checked,
    ).toBe(false)
  })

  it('refuses a score out of range, and Clear all filters starts over', async () => {
    const bridge = bridgeWithFindings(42)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    await grid()
    await user.type(within(filterBar()).getByRole('spinbutton', { name: 'Score from' }), '170')
    expect(screen.getByRole('alert').textContent).toBe('A score is a whole number from 0 to 100.')
    await user.click(within(filterBar()).getByText('Status', { selector: 'summary' }))
    await user.click(await within(filterBar()).findByRole('checkbox', { name: /New/ }))
    await waitFor(() => {
      expect(listInputs(bridge).at(-1)).toMatchObject({ triage: ['new'] })
    })
    expect(listInputs(bridge).some((i) => i['minScore'] === 170)).toBe(false)

    await user.click(screen.getByRole('button', { name: 'Clear all filters' }))
    await waitFor(() => {
      expect(listInputs(bridge).at(-1)).toEqual({
        offset: 0,
        limit: 200,
        sort: 'score',
        direction: 'desc',
      })
    })
    expect(
      within(filterBar()).getByRole<HTMLInputElement>('spinbutton', { name: 'Score from' }).value,
    ).toBe('')
  })

  it('tells "no findings yet" from "no finding matches", and clears filters from there', async () => {
    const user = userEvent.setup()
    bridgeWithFindings(0)
    const first = render(<FindingsPanel revision={0} />)
    expect(await screen.findByText('No findings yet — run a scan.')).toBeTruthy()
    first.unmount()

    window.localStorage.setItem(
      stateKey('case-x'),
      JSON.stringify({ filter: { minScore: 99, tags: ['ransomware'] } }),
    )
    const bridge = bridgeWithFindings(0)
    render(<FindingsPanel revision={0} caseUuid="case-x" />)
    expect(await screen.findByText('No finding matches these filters.')).toBeTruthy()
    expect(listInputs(bridge)[0]).toMatchObject({ minScore: 99, tags: ['ransomware'] })
    await user.click(screen.getByRole('button', { name: 'Clear filters' }))
    await waitFor(() => {
      expect(listInputs(bridge).at(-1)).toEqual({
        offset: 0,
        limit: 200,
        sort: 'score',
        direction: 'desc',
      })
    })
  })
})

describe('grouping, columns and the state kept per case', () => {
  it('groups by rule and opens a group as the list of its findings', async () => {
    const bridge = bridgeWithFindings(42)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    await grid()

    await user.selectOptions(screen.getByRole('combobox', { name: 'Group by' }), 'Rule')
    const groups = await screen.findByRole('list', { name: 'Findings by rule' })
    expect(bridge.inputsOf('findings:groups')).toEqual([
      { by: 'rule', sort: 'count', direction: 'desc', offset: 0, limit: 200 },
    ])
    expect(within(groups).getAllByRole('button')[0]!.textContent).toContain('40 findings')
    within(groups).getAllByRole('button')[0]!.focus()
    await user.keyboard('{Enter}')

    await grid()
    expect(listInputs(bridge).at(-1)).toMatchObject({ ruleIds: [7] })
    expect(screen.getByRole('heading', { name: 'default:Rule_Seven' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Back to groups' }))
    expect(await screen.findByRole('list', { name: 'Findings by rule' })).toBeTruthy()
  })

  it('shows and hides columns from the keyboard-operable column chooser', async () => {
    bridgeWithFindings(3)
    const user = userEvent.setup()
    render(<FindingsPanel revision={0} />)
    await grid()
    expect(screen.getByRole('columnheader', { name: /Matches/ })).toBeTruthy()
    expect(screen.queryByRole('columnheader', { name: /Size/ })).toBeNull()

    const button = screen.getByRole('button', { name: 'Columns' })
    button.focus()
    await user.keyboard('{Enter}')
    expect(button.getAttribute('aria-expanded')).toBe('true')
    const chooser = screen.getByRole('group', { name: 'Visible columns' })
    await user.click(within(chooser).getByRole('checkbox', { name: 'Matches' }))
    await user.click(within(chooser).getByRole('checkbox', { name: 'Size' }))
    expect(within(chooser).getByRole<HTMLInputElement>('checkbox', { name: 'Rule' }).disabled).toBe(
      true,
    )
    await user.keyboard('{Escape}')

    expect(screen.queryByRole('group', { name: 'Visible columns' })).toBeNull()
    expect(document.activeElement).toBe(button)
    const table = await grid()
    expect(within(table).queryByRole('columnheader', { name: /Matches/ })).toBeNull()
    expect(within(table).getByRole('columnheader', { name: /Size/ })).toBeTruthy()
    expect(table.getAttribute('aria-colcount')).toBe('7')
  })

  it('restores filters, sort and columns when the same case is opened again', async () => {
    let bridge = bridgeWithFindings(3)
    const user = userEvent.setup()
    const first = render(<FindingsPanel revision={0} caseUuid="uuid-a" />)
    await grid()
    await user.click(screen.getByRole('button', { name: 'Path' }))
    await user.click(within(filterBar()).getByText('Tag', { selector: 'summary' }))
    await user.click(await within(filterBar()).findByRole('checkbox', { name: /ransomware/ }))
    await user.click(screen.getByRole('button', { name: 'Columns' }))
    await user.click(screen.getByRole('checkbox', { name: 'Evidence' }))
    await waitFor(() => {
      expect(listInputs(bridge).at(-1)).toMatchObject({ sort: 'path', tags: ['ransomware'] })
    })
    first.unmount()

    bridge = bridgeWithFindings(3)
    const again = render(<FindingsPanel revision={0} caseUuid="uuid-a" />)
    const table = await grid()
    expect(listInputs(bridge)[0]).toEqual({
      offset: 0,
      limit: 200,
      sort: 'path',
      direction: 'asc',
      tags: ['ransomware'],
    })
    expect(within(table).getByRole('columnheader', { name: /Evidence/ })).toBeTruthy()
    again.unmount()

    bridge = bridgeWithFindings(3)
    render(<FindingsPanel revision={0} caseUuid="uuid-b" />)
    await grid()
    expect(listInputs(bridge)[0]).toEqual({
      offset: 0,
      limit: 200,
      sort: 'score',
      direction: 'desc',
    })
  })

  it('ignores a malformed saved state', async () => {
    window.localStorage.setItem(
      stateKey('bad'),
      '{"sort":"r.name; DROP","filter":{"ruleIds":["x",3]}',
    )
    let bridge = bridgeWithFindings(3)
    const first = render(<FindingsPanel revision={0} caseUuid="bad" />)
    await grid()
    expect(listInputs(bridge)[0]).toEqual({
      offset: 0,
      limit: 200,
      sort: 'score',
      direction: 'desc',
    })
    first.unmount()
    window.localStorage.setItem(
      stateKey('odd'),
      JSON.stringify({ sort: 'x; DROP', filter: { ruleIds: ['x', 3] } }),
    )
    bridge = bridgeWithFindings(3)
    render(<FindingsPanel revision={0} caseUuid="odd" />)
    await grid()
    expect(listInputs(bridge)[0]).toEqual({
      offset: 0,
      limit: 200,
      sort: 'score',
      direction: 'desc',
      ruleIds: [3],
    })
  })
})
