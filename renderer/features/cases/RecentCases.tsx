import { useInvoke } from '../../lib/use-invoke'
import { formatUtc } from '../../lib/format'
import { SafeText } from '../../components/SafeText'
import { ErrorNotice } from '../../components/ErrorNotice'

/** Props of {@link RecentCases}. */
export interface RecentCasesProps {
  readonly onOpen: (path: string) => void
  readonly isDisabled: boolean
}

/**
 * The cases opened before on this machine (`case:recent`), one button each.
 */
export function RecentCases({ onOpen, isDisabled }: RecentCasesProps) {
  const { result } = useInvoke('case:recent', undefined)
  if (result === undefined) return <p className="muted">Loading recent cases…</p>
  if (!result.ok) return <ErrorNotice error={result.error} title="Could not list recent cases" />
  if (result.value.length === 0) return <p className="empty">No recent cases.</p>
  return (
    <ul className="recent-list" aria-label="Recent cases">
      {result.value.map((recent) => (
        <li key={recent.path}>
          <button
            type="button"
            className="recent-case"
            disabled={isDisabled}
            onClick={() => {
              onOpen(recent.path)
            }}
          >
            <span className="recent-name">
              <SafeText value={recent.name} max={200} />
            </span>
            <span className="recent-path mono">
              <SafeText value={recent.path} max={400} />
            </span>
            <span className="recent-when">Opened {formatUtc(recent.openedAt)}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
