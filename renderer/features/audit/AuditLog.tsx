import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Pager } from '../../components/Pager'
import { useInvoke } from '../../lib/use-invoke'
import type { AuditFilter } from './AuditFilters'
import { AuditFilters } from './AuditFilters'
import { AuditRow } from './AuditRow'

/** Props of {@link AuditLog}. */
export interface AuditLogProps {
  /** The first entry that does not verify, when verification failed. */
  readonly brokenSeq: number | null
  /** Bumped to read the entries again (after a new verification). */
  readonly revision: number
}

const PAGE = 100

/**
 * The audit entries, newest first, a page at a time (`audit:list`), filtered by action and
 * actor; the first broken entry is highlighted and can be jumped to.
 */
export function AuditLog({ brokenSeq, revision }: AuditLogProps) {
  const [filter, setFilter] = useState<AuditFilter>({ action: '', actor: '' })
  const [offset, setOffset] = useState(0)
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set())
  const input = {
    offset,
    limit: PAGE,
    ...(filter.action === '' ? {} : { action: filter.action }),
    ...(filter.actor === '' ? {} : { actor: filter.actor }),
  }
  const { result, isLoading } = useInvoke('audit:list', input, revision)
  const page = result?.ok === true ? result.value : undefined
  const isFiltered = filter.action !== '' || filter.actor !== ''

  function toggle(seq: number) {
    setExpanded((current) => {
      const next = new Set(current)
      if (!next.delete(seq)) next.add(seq)
      return next
    })
  }

  function showBroken(seq: number, total: number) {
    // Unfiltered, newest first, seq 1..total: entry `seq` is at position total - seq.
    setFilter({ action: '', actor: '' })
    setOffset(Math.floor(Math.max(0, total - seq) / PAGE) * PAGE)
    setExpanded(new Set([seq]))
  }

  return (
    <section aria-labelledby="audit-entries-title">
      <h3 id="audit-entries-title">Entries</h3>
      <AuditFilters
        value={filter}
        onApply={(next) => {
          setFilter(next)
          setOffset(0)
        }}
      />
      {brokenSeq !== null && page !== undefined && !isFiltered && (
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              showBroken(brokenSeq, page.total)
            }}
          >
            Show the first broken entry (#{brokenSeq})
          </button>
        </div>
      )}
      {result?.ok === false && (
        <ErrorNotice error={result.error} title="Could not read the audit log" />
      )}
      {page !== undefined && page.total === 0 && (
        <p className="empty">
          {isFiltered ? 'No entry matches these filters — clear them to see all.' : 'No entries.'}
        </p>
      )}
      {page !== undefined && page.total > 0 && (
        <>
          <table className="data-table audit-table" aria-busy={isLoading}>
            <caption className="visually-hidden">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Time (UTC)</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((entry) => (
                <AuditRow
                  key={entry.seq}
                  entry={entry}
                  isBroken={entry.seq === brokenSeq}
                  isExpanded={expanded.has(entry.seq)}
                  onToggle={() => {
                    toggle(entry.seq)
                  }}
                />
              ))}
            </tbody>
          </table>
          <Pager
            noun="entries"
            offset={offset}
            limit={PAGE}
            total={page.total}
            onOffsetChange={setOffset}
          />
        </>
      )}
    </section>
  )
}
