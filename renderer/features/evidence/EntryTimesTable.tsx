import type { EntryMetadata } from '../../../main/core/model/evidence'
import type { FileTimes } from '../../../main/core/model/findings'
import { formatUtc } from '../../lib/format'

/** Props of {@link EntryTimesTable}. */
export interface EntryTimesTableProps {
  readonly times: FileTimes
  readonly metadata: EntryMetadata
  /** Accessible name of the table. */
  readonly caption: string
}

const ROWS = [
  ['Modified', 'modified'],
  ['Accessed', 'accessed'],
  ['Changed', 'changed'],
  ['Born', 'born'],
] as const

/**
 * An entry's times in UTC: one column, or, on NTFS, $STANDARD_INFORMATION beside $FILE_NAME
 * with the times that differ marked (their disagreement is a triage signal).
 */
export function EntryTimesTable({ times, metadata, caption }: EntryTimesTableProps) {
  const names = metadata.fileNameTimes
  return (
    <table className="data-table entry-times">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Time (UTC)</th>
          <th scope="col">{names === null ? 'Value' : '$STANDARD_INFORMATION'}</th>
          {names !== null && <th scope="col">$FILE_NAME</th>}
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([label, key]) => {
          const differs = names !== null && names[key] !== times[key]
          return (
            <tr key={key} className={differs ? 'times-differ' : undefined}>
              <th scope="row">{label}</th>
              <td className="time">{formatUtc(times[key])}</td>
              {names !== null && (
                <td className="time">
                  {formatUtc(names[key])}
                  {differs && <span className="visually-hidden"> (differs)</span>}
                </td>
              )}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
