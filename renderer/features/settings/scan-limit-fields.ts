import type { PreferredScanLimits } from '../../../main/core/model/settings'

/** One scan-limit field as the form shows it: in the unit an analyst thinks in. */
export interface LimitField {
  readonly key: keyof PreferredScanLimits
  readonly label: string
  readonly unit: string
  /** Stored value = shown value × factor. */
  readonly factor: number
  readonly hint: string
}

const MIB = 1024 * 1024

/**
 * The renderer's copy of `SCAN_LIMIT_RANGES` (main/core/model/settings.ts): a quick answer in the
 * form; main checks every value again.
 */
const RANGES: Readonly<Record<keyof PreferredScanLimits, { min: number; max: number }>> = {
  maxFileBytes: { min: MIB, max: 16 * 1024 * MIB },
  engineTimeoutMs: { min: 1_000, max: 3_600_000 },
  hardDeadlineMs: { min: 2_000, max: 7_200_000 },
  matchCapPerPattern: { min: 1, max: 1_000_000 },
  processes: { min: 1, max: 64 },
}

/** The fields of the scan-limits form, in order. */
export const LIMIT_FIELDS: readonly LimitField[] = [
  {
    key: 'maxFileBytes',
    label: 'Whole-file limit',
    unit: 'MiB',
    factor: MIB,
    hint: 'Larger files are scanned in overlapping blocks (coverage "block mode").',
  },
  {
    key: 'engineTimeoutMs',
    label: 'Engine timeout per file',
    unit: 's',
    factor: 1000,
    hint: 'The engine stops a file after this long (coverage "timeout").',
  },
  {
    key: 'hardDeadlineMs',
    label: 'Hard deadline per file',
    unit: 's',
    factor: 1000,
    hint: 'A scan process stuck this long on one file is restarted; longer than the timeout.',
  },
  {
    key: 'matchCapPerPattern',
    label: 'Matches kept per pattern',
    unit: 'matches',
    factor: 1,
    hint: 'Counts such as #a saturate at this cap.',
  },
  {
    key: 'processes',
    label: 'Scan processes',
    unit: 'processes',
    factor: 1,
    hint: 'Scan processes run at once.',
  },
]

/** The shown range of a field ("1–16384 MiB"). */
export function shownRange(field: LimitField): { readonly min: number; readonly max: number } {
  const range = RANGES[field.key]
  return { min: Math.ceil(range.min / field.factor), max: Math.floor(range.max / field.factor) }
}

/** The form's text for each limit. */
export function toDraft(limits: PreferredScanLimits): Record<keyof PreferredScanLimits, string> {
  const entries = LIMIT_FIELDS.map((f) => [f.key, String(limits[f.key] / f.factor)])
  return Object.fromEntries(entries) as Record<keyof PreferredScanLimits, string>
}

/**
 * The limits a draft stands for, or the first problem in words (what is wrong and the range).
 */
export function parseDraft(
  draft: Readonly<Record<keyof PreferredScanLimits, string>>,
): { readonly limits: PreferredScanLimits } | { readonly problem: string } {
  const limits: Partial<Record<keyof PreferredScanLimits, number>> = {}
  for (const field of LIMIT_FIELDS) {
    const text = draft[field.key].trim()
    const value = Number(text)
    const { min, max } = shownRange(field)
    if (text === '' || !Number.isInteger(value) || value < min || value > max) {
      return {
        problem: `${field.label}: enter a whole number from ${min} to ${max} ${field.unit}.`,
      }
    }
    limits[field.key] = value * field.factor
  }
  const parsed = limits as PreferredScanLimits
  if (parsed.hardDeadlineMs <= parsed.engineTimeoutMs) {
    return { problem: 'The hard deadline must be longer than the engine timeout.' }
  }
  return { limits: parsed }
}
