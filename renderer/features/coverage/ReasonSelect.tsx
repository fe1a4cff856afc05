import { useId } from 'react'
import type { CoverageReason } from '../../../main/core/model/coverage'
import { COVERAGE_REASON_INFO, COVERAGE_REASON_ORDER } from './coverage-reasons'

/** Props of {@link ReasonSelect}. */
export interface ReasonSelectProps {
  readonly value: CoverageReason | undefined
  readonly onChange: (reason: CoverageReason | undefined) => void
}

/**
 * A labelled "Reason" select: all reasons, or one coverage reason by its label.
 */
export function ReasonSelect({ value, onChange }: ReasonSelectProps) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>Reason</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(e) => {
          const picked = COVERAGE_REASON_ORDER.find((r) => r === e.target.value)
          onChange(picked)
        }}
      >
        <option value="">All reasons</option>
        {COVERAGE_REASON_ORDER.map((reason) => (
          <option key={reason} value={reason}>
            {COVERAGE_REASON_INFO[reason].label}
          </option>
        ))}
      </select>
    </div>
  )
}
