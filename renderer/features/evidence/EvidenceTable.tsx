import type { Evidence, EvidenceProgress } from '../../../main/core/model/evidence'
import { EvidenceRow } from './EvidenceRow'

/** Props of {@link EvidenceTable}. */
export interface EvidenceTableProps {
  readonly items: readonly Evidence[]
  /** The latest `evidence:progress` by evidence id. */
  readonly progress: ReadonlyMap<number, EvidenceProgress>
  /** The evidence whose detail (layout, files) is open, if any. */
  readonly openId: number | undefined
  readonly onOpen: (evidenceId: number) => void
}

/**
 * The case's evidence: label (a button opening its layout and files), kind and container
 * format, path, size, file count, integrity, hash and when it was added.
 */
export function EvidenceTable({ items, progress, openId, onOpen }: EvidenceTableProps) {
  return (
    <table className="data-table evidence-table">
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
          <th scope="col">Integrity</th>
          <th scope="col">Hash</th>
          <th scope="col">Added</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <EvidenceRow
            key={item.id}
            item={item}
            progress={progress.get(item.id)}
            isOpen={item.id === openId}
            onOpen={() => {
              onOpen(item.id)
            }}
          />
        ))}
      </tbody>
    </table>
  )
}
