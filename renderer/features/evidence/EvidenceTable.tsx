import type { Evidence, EvidenceKind } from '../../../main/core/model/evidence'
import { assertNever } from '../../lib/assert-never'
import { formatCount, formatSize, formatUtc } from '../../lib/format'
import { SafeText } from '../../components/SafeText'
import { EvidenceHashCell } from './EvidenceHashCell'

/** Props of {@link EvidenceTable}. */
export interface EvidenceTableProps {
  readonly items: readonly Evidence[]
}

function kindLabel(kind: EvidenceKind): string {
  switch (kind) {
    case 'folder':
      return 'Folder'
    case 'file':
      return 'File'
    case 'image':
      return 'Disk image'
    default:
      return assertNever(kind, 'evidence kind')
  }
}

/**
 * The case's evidence: label, kind, path, size, file count, hash and when it was added.
 */
export function EvidenceTable({ items }: EvidenceTableProps) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">Evidence</caption>
      <thead>
        <tr>
          <th scope="col">Label</th>
          <th scope="col">Kind</th>
          <th scope="col">Path</th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col" className="num">
            Files
          </th>
          <th scope="col">Hash</th>
          <th scope="col">Added</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <th scope="row">
              <SafeText value={item.label} max={200} />
            </th>
            <td>{kindLabel(item.kind)}</td>
            <td className="mono path">
              <SafeText value={item.sourcePath} max={1000} />
            </td>
            <td className="num">{item.sizeBytes === null ? '—' : formatSize(item.sizeBytes)}</td>
            <td className="num">{item.fileCount === null ? '—' : formatCount(item.fileCount)}</td>
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
        ))}
      </tbody>
    </table>
  )
}
