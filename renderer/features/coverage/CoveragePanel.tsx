import { useState } from 'react'
import type { CoverageReason } from '../../../main/core/model/coverage'
import { useInvoke } from '../../lib/use-invoke'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Pager } from '../../components/Pager'
import { ScanSelect } from '../../components/ScanSelect'
import { CoverageLegend } from './CoverageLegend'
import { CoverageTable } from './CoverageTable'
import { ReasonSelect } from './ReasonSelect'

/** Coverage entries per page. */
export const COVERAGE_PAGE_SIZE = 200

/** Props of {@link CoveragePanel}. */
export interface CoveragePanelProps {
  /** Changes when a scan finishes: the list is fetched again. */
  readonly revision: number
}

/**
 * The Coverage section: every file a scan did not scan fully, with the reason, by scan and
 * reason: the evidence that nothing was silently skipped.
 */
export function CoveragePanel({ revision }: CoveragePanelProps) {
  const [scanId, setScanId] = useState<number>()
  const [reason, setReason] = useState<CoverageReason>()
  const [offset, setOffset] = useState(0)
  const scans = useInvoke('scan:list', undefined, revision)
  const input = {
    offset,
    limit: COVERAGE_PAGE_SIZE,
    ...(scanId === undefined ? {} : { scanId }),
    ...(reason === undefined ? {} : { reason }),
  }
  const list = useInvoke('coverage:list', input, revision)

  return (
    <section className="panel" aria-labelledby="coverage-title">
      <h2 id="coverage-title">Coverage</h2>
      <div className="filters" role="group" aria-label="Filter coverage">
        <ScanSelect
          scans={scans.result?.ok === true ? scans.result.value : []}
          value={scanId}
          onChange={(id) => {
            setScanId(id)
            setOffset(0)
          }}
        />
        <ReasonSelect
          value={reason}
          onChange={(r) => {
            setReason(r)
            setOffset(0)
          }}
        />
      </div>
      {list.result === undefined && <p className="muted">Loading coverage…</p>}
      {list.result?.ok === false && (
        <ErrorNotice error={list.result.error} title="Could not list coverage" />
      )}
      {list.result?.ok === true &&
        (list.result.value.total === 0 ? (
          <p className="empty">
            Every file was scanned completely{reason === undefined ? '' : ' for this reason'}:
            nothing to list.
          </p>
        ) : (
          <>
            <CoverageTable rows={list.result.value.rows} isBusy={list.isLoading} />
            <Pager
              noun="entries"
              offset={offset}
              limit={COVERAGE_PAGE_SIZE}
              total={list.result.value.total}
              onOffsetChange={setOffset}
            />
          </>
        ))}
      <CoverageLegend />
    </section>
  )
}
