import type { ScanProgress } from '../../../main/core/model/scan'
import { formatCount, formatDuration, formatSize } from '../../lib/format'
import { DetailList } from '../../components/DetailList'
import { phaseLabel } from './scan-labels'

/** Props of {@link ScanStats}. */
export interface ScanStatsProps {
  readonly progress: ScanProgress
}

function filesText(p: ScanProgress): string {
  const total = p.walkComplete ? formatCount(p.filesTotal) : `${formatCount(p.filesTotal)}+`
  return `${formatCount(p.filesDone)} of ${total}${p.walkComplete ? '' : ' (still counting)'}`
}

/**
 * The numbers of a scan in progress: files, data, findings, rate, time left and phase.
 *
 * While the walk is still finding files the total is marked "still counting" and the time left
 * stays unknown.
 */
export function ScanStats({ progress: p }: ScanStatsProps) {
  return (
    <DetailList
      className="stats"
      items={[
        ['Files', filesText(p)],
        ['Data', `${formatSize(p.bytesDone)} of ${formatSize(p.bytesTotal)}`],
        ['Findings', formatCount(p.findings)],
        ['Rate', `${formatCount(p.filesPerSecond)} files/s · ${formatSize(p.bytesPerSecond)}/s`],
        ['Time left', p.etaSeconds === null ? '—' : formatDuration(p.etaSeconds)],
        ['Phase', phaseLabel(p.phase)],
      ]}
    />
  )
}
