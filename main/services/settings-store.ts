import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { RecentCase } from '../core/model/case'

const SETTINGS_SCHEMA = z
  .object({
    recentCases: z
      .array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() }).strict())
      .max(50)
      .default([]),
  })
  .strict()

type Settings = z.infer<typeof SETTINGS_SCHEMA>

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
