import type { KeyboardEvent } from 'react'
import type { BrowseEntry } from '../../../main/core/model/evidence'
import {
  formatCount,
  formatSize,
  formatSizeExact,
  formatUtc,
  formatUtcSeconds,
  shortHash,
} from '../../lib/format'
import { attributeText, escapeText } from '../../lib/text'
import { Badge } from '../../components/Badge'
import { SafeText } from '../../components/SafeText'
import { isScannable } from './browse-items'
import { isBackdatedLike } from './entry-metadata'

/** Props of {@link FileRow}. */
export interface FileRowProps {
  readonly entry: BrowseEntry
  readonly isSelected: boolean
  readonly isChecked: boolean
  /** 1-based number of the entry's time note under the table, if it has one. */
  readonly noteNumber: number | null
  readonly buttonRef: (button: HTMLButtonElement | null) => void
  readonly onFocus: () => void
  readonly onKeyDown: (event: KeyboardEvent) => void
  readonly onActivate: () => void
  readonly onCheck: (isChecked: boolean) => void
}

const KIND_NOTES: Readonly<Record<BrowseEntry['kind'], string | null>> = {
  file: null,
  directory: 'folder',
  symlink: 'link',
  special: 'special',
  unallocated: 'block',
}

/** A time to the second; the full precision (NTFS 100 ns, ext ns) in the title and details. */
function Time({ value, note }: { readonly value: string | null; readonly note: number | null }) {
  const full = formatUtc(value)
  const short = formatUtcSeconds(value)
  return (
    <>
      {short === full ? short : <span title={full}>{short}</span>}
      {value !== null && note !== null && <span className="note-ref"> [{note}]</span>}
    </>
  )
}

/**
 * One entry of the file browser: checkbox (scannable files only), name (the row's button:
 * opens a folder, toggles a file's checkbox), size, times in UTC, inode, owner, SHA-256 and
 * findings. Deleted entries carry a badge and a distinct row style; deleted ones whose content
 * is gone cannot be selected. NTFS streams, encrypted files and back-dating signs are badged.
 */
export function FileRow(props: FileRowProps) {
  const { entry: e, noteNumber: note, isSelected, isChecked } = props
  const { buttonRef, onFocus, onKeyDown, onActivate, onCheck } = props
  const canScan = isScannable(e)
  const isGone = e.deleted && !e.recoverable
  const classes = [isSelected ? 'is-selected' : '', e.deleted ? 'is-deleted' : '']
  return (
    <tr className={classes.join(' ').trim() || undefined}>
      <td className="select-cell">
        {(e.kind === 'file' || e.kind === 'unallocated') && (
          <input
            type="checkbox"
            tabIndex={-1}
            aria-label={`Select ${attributeText(e.name)}`}
            title={isGone ? 'Deleted and overwritten: nothing is left to scan.' : undefined}
            disabled={!canScan}
            checked={isChecked}
            onChange={(event) => {
              onCheck(event.target.checked)
            }}
          />
        )}
      </td>
      <th scope="row" className={`name-cell kind-${e.kind}`}>
        {e.kind === 'directory' && (
          <span className="folder-mark" aria-hidden="true">
            ▸
          </span>
        )}
        <button
          type="button"
          className="row-open"
          tabIndex={isSelected ? 0 : -1}
          ref={buttonRef}
          onFocus={onFocus}
          onKeyDown={onKeyDown}
          onClick={onActivate}
        >
          <SafeText value={e.name} max={300} fallback="(no name)" />
        </button>
        {KIND_NOTES[e.kind] !== null && <small className="muted"> {KIND_NOTES[e.kind]}</small>}
        {e.metadata.stream !== null && <Badge>Stream</Badge>}
        {e.deleted && <Badge tone="warning">Deleted</Badge>}
        {isGone && <Badge tone="danger">Content gone</Badge>}
        {e.metadata.encrypted && <Badge tone="warning">Encrypted</Badge>}
        {isBackdatedLike(e, e.metadata) && <Badge tone="warning">$SI born before $FN</Badge>}
      </th>
      <td className="num" title={formatSizeExact(e.sizeBytes)}>
        {e.kind === 'directory' ? '—' : formatSize(e.sizeBytes)}
      </td>
      <td className="time">
        <Time value={e.modified} note={note} />
      </td>
      <td className="time">
        <Time value={e.accessed} note={note} />
      </td>
      <td className="time">
        <Time value={e.changed} note={note} />
      </td>
      <td className="time">
        <Time value={e.born} note={note} />
      </td>
      <td className="mono">
        <SafeText value={e.inode} max={60} />
      </td>
      <td className="owner" title={escapeText(e.metadata.owner ?? '')}>
        <SafeText value={e.metadata.owner} max={80} />
      </td>
      <td className="mono">
        {e.sha256 === null ? '—' : <span title={escapeText(e.sha256)}>{shortHash(e.sha256)}</span>}
      </td>
      <td className={e.findings > 0 ? 'num has-findings' : 'num'}>{formatCount(e.findings)}</td>
    </tr>
  )
}
