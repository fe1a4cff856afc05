import { z } from 'zod'
import type { ScanLimits } from './scan'
import type { TlpLevel } from './tlp'
import { TLP_LEVELS } from './tlp'

/** The colour themes: follow the system, or force one. */
export const THEMES = ['system', 'light', 'dark'] as const

/** One of {@link THEMES}. */
export type Theme = (typeof THEMES)[number]

/** The scan limits an analyst may set as defaults (the excerpt length stays the app's). */
export type PreferredScanLimits = Omit<ScanLimits, 'excerptBytes'>

const MIB = 1024 * 1024

/** Allowed range of each preferred scan limit, inclusive. */
export const SCAN_LIMIT_RANGES: Readonly<
  Record<keyof PreferredScanLimits, { readonly min: number; readonly max: number }>
> = {
  maxFileBytes: { min: MIB, max: 16 * 1024 * MIB },
  engineTimeoutMs: { min: 1_000, max: 3_600_000 },
  hardDeadlineMs: { min: 2_000, max: 7_200_000 },
  matchCapPerPattern: { min: 1, max: 1_000_000 },
  processes: { min: 1, max: 64 },
}

const limit = (key: keyof PreferredScanLimits) =>
  z.number().int().min(SCAN_LIMIT_RANGES[key].min).max(SCAN_LIMIT_RANGES[key].max)

/** Preferred scan limits, each optional (unset = the app's default), unknown keys refused. */
export const PREFERRED_LIMITS_SCHEMA = z
  .object({
    maxFileBytes: limit('maxFileBytes').optional(),
    engineTimeoutMs: limit('engineTimeoutMs').optional(),
    hardDeadlineMs: limit('hardDeadlineMs').optional(),
    matchCapPerPattern: limit('matchCapPerPattern').optional(),
    processes: limit('processes').optional(),
  })
  .strict()

/** A partial settings update (`settings:set`); `scanLimits: null` puts the defaults back. */
export const SETTINGS_PATCH_SCHEMA = z
  .object({
    examinerName: z.string().trim().max(200).optional(),
    defaultTlp: z.enum(TLP_LEVELS).optional(),
    scanLimits: PREFERRED_LIMITS_SCHEMA.nullable().optional(),
    theme: z.enum(THEMES).optional(),
  })
  .strict()

/** The analyst's settings as `settings:get` returns them. */
export interface AppSettings {
  /** Prefills the examiner of a new case ('' when not set). */
  readonly examinerName: string
  /** The default TLP of a new case. */
  readonly defaultTlp: TlpLevel
  /** The limits a scan starts with: the analyst's values over the app's defaults. */
  readonly scanLimits: PreferredScanLimits
  /** Which of the limits the analyst set (the others follow the app's defaults). */
  readonly customLimits: readonly (keyof PreferredScanLimits)[]
  readonly theme: Theme
}
