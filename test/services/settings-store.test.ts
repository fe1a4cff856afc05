import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SCAN_LIMIT_RANGES } from '../../main/core/model/settings'
import { defaultScanLimits } from '../../main/core/scan/default-limits'
import { SettingsStore } from '../../main/services/settings-store'
import { LIMIT_FIELDS, shownRange } from '../../renderer/features/settings/scan-limit-fields'
import { tempDir } from '../helpers/temp-dir'

describe('SettingsStore', () => {
  it('starts with defaults: no examiner, amber, the app limits, system theme', () => {
    const settings = new SettingsStore(tempDir()).get()
    const defaults = defaultScanLimits()
    expect(settings).toEqual({
      examinerName: '',
      defaultTlp: 'amber',
      theme: 'system',
      customLimits: [],
      scanLimits: {
        maxFileBytes: defaults.maxFileBytes,
        engineTimeoutMs: defaults.engineTimeoutMs,
        hardDeadlineMs: defaults.hardDeadlineMs,
        matchCapPerPattern: defaults.matchCapPerPattern,
        processes: defaults.processes,
      },
    })
  })

  it('applies partial updates, keeps them across restarts and keeps the recent cases', () => {
    const dir = tempDir()
    const store = new SettingsStore(dir)
    store.rememberCase({ path: '/cases/a.outpost', name: 'A', openedAt: '2026-01-01T00:00:00Z' })
    store.set({ examinerName: '  B. Examiner ', theme: 'dark' })
    store.set({ defaultTlp: 'red', scanLimits: { matchCapPerPattern: 50, processes: 2 } })
    store.set({ scanLimits: { engineTimeoutMs: 5_000 } })

    const reread = new SettingsStore(dir)
    expect(reread.get()).toMatchObject({
      examinerName: 'B. Examiner',
      theme: 'dark',
      defaultTlp: 'red',
      scanLimits: { matchCapPerPattern: 50, processes: 2, engineTimeoutMs: 5_000 },
    })
    expect([...reread.get().customLimits].sort()).toEqual([
      'engineTimeoutMs',
      'matchCapPerPattern',
      'processes',
    ])
    expect(reread.preferredLimits()).toEqual({
      matchCapPerPattern: 50,
      processes: 2,
      engineTimeoutMs: 5_000,
    })
    expect(reread.recentCases().map((c) => c.name)).toEqual(['A'])
    expect(existsSync(join(dir, 'settings.json.tmp'))).toBe(false)
  })

  it('puts the default limits back when told to', () => {
    const store = new SettingsStore(tempDir())
    store.set({ scanLimits: { processes: 3 } })
    expect(store.set({ scanLimits: null }).customLimits).toEqual([])
    expect(store.preferredLimits()).toEqual({})
  })

  it.each([
    ['a limit below its range', { scanLimits: { processes: 0 } }],
    ['a limit above its range', { scanLimits: { maxFileBytes: 2 ** 50 } }],
    ['a fractional limit', { scanLimits: { matchCapPerPattern: 1.5 } }],
    ['an unknown limit', { scanLimits: { excerptBytes: 10 } }],
    ['an unknown theme', { theme: 'neon' }],
    ['an unknown TLP', { defaultTlp: 'purple' }],
    ['an unknown key', { colour: 'red' }],
    ['a planted __proto__', JSON.parse('{"__proto__": {"isAdmin": true}}') as unknown],
    ['a deadline not above the timeout', { scanLimits: { hardDeadlineMs: 60_000 } }],
  ])('refuses %s and changes nothing', (_label, patch) => {
    const dir = tempDir()
    const store = new SettingsStore(dir)
    store.set({ theme: 'light' })
    const before = readFileSync(join(dir, 'settings.json'), 'utf8')

    expect(() => store.set(patch)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
    expect(store.get().theme).toBe('light')
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before)
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
  })

  it.each([
    ['not JSON', '{ "theme": '],
    ['an out-of-range limit', JSON.stringify({ scanLimits: { processes: 1000 } })],
    ['a planted __proto__', '{"__proto__": {"polluted": true}, "theme": "dark"}'],
  ])('sets aside a damaged file (%s) and starts from defaults', (_label, text) => {
    const dir = tempDir()
    writeFileSync(join(dir, 'settings.json'), text)

    const store = new SettingsStore(dir)

    expect(store.get().theme).toBe('system')
    expect(store.get().customLimits).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const damaged = readdirSync(dir).filter((f) => f.startsWith('settings.json.damaged-'))
    expect(damaged).toHaveLength(1)
    expect(readFileSync(join(dir, damaged[0] ?? ''), 'utf8')).toBe(text)
  })
})

describe('the settings form ranges', () => {
  it('are the ones the store enforces', () => {
    for (const field of LIMIT_FIELDS) {
      const range = SCAN_LIMIT_RANGES[field.key]
      expect(shownRange(field)).toEqual({
        min: Math.ceil(range.min / field.factor),
        max: Math.floor(range.max / field.factor),
      })
    }
  })
})
