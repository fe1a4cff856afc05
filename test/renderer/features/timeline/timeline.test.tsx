import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import axe from 'axe-core'
import { describe, expect, it } from 'vitest'
import type { TimelineEvent, TimelinePage } from '../../../../main/core/model/timeline'
import { TimelinePanel } from '../../../../renderer/features/timeline/TimelinePanel'
import { installFakeBridge, ok } from '../../fake-bridge'
import { baseResponses } from '../../fixtures'

function event(overrides: Partial<TimelineEvent>): TimelineEvent {
  return {
    at: '2024-03-01T10:00:00Z',
    kind: 'modified',
    fileId: 1,
    path: '/Users/ana/evil.exe',
    evidenceLabel: 'laptop.E01',
    hasFinding: true,
    maxScore: 80,
    source: null,
    ...overrides,
  }
}

const EVENTS: readonly TimelineEvent[] = [
  event({ at: '2024-03-01T09:00:00.123456789Z', kind: 'born', source: 'FN' }),
  event({
    at: '2024-03-01T09:30:00Z',
    fileId: 2,
    path: '/tmp/<b>drop</b>.bat',
    hasFinding: false,
    maxScore: null,
  }),
  event({ at: '2024-03-01T10:00:00Z' }),
]
const PAGE: TimelinePage = {
  events: EVENTS,
  total: 3,
  range: { first: '2024-03-01T09:00:00.123456789Z', last: '2024-03-01T10:00:00Z' },
}

function bridge(page: TimelinePage = PAGE) {
  return installFakeBridge({ ...baseResponses(), 'timeline:events': () => ok(page) })
}

type Input = { from?: string; to?: string; around?: { fileId: number } }
const span = (input: unknown) => {
  const i = input as Input
  return Date.parse(i.to ?? '') - Date.parse(i.from ?? '')
}

