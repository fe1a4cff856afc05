import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { RecentCase } from '../core/model/case'
import { AppError } from '../core/model/errors'
import type { AppSettings, PreferredScanLimits } from '../core/model/settings'
import { PREFERRED_LIMITS_SCHEMA, SETTINGS_PATCH_SCHEMA, THEMES } from '../core/model/settings'
import { DEFAULT_TLP, TLP_LEVELS } from '../core/model/tlp'
import { defaultScanLimits } from '../core/scan/default-limits'

const SETTINGS_SCHEMA = z
  .object({
    recentCases: z
      .array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() }).strict())
      .max(50)
      .default([]),
    examinerName: z.string().trim().max(200).default(''),
    defaultTlp: z.enum(TLP_LEVELS).default(DEFAULT_TLP),
    scanLimits: PREFERRED_LIMITS_SCHEMA.default({}),
    theme: z.enum(THEMES).default('system'),
  })
  .strict()

type Settings = z.infer<typeof SETTINGS_SCHEMA>

/** A partial update, as `settings:set` receives it (after parsing). */
export type SettingsPatch = z.output<typeof SETTINGS_PATCH_SCHEMA>

const MAX_RECENT = 10

/**
 * Local app settings in `<dataDir>/settings.json`: validated on read (unknown keys refused, so a
 * planted `__proto__` cannot reach anything), written atomically. A damaged file is set aside
 * and defaults are used: settings are a convenience, never a reason not to start.
 */
export class SettingsStore {
  private readonly path: string
  private settings: Settings

  constructor(dataDir: string) {
    this.path = join(dataDir, 'settings.json')
    this.settings = this.read()
  }

  /** Recently opened cases, most recent first. */
  recentCases(): readonly RecentCase[] {
    return this.settings.recentCases
  }

  /** Put a case at the top of the recent list. */
  rememberCase(entry: RecentCase): void {
    const others = this.settings.recentCases.filter((c) => c.path !== entry.path)
    this.settings = { ...this.settings, recentCases: [entry, ...others].slice(0, MAX_RECENT) }
    this.write()
  }

  /** The analyst's settings, with the effective scan limits. */
  get(): AppSettings {
    const { examinerName, defaultTlp, theme, scanLimits } = this.settings
    return {
      examinerName,
      defaultTlp,
      theme,
      scanLimits: { ...preferredDefaults(), ...scanLimits },
      customLimits: Object.keys(scanLimits) as (keyof PreferredScanLimits)[],
    }
  }

  /** Only the scan limits the analyst set (a scan fills the rest from the app's defaults). */
  preferredLimits(): Partial<PreferredScanLimits> {
    return this.settings.scanLimits
  }

  /**
   * Apply a partial update (validated again here: the store is also used without IPC).
   *
   * @throws AppError `INVALID_INPUT` for a value out of range or unknown, or a hard deadline
   *   not above the engine timeout
   */
  set(patch: unknown): AppSettings {
    const parsed = SETTINGS_PATCH_SCHEMA.safeParse(patch)
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', `These settings are not valid: ${parsed.error.message}`)
    }
    const { scanLimits, ...rest } = parsed.data
    const limits =
      scanLimits === undefined
        ? this.settings.scanLimits
        : scanLimits === null
          ? {}
          : { ...this.settings.scanLimits, ...scanLimits }
    checkDeadline({ ...preferredDefaults(), ...limits })
    this.settings = { ...this.settings, ...rest, scanLimits: limits }
    this.write()
    return this.get()
  }

  private read(): Settings {
    let text: string
    try {
      text = readFileSync(this.path, 'utf8')
    } catch {
      return SETTINGS_SCHEMA.parse({})
    }
    try {
      return SETTINGS_SCHEMA.parse(JSON.parse(text))
    } catch {
      renameSync(this.path, `${this.path}.damaged-${Date.now()}`)
      return SETTINGS_SCHEMA.parse({})
    }
  }

  private write(): void {
    mkdirSync(dirname(this.path), { recursive: true })
    const temporary = `${this.path}.tmp`
    writeFileSync(temporary, JSON.stringify(this.settings, null, 2))
    renameSync(temporary, this.path)
  }
}

function preferredDefaults(): PreferredScanLimits {
  const limits = defaultScanLimits()
  return {
    maxFileBytes: limits.maxFileBytes,
    engineTimeoutMs: limits.engineTimeoutMs,
    hardDeadlineMs: limits.hardDeadlineMs,
    matchCapPerPattern: limits.matchCapPerPattern,
    processes: limits.processes,
  }
}

// The hard deadline kills a scan process stuck on one file: it must leave the engine's own
// timeout room to fire first, or every slow file would cost a process restart.
function checkDeadline(limits: PreferredScanLimits): void {
  if (limits.hardDeadlineMs <= limits.engineTimeoutMs) {
    throw new AppError(
      'INVALID_INPUT',
      `The hard deadline (${limits.hardDeadlineMs} ms) must be longer than the engine timeout ` +
        `(${limits.engineTimeoutMs} ms). Raise the deadline or lower the timeout.`,
    )
  }
}
