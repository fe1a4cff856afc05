import { describe, expect, it } from 'vitest'
import { diffPacks } from '../../../main/core/rules/pack-diff'
import { localPack } from '../../helpers/local-pack'

function rule(name: string, id: string, body: string, meta = ''): string {
  return `rule ${name}\n{\n    meta:\n        id = "${id}"\n${meta}    strings:\n        $a = "${body}"\n    condition:\n        $a\n}\n`
}

const ENGINE = { min_version: '1.0.0', modules: [], externals: [] }

describe('diffing two versions of a pack', () => {
  it('finds each change class, and only it, rule by rule', async () => {
    const before = await localPack(
      {
        'a.yar': [
          rule('Keep', 'k', 'keep'),
          rule('Renamed_Old', 'r1', 'renamed'),
          rule('Logic', 'r2', 'before'),
          rule('Meta', 'r3', 'meta', '        description = "old words"\n'),
          rule('Status', 'r4', 'status', '        status = "active"\n'),
          rule('Gone', 'r5', 'gone'),
          rule('ReId', 'r7', 'same logic'),
        ].join('\n'),
      },
      'pack',
    )
    const after = await localPack(
      {
        'a.yar': [
          rule('Keep', 'k', 'keep'),
          rule('Renamed_New', 'r1', 'renamed'),
          rule('Logic', 'r2', 'after'),
          rule('Meta', 'r3', 'meta', '        description = "new words"\n'),
          rule('Status', 'r4', 'status', '        status = "testing"\n'),
          rule('New', 'r6', 'new'),
          rule('ReId', 'r8', 'same logic'),
        ].join('\n'),
      },
      'pack',
    )

    const diff = diffPacks(
      { rules: before.rules, engine: ENGINE },
      { rules: after.rules, engine: { ...ENGINE, modules: ['pe'] } },
    )
    const names = (pairs: readonly { after: { name: string } }[]) => pairs.map((p) => p.after.name)

    expect(diff.added.map((r) => r.name)).toEqual(['New'])
    expect(diff.removed.map((r) => r.name)).toEqual(['Gone'])
    expect(names(diff.renamed)).toEqual(['Renamed_New'])
    expect(names(diff.logicChanged)).toEqual(['Logic'])
    expect(names(diff.metaOnly)).toEqual(['Meta'])
    expect(names(diff.statusChanged)).toEqual(['Status'])
    expect(diff.reIdentified.map((p) => `${p.before.id}→${p.after.id}`)).toEqual(['r7→r8'])
    expect(diff.engineChanged).toBe(true)
    expect(diff.unchanged).toBe(1)
  })

  it('joins rules without ids on namespace and name', async () => {
    const before = await localPack(
      { 'a.yar': 'rule A { condition: true }\nrule B { condition: true }' },
      'p',
    )
    const after = await localPack(
      { 'a.yar': 'rule A { condition: false }\nrule C { condition: true }' },
      'p',
    )

    const diff = diffPacks(
      { rules: before.rules, engine: null },
      { rules: after.rules, engine: null },
    )

    expect(diff.logicChanged.map((p) => p.after.name)).toEqual(['A'])
    expect(diff.reIdentified.map((p) => `${p.before.name}→${p.after.name}`)).toEqual(['B→C'])
    expect(diff.engineChanged).toBe(false)
  })
})