describe('Timeline', () => {
  it('shows the events on the chart and in the table, with full times, kinds and markers', async () => {
    const fake = bridge()
    render(<TimelinePanel />)
    const table = await screen.findByRole('table')
    expect(fake.inputsOf('timeline:events')[0]).toEqual({ limit: 2000, includeNeighbours: true })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      [
        '2024-03-01 09:00:00.123456789 UTC',
        'Created ($FN)',
        '/Users/ana/evil.exe',
        'laptop.E01',
        'Finding · score 80',
      ],
      ['2024-03-01 09:30:00 UTC', 'Modified', '/tmp/<b>drop</b>.bat', 'laptop.E01', 'Neighbour'],
      [
        '2024-03-01 10:00:00 UTC',
        'Modified',
        '/Users/ana/evil.exe',
        'laptop.E01',
        'Finding · score 80',
      ],
    ])
    expect(document.querySelector('b')).toBeNull()
    const chart = screen.getByRole('group', { name: /Timeline chart/ })
    expect(chart.querySelectorAll('line.tl-hit')).toHaveLength(2)
    expect(chart.querySelectorAll('line.tl-neighbour')).toHaveLength(1)
    expect(screen.getByRole('status').textContent).toContain('3 times, 2 of files with findings')
  })

  it('zooms and pans with the keys and buttons: the window asked changes', async () => {
    const fake = bridge()
    const user = userEvent.setup()
    render(<TimelinePanel />)
    const chart = await screen.findByRole('group', { name: /Timeline chart/ })
    chart.focus()
    await user.keyboard('+')
    await waitFor(() => {
      expect(fake.inputsOf('timeline:events')).toHaveLength(2)
    })
    const first = fake.inputsOf('timeline:events')[1]
    expect(span(first)).toBeGreaterThan(0)
    await user.keyboard('+')
    await waitFor(() => {
      expect(fake.inputsOf('timeline:events')).toHaveLength(3)
    })
    const second = fake.inputsOf('timeline:events')[2]
    expect(span(second)).toBeCloseTo(span(first) / 2, -1)
    await user.keyboard('-')
    await waitFor(() => {
      expect(fake.inputsOf('timeline:events')).toHaveLength(4)
    })
    expect(span(fake.inputsOf('timeline:events')[3])).toBeCloseTo(span(first), -1)
    await user.keyboard('{ArrowRight}')
    await waitFor(() => {
      expect(fake.inputsOf('timeline:events')).toHaveLength(5)
    })
    const moved = fake.inputsOf('timeline:events')[4] as Input
    const before = fake.inputsOf('timeline:events')[3] as Input
    expect(Date.parse(moved.from ?? '')).toBeGreaterThan(Date.parse(before.from ?? ''))
    expect(span(moved)).toBeCloseTo(span(before), -1)

    fireEvent.wheel(chart, { deltaY: -100, ctrlKey: true })
    await waitFor(() => {
      expect(fake.inputsOf('timeline:events')).toHaveLength(6)
    })
    expect(span(fake.inputsOf('timeline:events')[5])).toBeCloseTo(span(moved) / 2, -1)

    await user.click(screen.getByRole('button', { name: 'Zoom out' }))
    await waitFor(() => {
      expect(fake.inputsOf('timeline:events')).toHaveLength(7)
    })
    expect(span(fake.inputsOf('timeline:events')[6])).toBeCloseTo(span(moved), -1)
    await user.click(screen.getByRole('button', { name: 'Show all' }))
    await waitFor(() => {
      expect(fake.inputsOf('timeline:events')).toHaveLength(8)
    })
    expect(fake.inputsOf('timeline:events')[7]).toEqual({ limit: 2000, includeNeighbours: true })
  })

  it('opened around a file, marks it and zooms to it at once; neighbours can be hidden', async () => {
    const wide: TimelinePage = {
      events: [...EVENTS, event({ at: '2020-01-01T00:00:00Z', fileId: 3, path: '/old' })],
      total: 4,
      range: { first: '2020-01-01T00:00:00Z', last: '2024-03-01T10:00:00Z' },
    }
    const fake = bridge(wide)
    const user = userEvent.setup()
    render(<TimelinePanel aroundFileId={1} />)
    await screen.findByRole('table')
    expect(fake.inputsOf('timeline:events')[0]).toMatchObject({ around: { fileId: 1 } })
    // Zoomed to the hit as soon as its times are known, without a click.
    await waitFor(() => {
      expect(fake.inputsOf('timeline:events')).toHaveLength(2)
    })
    const zoomed = fake.inputsOf('timeline:events')[1] as Input
    expect(Date.parse(zoomed.from ?? '')).toBeLessThanOrEqual(Date.parse('2024-03-01T09:00:00Z'))
    expect(Date.parse(zoomed.from ?? '')).toBeGreaterThan(Date.parse('2024-02-01T00:00:00Z'))
    expect(Date.parse(zoomed.to ?? '')).toBeGreaterThanOrEqual(Date.parse('2024-03-01T10:00:00Z'))
    await waitFor(() => {
      expect(screen.queryByText('/old')).toBeNull()
    })
    expect(document.querySelectorAll('line.tl-around').length).toBeGreaterThan(0)
    // "Show all" leaves the hit; "Zoom to hit" comes back to it.
    await user.click(screen.getByRole('button', { name: 'Show all' }))
    await user.click(screen.getByRole('button', { name: 'Zoom to hit' }))
    await waitFor(() => {
      expect(fake.inputsOf('timeline:events').at(-1)).toMatchObject({ from: zoomed.from })
    })

    await user.click(screen.getByRole('checkbox', { name: 'Show other files in the window' }))
    await waitFor(() => {
      expect(fake.inputsOf('timeline:events').at(-1)).toMatchObject({ includeNeighbours: false })
    })
  })

  it('pans once per drag, by the distance dragged', async () => {
    const fake = bridge()
    render(<TimelinePanel />)
    const chart = await screen.findByRole('group', { name: /Timeline chart/ })
    chart.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 1000, height: 100 })
    fireEvent.pointerDown(chart, { clientX: 600 })
    fireEvent.pointerUp(chart, { clientX: 100 })
    await waitFor(() => {
      expect(fake.inputsOf('timeline:events')).toHaveLength(2)
    })
    const moved = fake.inputsOf('timeline:events')[1] as Input
    const range = PAGE.range ?? { first: '', last: '' }
    // Dragged left by half the width: the window moves half its span later.
    const margin = 30 * 60_000
    const start = Date.parse(range.first) - margin
    const spanMs = Date.parse(range.last) + margin - start
    expect(Date.parse(moved.from ?? '')).toBeCloseTo(start + spanMs / 2, -2)
    expect(span(moved)).toBeCloseTo(spanMs, -2)
  })

  it('draws density bars when the window holds many times', async () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      event({
        at: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
        fileId: 100 + i,
        hasFinding: false,
        maxScore: null,
      }),
    )
    bridge({ events: many, total: 400, range: { first: many[0]!.at, last: many.at(-1)!.at } })
    render(<TimelinePanel />)
    const chart = await screen.findByRole('group', { name: /Timeline chart/ })
    expect(chart.querySelectorAll('line.tl-neighbour')).toHaveLength(0)
    expect(chart.querySelectorAll('.tl-density rect').length).toBeGreaterThan(10)
    expect(screen.getByRole('button', { name: 'Next page' })).toBeTruthy()
  })

  it('says what to do when there are no file times yet, and shows errors', async () => {
    const fake = bridge({ events: [], total: 0, range: null })
    const { unmount } = render(<TimelinePanel />)
    expect(await screen.findByText('No file times yet — add evidence and scan.')).toBeTruthy()
    unmount()
    fake.respond('timeline:events', () => ({
      ok: false,
      error: { code: 'NO_CASE_OPEN', message: 'Open a case first.' },
    }))
    render(<TimelinePanel />)
    expect(await screen.findByText(/Could not read the timeline/)).toBeTruthy()
  })

  it('has no serious accessibility violations (axe-core, jsdom rules)', async () => {
    bridge()
    const { container } = render(<TimelinePanel aroundFileId={1} />)
    await screen.findByRole('table')
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } })
    const serious = result.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    )
    expect(serious.map((v) => v.id)).toEqual([])
  })
})
