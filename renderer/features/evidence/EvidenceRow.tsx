import type { Evidence, EvidenceProgress } from '../../../main/core/model/evidence'
import { formatCount, formatSize, formatUtc } from '../../lib/format'
import { SafeText } from '../../components/SafeText'
import { EvidenceHashCell } from './EvidenceHashCell'
import { EvidenceKindCell } from './EvidenceKindCell'
import { IntegrityCell } from './IntegrityCell'
import { currentIntegrity } from './integrity'

/** Props of {@link EvidenceRow}. */
export interface EvidenceRowProps {
  readonly item: Evidence
  readonly progress: EvidenceProgress | undefined
  /** True when this item's detail is open. */
  readonly isOpen: boolean
  readonly onOpen: () => void
}

/**
 * One evidence item: its label is the button that opens its detail; a row whose image does not
 * match its acquisition hash is marked as a whole.
 */
export function EvidenceRow({ item, progress, isOpen, onOpen }: EvidenceRowProps) {
  const isMismatch = currentIntegrity(item, progress) === 'mismatch'
  const classes = [isOpen ? 'is-selected' : '', isMismatch ? 'has-mismatch' : '']
  return (
    <tr
      className={classes.join(' ').trim() || undefined}
      aria-current={isOpen ? 'true' : undefined}
    >
      <th scope="row">
        <button type="button" className="row-open" onClick={onOpen}>
          <SafeText value={item.label} max={200} />
        </button>
      </th>
      <td>
        <EvidenceKindCell item={item} />
      </td>
      <td className="mono path">
        <SafeText value={item.sourcePath} max={1000} />
      </td>
      <td className="num">{item.sizeBytes === null ? '—' : formatSize(item.sizeBytes)}</td>
      <td className="num">{item.fileCount === null ? '—' : formatCount(item.fileCount)}</td>
      <td>
        <IntegrityCell item={item} progress={progress} />
      </td>
      <td>
        <EvidenceHashCell item={item} />
      </td>
      <td>
        {formatUtc(item.addedAt)}
        <br />
        <small>
          by <SafeText value={item.addedBy} max={200} />
        </small>
      </td>
    </tr>
  )
}
