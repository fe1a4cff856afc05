import type { KeyboardEvent as ReactKeyboardEvent } from 'react'
import type { TriageStatus } from '../../../main/core/model/findings'

/** The triage statuses in the order the analyst sees them (main's `TRIAGE_STATUSES`). */
export const TRIAGE_ORDER: readonly TriageStatus[] = [
  'new',
  'needs-review',
  'confirmed',
  'false-positive',
  'benign',
]

/** One key per triage status, as the findings table and the detail pane take them. */
export const TRIAGE_SHORTCUTS: Readonly<Record<string, TriageStatus>> = {
  n: 'new',
  r: 'needs-review',
  c: 'confirmed',
  f: 'false-positive',
  b: 'benign',
}

/** The key of a status (`c` for confirmed). */
export function keyForTriage(status: TriageStatus): string {
  return Object.keys(TRIAGE_SHORTCUTS).find((key) => TRIAGE_SHORTCUTS[key] === status) ?? ''
}

/**
 * The triage status a key press asks for, or null.
 *
 * Null for keys with Ctrl, Alt, Meta or Shift (those belong to the browser and the table's
 * selection) and for keys typed into a text field, a select or editable content, so writing a
 * note or a tag never re-triages the finding.
 */
export function triageForKey(event: KeyboardEvent | ReactKeyboardEvent): TriageStatus | null {
  if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return null
  if (isTextEntry(event.target)) return null
  return Object.hasOwn(TRIAGE_SHORTCUTS, event.key) ? (TRIAGE_SHORTCUTS[event.key] ?? null) : null
}

// Inputs that take typed characters; checkboxes, radios and buttons do not.
const NON_TEXT_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'color',
])

/** True when key presses on `target` type text (or pick an option by letter). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type)
}

/** True for the key press that opens the keyboard help (`?`, outside text fields). */
export function isHelpKey(event: KeyboardEvent | ReactKeyboardEvent): boolean {
  return (
    event.key === '?' &&
    !event.ctrlKey &&
    !event.altKey &&
    !event.metaKey &&
    !isTextEntry(event.target)
  )
}

/** One line of the keyboard help. */
export interface ShortcutHelpEntry {
  readonly keys: readonly string[]
  readonly action: string
}

/** Every key of the findings table and its detail pane, for {@link ShortcutHelp}. */
export const FINDINGS_SHORTCUTS: readonly ShortcutHelpEntry[] = [
  { keys: ['↑', '↓'], action: 'Move to the previous / next finding' },
  { keys: ['Enter'], action: 'Open the finding’s detail' },
  { keys: ['Space'], action: 'Select or unselect the finding' },
  { keys: ['Shift+↑', 'Shift+↓'], action: 'Extend the selection' },
  { keys: ['Ctrl+A'], action: 'Select every finding that matches the filter' },
  { keys: ['n'], action: 'Triage: new' },
  { keys: ['r'], action: 'Triage: needs review' },
  { keys: ['c'], action: 'Triage: confirmed' },
  { keys: ['f'], action: 'Triage: false positive (not a suppression)' },
  { keys: ['b'], action: 'Triage: benign' },
  { keys: ['t'], action: 'Tag the finding (focus the tag field)' },
  { keys: ['?'], action: 'Show this list' },
  { keys: ['Esc'], action: 'Close the detail or this list, clear the selection' },
]
