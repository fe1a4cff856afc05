import { describe, expect, it } from 'vitest'
import {
  changelogSection,
  hasVersionSection,
  prependChangelog,
} from '../../../main/core/rules/changelog'
import type { PackRule } from '../../../main/core/rules/loaded-pack'
import { diffPacks } from '../../../main/core/rules/pack-diff'

function rule(
  id: string | null,
  name: string,
  logic: string,
  over: Partial<PackRule> = {},
): PackRule {
  return {
    id,
    name,
    namespace: 'p',
    file: 'rules/a.yar',
    logicHash: logic.repeat(64).slice(0, 64),
    status: 'active',
    score: 50,
    tags: [],
    meta: { author: 'a' },
    source: `rule ${name} { condition: true }`,
    ...over,
  }
}

const ENGINE = { min_version: '1.0.0', modules: ['pe'], externals: [] }
const RELEASE = { version: '1.0.1', sequence: 2, day: '2026-11-26', ruleCount: 5 }

describe('changelog sections', () => {
  it('lists every kind of change by id and name, in fixed subsections', () => {
    const before = [
      rule('R-1', 'Kept', '1'),
      rule('R-2', 'Old_Name', '2'),
      rule('R-3', 'Logic', '3'),
      rule('R-4', 'Meta', '4'),
      rule('R-5', 'Gone', '5'),
      rule('R-6', 'Status', '6'),
      rule('R-7', 'Reid', '7'),
    ]
    const after = [
      rule('R-1', 'Kept', '1'),
      rule('R-2', 'New_Name', '2'),
      rule('R-3', 'Logic', '9'),
      rule('R-4', 'Meta', '4', { meta: { author: 'b' } }),
      rule('R-6', 'Status', '6', { status: 'testing' }),
      rule('R-70', 'Reid', '7'),
      rule(null, 'Fresh', '8'),
    ]
    const engines = {
      before: ENGINE,
      after: { min_version: '1.1.0', modules: ['math'], externals: ['filename'] },
    }
    const diff = diffPacks(
      { rules: before, engine: engines.before },
      { rules: after, engine: engines.after },
    )

    const fp = (key: string, hex: string, reason: string) => ({
      ruleKey: key,
      sha256: hex.repeat(64),
      reason,
    })
    const sides = {
      before: {
        engine: engines.before,
        suppressions: [fp('id:R-1', 'a', 'x'), fp('id:R-1', 'b', 'y'), fp('id:R-5', 'c', 'z')],
      },
      after: {
        engine: engines.after,
        suppressions: [
          fp('id:R-1', 'a', 'x'),
          fp('id:R-1', 'b', 'new'),
          fp('id:R-2', 'd', 'w'),
          fp('id:R-3', 'e', 'v'),
        ],
      },
    }

    expect(changelogSection(RELEASE, diff, sides)).toBe(
      [
        '## 1.0.1 — 2026-11-26 (sequence 2)',
        '',
        '### Added',
        '',
        '- (no id) Fresh',
        '',
        '### Removed',
        '',
        '- `R-5` Gone',
        '',
        '### Renamed',
        '',
        '- `R-2` Old_Name → New_Name',
        '',
        '### Logic changed',
        '',
        '- `R-3` Logic',
        '',
        '### Meta only',
        '',
        '- `R-4` Meta',
        '',
        '### Status changed',
        '',
        '- `R-6` Status: active → testing',
        '',
        '### Re-identified',
        '',
        '- `R-7` → `R-70` Reid',
        '',
        '### Engine changed',
        '',
        '- minimum version 1.0.0 → 1.1.0',
        '- modules added: math',
        '- modules removed: pe',
        '- externals added: filename',
        '',
        '### Suppressions',
        '',
        '- 2 added, 1 removed, 1 with a new reason (4 in all)',
        '',
      ].join('\n'),
    )
  })

  it('says initial release without a previous version, and no changes when nothing changed', () => {
    const same = [rule('R-1', 'Kept', '1')]
    const diff = diffPacks({ rules: same, engine: ENGINE }, { rules: same, engine: ENGINE })

    expect(changelogSection({ ...RELEASE, sequence: 1, ruleCount: 3 }, null)).toBe(
      '## 1.0.1 — 2026-11-26 (sequence 1)\n\nInitial release: 3 rules.\n',
    )
    const quiet = { engine: ENGINE, suppressions: [] }
    expect(
      changelogSection({ ...RELEASE, ruleCount: 1 }, diff, { before: quiet, after: quiet }),
    ).toMatch(/No rule changes: 1 rules\.\n$/)
  })

  it('keeps ids from breaking the Markdown line', () => {
    const diff = diffPacks(
      { rules: [], engine: ENGINE },
      { rules: [rule('X`\n## 9.9.9 evil', 'Odd', '1')], engine: ENGINE },
    )
    const text = changelogSection(RELEASE, diff)
    expect(text).toContain("- `X' ## 9.9.9 evil` Odd")
    expect(hasVersionSection(text, '9.9.9')).toBe(false)
  })

  it('prepends the new section and keeps earlier ones verbatim', () => {
    const older =
      '# Changelog\n\nNotes about this pack.\n\n## 1.0.0 — 2026-01-01 (sequence 1)\n\nInitial release: 2 rules.\n'
    const section = '## 1.0.1 — 2026-11-26 (sequence 2)\n\nNo rule changes: 2 rules.\n'
    const merged = prependChangelog(older, section)

    expect(merged).toBe(
      '# Changelog\n\nNotes about this pack.\n\n' +
        section +
        '\n' +
        older.slice(older.indexOf('## 1.0.0')),
    )
    expect(merged.endsWith(older.slice(older.indexOf('## 1.0.0')))).toBe(true)
    expect(prependChangelog(null, section)).toBe(`# Changelog\n\n${section}`)
    expect(prependChangelog('Just prose', section)).toBe(`Just prose\n\n${section}`)
    expect(hasVersionSection(merged, '1.0.0')).toBe(true)
    expect(hasVersionSection(merged, '1.0')).toBe(false)
  })
})
