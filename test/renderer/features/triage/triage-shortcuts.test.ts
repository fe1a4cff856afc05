import { describe, expect, it } from 'vitest'
import {
  isHelpKey,
  keyForTriage,
  TRIAGE_SHORTCUTS,
  triageForKey,
} from '../../../../renderer/features/triage/triage-shortcuts'

function press(
  key: string,
  target: EventTarget | null = document.body,
  init: KeyboardEventInit = {},
) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, ...init })
  Object.defineProperty(event, 'target', { value: target })
  return event
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, type?: string) {
  const el = document.createElement(tag)
  if (type !== undefined) el.setAttribute('type', type)
  return el
}

describe('triage shortcuts', () => {
  it('maps n r c f b to the five statuses, and back', () => {
    expect(TRIAGE_SHORTCUTS).toEqual({
      n: 'new',
      r: 'needs-review',
      c: 'confirmed',
      f: 'false-positive',
      b: 'benign',
    })
    for (const [key, status] of Object.entries(TRIAGE_SHORTCUTS)) {
      expect(triageForKey(press(key))).toBe(status)
      expect(keyForTriage(status)).toBe(key)
    }
  })

  it('ignores other keys, inherited names and modified keys', () => {
    for (const key of ['x', 'C', 'Enter', 'constructor', 'toString']) {
      expect(triageForKey(press(key))).toBeNull()
    }
    for (const modifier of ['ctrlKey', 'altKey', 'metaKey', 'shiftKey'] as const) {
      expect(triageForKey(press('c', document.body, { [modifier]: true }))).toBeNull()
    }
  })

  it('ignores keys typed into text fields, selects and editable content, not radios', () => {
    const editable = element('div')
    editable.contentEditable = 'true'
    Object.defineProperty(editable, 'isContentEditable', { value: true })
    for (const target of [
      element('input'),
      element('input', 'search'),
      element('textarea'),
      element('select'),
      editable,
    ]) {
      expect(triageForKey(press('c', target))).toBeNull()
    }
    for (const target of [
      element('input', 'radio'),
      element('input', 'checkbox'),
      element('button'),
    ]) {
      expect(triageForKey(press('c', target))).toBe('confirmed')
    }
  })

  it('recognises ? as the help key outside text fields', () => {
    expect(isHelpKey(press('?', document.body, { shiftKey: true }))).toBe(true)
    expect(isHelpKey(press('?', element('input')))).toBe(false)
    expect(isHelpKey(press('/'))).toBe(false)
  })
})
