import type { BrowseEntry } from '../../../main/core/model/evidence'

/**
 * Why the entry has no bytes to show or scan, in words for the analyst; null when it has.
 * A deleted entry whose clusters were reused has lost its content: saying so plainly matters,
 * as an empty hex view would read as "the file was empty".
 */
export function missingContent(entry: BrowseEntry): string | null {
  if (entry.deleted && !entry.recoverable) {
    return 'Deleted, content overwritten: nothing to show. Only the name, size and times remain.'
  }
  if (entry.kind === 'directory') return 'A folder: it has no content of its own.'
  if (entry.kind === 'symlink') return 'A symbolic link: it has no content of its own.'
  if (entry.kind === 'special') return 'A device, pipe or socket: it has no content to show.'
  if (entry.metadata.encrypted) {
    return 'Encrypted (NTFS EFS): the content is listed but never decrypted, so there is nothing to show.'
  }
  return null
}

/** A caution to show beside the content of a deleted entry whose content could be recovered. */
export function recoveredNote(entry: BrowseEntry): string | null {
  if (!entry.deleted || !entry.recoverable) return null
  return 'Deleted: this content was read back from the clusters the file last used; parts may since have been overwritten.'
}

/** The entry as the hex view and scans name it: `name` or `name:stream` (NTFS streams). */
export function entryLabel(entry: BrowseEntry): string {
  const stream = entry.metadata.stream
  return stream === null || entry.name.endsWith(`:${stream}`)
    ? entry.name
    : `${entry.name}:${stream}`
}
