import type { Evidence } from '../../../main/core/model/evidence'
import { formatCount } from '../../lib/format'
import { SafeText } from '../../components/SafeText'
import { formatLabel, kindLabel } from './evidence-labels'

/** Props of {@link EvidenceKindCell}. */
export interface EvidenceKindCellProps {
  readonly item: Evidence
}

/**
 * What an evidence item is: Folder, File, or Disk image with its container format and the
 * number of host files it is made of (segments, a parent disk).
 */
export function EvidenceKindCell({ item }: EvidenceKindCellProps) {
  if (item.kind !== 'image') return <>{kindLabel(item.kind)}</>
  const format = item.containerFormat
  const known = format === null ? null : formatLabel(format)
  const files = item.containerFiles.length
  return (
    <>
      {kindLabel(item.kind)}
      <small className="kind-format">
        {known ?? <SafeText value={format} max={50} fallback="unknown format" />}
        {files > 1 && ` · ${formatCount(files)} files`}
      </small>
    </>
  )
}
