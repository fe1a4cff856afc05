import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { TriageStatus } from '../../../../main/core/model/findings'
import { ShortcutHelp } from '../../../../renderer/features/triage/ShortcutHelp'
import { TagEditor } from '../../../../renderer/features/triage/TagEditor'
import { TriageStatusSelect } from '../../../../renderer/features/triage/TriageStatusSelect'
import { fail, installFakeBridge } from '../../fake-bridge'
import { baseResponses } from '../../fixtures'

// user-event walks a radio group with CSS.escape, which jsdom lacks.
if (typeof globalThis.CSS === 'undefined') {
  Object.defineProperty(globalThis, 'CSS', {
    value: { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) },
  })
}

function StatefulSelect({ onChange }: { readonly onChange: (s: TriageStatus) => void }) {
  const [value, setValue] = useState<TriageStatus>('new')
  return (
    <TriageStatusSelect
      value={value}
      onChange={(s) => {
        setValue(s)
        onChange(s)
      }}
    />
  )
}

describe('TriageStatusSelect', () => {
  it('offers the five statuses with their keys and moves with the arrow keys', async () => {
    const onChange = vi.fn()
    const user = userEvent.setup()
    render(<StatefulSelect onChange={onChange} />)
    const group = screen.getByRole('group', { name: 'Triage status' })
    const radios = screen.getAllByRole('radio')
    expect(radios.map((r) => r.getAttribute('aria-keyshortcuts'))).toEqual([
      'n',
      'r',
      'c',
      'f',
      'b',
    ])
    expect(group.textContent).toBe('Triage statusNewnNeeds reviewrConfirmedcFalse positivefBenignb')
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /^New/ }).checked).toBe(true)

    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /^New/ }))
    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /^Confirmed/ }).checked).toBe(true)
    expect(onChange.mock.calls).toEqual([['needs-review'], ['confirmed']])
  })
})

describe('TagEditor', () => {
  function setup(tags: readonly string[] = ['apt-x']) {
    const fake = installFakeBridge({
      ...baseResponses(),
      'tags:list': {
        value: [
          { tag: 'apt-x', count: 4 },
          { tag: 'ransomware', count: 2 },
        ],
      },
    })
    const onAdd = vi.fn()
    const onRemove = vi.fn()
    render(<TagEditor tags={tags} onAdd={onAdd} onRemove={onRemove} />)
    return { fake, onAdd, onRemove }
  }

  it('adds a typed tag, normalised, with Enter, and suggests the case tags not yet on it', async () => {
    const { onAdd } = setup()
    const user = userEvent.setup()
    const field = screen.getByRole<HTMLInputElement>('combobox', { name: 'Add a tag' })
    await waitFor(() => {
      expect(document.querySelectorAll('datalist option')).toHaveLength(1)
    })
    expect(document.querySelector('datalist option')?.getAttribute('value')).toBe('ransomware')

    await user.tab()
    await user.tab()
    expect(document.activeElement).toBe(field)
    await user.keyboard('  Lateral Movement{Enter}')
    expect(onAdd.mock.calls).toEqual([['lateral-movement']])
    expect(field.value).toBe('')
    await user.keyboard('APT-X{Enter}')
    expect(onAdd).toHaveBeenCalledTimes(1)
  })

  it('explains a tag it cannot hold and sends nothing; Esc clears the field', async () => {
    const { onAdd } = setup([])
    const user = userEvent.setup()
    expect(screen.getByText('No tags yet.')).toBeTruthy()
    const field = screen.getByRole<HTMLInputElement>('combobox', { name: 'Add a tag' })
    await user.click(field)
    await user.keyboard('<b>bad</b>{Enter}')
    expect(screen.getByRole('alert').textContent).toContain('letters a-z, digits and . _ : - only')
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(onAdd).not.toHaveBeenCalled()
    await user.keyboard('{Escape}')
    expect(field.value).toBe('')
    expect(screen.queryByRole('alert')).toBeNull()
    await user.keyboard('{Enter}')
    expect(screen.getByRole('alert').textContent).toContain('Type a tag first.')
  })

  it('removes a tag with its button, from the keyboard', async () => {
    const { onRemove } = setup(['apt-x', 'ransomware'])
    const user = userEvent.setup()
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove tag apt-x' }))
    await user.tab()
    await user.keyboard('{Enter}')
    expect(onRemove.mock.calls).toEqual([['ransomware']])
  })

  it('still works without suggestions when the case tags cannot be listed', async () => {
    const fake = installFakeBridge({ ...baseResponses() })
    fake.respond('tags:list', { result: fail('NO_CASE_OPEN', 'No case is open.') })
    render(<TagEditor tags={[]} onAdd={vi.fn()} onRemove={vi.fn()} />)
    expect(await screen.findByText(/No suggestions/)).toBeTruthy()
  })
})

describe('ShortcutHelp', () => {
  it('lists every key of the findings table, takes focus and closes with Esc', async () => {
    const onClose = vi.fn()
    const user = userEvent.setup()
    render(<ShortcutHelp onClose={onClose} />)
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    const keys = Array.from(dialog.querySelectorAll('tbody td:first-child'), (td) => td.textContent)
    for (const key of [
      '↑ ↓',
      'Enter',
      'Space',
      'Shift+↑ Shift+↓',
      'Ctrl+A',
      'n',
      'r',
      'c',
      'f',
      'b',
      't',
      '?',
      'Esc',
    ]) {
      expect(keys).toContain(key)
    }
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }))
    await user.keyboard('{Escape}')
    expect(onClose).toHaveBeenCalledTimes(1)
  })
})
