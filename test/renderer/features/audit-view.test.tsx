import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { AuditVerification } from '../../../main/core/model/audit'
import { AuditPanel } from '../../../renderer/features/audit/AuditPanel'
import { installFakeBridge, ok } from '../fake-bridge'
import { HOSTILE, RAW_DANGEROUS } from '../hostile'
import { makeAuditEntry } from '../workbench-fixtures'

const TOTAL = 250

/** A bridge over a log of 250 entries (newest first), paged and filtered like main. */
function auditBridge(verification: AuditVerification) {
  const all = Array.from({ length: TOTAL }, (_, i) => {
    const seq = TOTAL - i
    return makeAuditEntry(seq, {
      actor: seq > 200 ? 'bo' : 'ana',
      action: seq % 2 === 0 ? 'case.tlp-set' : 'finding.triage-set',
      details: seq === 3 ? { note: HOSTILE, nested: { count: 2 } } : { tlp: 'red' },
    })
  })
  return installFakeBridge({
    'audit:verify': { value: verification },
    'audit:list': (input) => {
      const q = input as { offset: number; limit: number; action?: string; actor?: string }
      const matching = all.filter(
        (e) =>
          (q.action === undefined || e.action === q.action) &&
          (q.actor === undefined || e.actor === q.actor),
      )
      return ok({ total: matching.length, entries: matching.slice(q.offset, q.offset + q.limit) })
    },
  })
}

/** A button by its aria-label (role queries over 100 rows are slow in jsdom). */
async function findByLabel(label: string): Promise<HTMLElement> {
  return waitFor(() => {
    const found = document.querySelector<HTMLElement>(`button[aria-label="${label}"]`)
    if (found === null) throw new Error(`no button labelled ${label}`)
    return found
  })
}

const INTACT: AuditVerification = {
  ok: true,
  entries: TOTAL,
  head: { seq: TOTAL, hash: 'ab'.repeat(32) },
  firstBroken: null,
}

function entryCells() {
  const table = screen.getByRole('table', { name: 'Audit entries, newest first' })
  // Plain selectors: role queries over 100 rows are slow in jsdom.
  return [...table.querySelectorAll('tbody > tr > th')].map((th) => th.textContent)
}

describe('Audit view', () => {
  it('verifies on open and lists the newest entries first, a page at a time', async () => {
    const bridge = auditBridge(INTACT)
    const user = userEvent.setup()
    render(<AuditPanel />)

    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toContain('Audit log intact')
    })
    expect(bridge.inputsOf('audit:verify')).toHaveLength(1)
    await screen.findByRole('table', { name: 'Audit entries, newest first' })
    const cells = entryCells()
    expect(cells).toHaveLength(100)
    expect(cells[0]).toBe('#250')
    expect(screen.getByText('1–100 of 250 entries')).toBeTruthy()

    await user.click(screen.getByText('Next page'))
    await waitFor(() => {
      expect(entryCells()[0]).toBe('#150')
    })
    await user.click(screen.getByText('Verify audit log'))
    expect(bridge.inputsOf('audit:verify')).toHaveLength(2)
  })

  it('filters by action and actor', async () => {
    const bridge = auditBridge(INTACT)
    const user = userEvent.setup()
    render(<AuditPanel />)

    await user.type(await screen.findByRole('textbox', { name: 'Action' }), 'case.tlp-set')
    await user.type(screen.getByRole('textbox', { name: 'Actor' }), 'bo{Enter}')

    await waitFor(() => {
      expect(entryCells()).toHaveLength(25)
    })
    expect(bridge.inputsOf('audit:list').at(-1)).toEqual({
      offset: 0,
      limit: 100,
      action: 'case.tlp-set',
      actor: 'bo',
    })
    await user.clear(screen.getByRole('textbox', { name: 'Actor' }))
    await user.type(screen.getByRole('textbox', { name: 'Actor' }), 'nobody{Enter}')
    expect(await screen.findByText(/No entry matches these filters/)).toBeTruthy()
    await user.click(screen.getByText('Clear filters'))
    await waitFor(() => {
      expect(entryCells()).toHaveLength(100)
    })
  })

  it('expands an entry into a definition list of text, hostile details included', async () => {
    auditBridge(INTACT)
    const user = userEvent.setup()
    render(<AuditPanel />)
    await screen.findByRole('table', { name: 'Audit entries, newest first' })
    await user.click(screen.getByText('Next page'))
    await user.click(screen.getByText('Next page'))

    const toggle = await findByLabel('Details of entry 3')
    toggle.focus()
    await user.keyboard('{Enter}')

    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    const details = document.getElementById(toggle.getAttribute('aria-controls') ?? '')
    const terms = [...(details?.querySelectorAll('dt') ?? [])].map((d) => d.textContent)
    expect(terms).toEqual(['note', 'nested', 'Hash', 'Previous hash'])
    expect(details?.textContent).toContain('<img src=x onerror=alert(1)>')
    expect(details?.textContent).toContain('invoice\\u202Efdp.exe')
    expect(details?.textContent).toContain('{"count":2}')
    expect(document.querySelector('img, script, svg, [onerror], [onload]')).toBeNull()
    for (const raw of RAW_DANGEROUS) expect(document.body.textContent.includes(raw)).toBe(false)
    await user.click(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
  })

  it('highlights the first broken entry and jumps to its page', async () => {
    auditBridge({
      ok: false,
      entries: 119,
      head: { seq: 119, hash: 'cd'.repeat(32) },
      firstBroken: { seq: 120, reason: 'its content does not match its hash' },
    })
    const user = userEvent.setup()
    render(<AuditPanel />)

    expect(await screen.findByText('Audit log broken')).toBeTruthy()
    await user.click(
      await screen.findByRole('button', { name: 'Show the first broken entry (#120)' }),
    )

    const toggle = await findByLabel('Details of entry 120')
    const row = toggle.closest('tr')
    expect(row?.className).toBe('audit-broken')
    expect(row?.textContent).toContain('First broken entry')
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    expect(
      screen.getAllByText('First broken entry').filter((e) => e.classList.contains('badge')),
    ).toHaveLength(1)
  })
})
