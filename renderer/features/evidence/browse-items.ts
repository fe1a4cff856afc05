import type { BrowseEntry } from '../../../main/core/model/evidence'

/** A row of the file browser: an entry, or the virtual folder of a volume's unallocated space. */
export type BrowseItem =
  | { readonly kind: 'entry'; readonly entry: BrowseEntry }
  | { readonly kind: 'space'; readonly path: string; readonly count: number }

/** Most files one scan may be given (the `scan:start` schema's limit). */
export const MAX_SELECTED_FILES = 10_000

/** The path an item stands for (where it leads, for folders). */
export function itemPath(item: BrowseItem): string {
  return item.kind === 'entry' ? item.entry.path : item.path
}

/** True when activating the item opens it as a folder. */
export function isFolder(item: BrowseItem): boolean {
  return item.kind === 'space' || item.entry.kind === 'directory'
}

/**
 * True when the entry can be scanned on its own: a file or a block of unallocated space, unless
 * it is deleted and its content is gone (its clusters were reused).
 */
export function isScannable(entry: BrowseEntry): boolean {
  if (entry.kind !== 'file' && entry.kind !== 'unallocated') return false
  return !(entry.deleted && !entry.recoverable)
}

/** The distinct time notes of a page, in first-seen order (shown once, as numbered notes). */
export function timeNotesOf(items: readonly BrowseItem[]): readonly string[] {
  const notes: string[] = []
  for (const item of items) {
    const note = item.kind === 'entry' ? item.entry.timeNote : null
    if (note !== null && note !== '' && !notes.includes(note)) notes.push(note)
  }
  return notes
}
