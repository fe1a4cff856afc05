import { describe, expect, it } from 'vitest'
import { loadYaraBinding } from '../../../main/core/engine/yara-binding'
import { compileSources } from '../../../main/core/engine/yara-engine'
import type { EngineSource } from '../../../main/core/engine/yara-engine'
import { planSharedPatternWorkaround } from '../../../main/core/engine/shared-pattern-workaround'

const EXTERNALS = { filename: 'f', filepath: '/p', extension: '', filetype: '', owner: '', md5: '' }

function source(text: string, namespace = 'ns'): EngineSource {
  return { namespace, source: text, displayName: `${namespace}.yar` }
}

/** Rules matching `data` with the workaround (our compile path). */
function matchedWithWorkaround(sources: readonly EngineSource[], data: Buffer): string[] {
  return scanner(compileSources(sources).rules)(data)
}

/** Rules matching `data` compiled straight through the binding, as one set. */
function matchedRaw(sources: readonly EngineSource[], data: Buffer): string[] {
  return rawScanner(sources)(data)
}

const MISSED = [
  source('rule b { strings: $x = "wscript" condition: uint16(0) == 0x5A4D and $x }'),
  source('rule a { strings: $x = "wscript" $y = "reg add" condition: $y and $x }'),
]

describe('yara-x 1.20 shared text pattern bugs (#762, #771), worked around at compile time', () => {
  it('the binding misses a rule whose text pattern an earlier, false rule shares (#762)', () => {
    const data = Buffer.from('hello wscript and reg add')
    expect(matchedRaw(MISSED, data)).toEqual([])
    expect(matchedWithWorkaround(MISSED, data)).toEqual(['ns:a'])
  })

  it('the binding reports a false match through a shared pattern (#771), and we do not', () => {
    const sources = [
      source(
        'rule trigger { strings: $s1 = "testtest" wide ascii condition: uint16(0) == 0x5a4d and $s1 }',
      ),
      source(
        'rule bug { strings: $xor = "testtest" xor ascii wide $plain = "testtest" ascii wide condition: $xor and not $plain }',
      ),
    ]
    const negative = Buffer.from('testtest\nudruudru\n')
    expect(matchedRaw(sources, negative)).toEqual(['ns:bug'])
    expect(matchedWithWorkaround(sources, negative)).toEqual([])
  })

  it('keeps offsets and lengths of rewritten patterns', () => {
    const { rules } = compileSources(MISSED)
    const a = rules.scan(Buffer.from('hello wscript and reg add'), EXTERNALS).matches[0]!
    expect(a.matches.map((m) => [m.identifier, m.offset, m.length])).toEqual([
      ['$x', 6, 7],
      ['$y', 18, 7],
    ])
  })

  it.each([
    ['wide', '"ab\\x00c" wide', Buffer.from('zzab\u0000c', 'utf16le')],
    ['nocase', '"WScript" nocase', Buffer.from('x wsCRIPT y')],
    ['fullword', '"cmd" fullword', Buffer.from('run cmd now')],
    ['escapes', '"a\\"b\\\\c\\td"', Buffer.from('a"b\\c\td')],
    ['ascii wide', '"evil" ascii wide', Buffer.from('e\u0000v\u0000i\u0000l\u0000')],
  ])('rewrites %s repeats equivalently', (_label, literal, data) => {
    const sources = [
      source(`rule first { strings: $x = ${literal} condition: filesize > 100000 and $x }`),
      source(`rule second { strings: $x = ${literal} condition: $x }`),
    ]
    expect(planSharedPatternWorkaround(sources).rewritten).toBe(1)
    expect(matchedWithWorkaround(sources, data)).toEqual(['ns:second'])
  })

  it('rewrites every copy of a repeated pattern inside the later rule', () => {
    const sources = [
      source('rule first { strings: $x = "flash" condition: filesize > 100000 and $x }'),
      source('rule second { strings: $a = "flash" $b = "flash" condition: $a and $b }'),
    ]
    expect(planSharedPatternWorkaround(sources).rewritten).toBe(2)
    expect(matchedWithWorkaround(sources, Buffer.from('a flash b'))).toEqual(['ns:second'])
  })

  it('compiles apart a rule whose repeat has no regex form (xor), and it still matches', () => {
    const sources = [
      source('rule first { strings: $x = "secret" xor condition: filesize > 100000 and $x }'),
      source('rule second { strings: $x = "secret" xor condition: $x }'),
    ]
    const plan = planSharedPatternWorkaround(sources)
    expect(plan.isolated).toEqual(['ns:second'])
    expect(plan.groups).toHaveLength(2)
    const data = Buffer.from('xx secret xx')
    expect(matchedWithWorkaround(sources, data)).toEqual(['ns:second'])
    expect(matchedRaw(sources, data)).toEqual([])
  })

  it('warns where neither is possible (a global rule in the namespace)', () => {
    const sources = [
      source('rule first { strings: $x = "secret" base64 condition: filesize > 100000 and $x }'),
      source(
        'global rule g { condition: filesize > 0 }\nrule second { strings: $x = "secret" base64 condition: $x }',
      ),
    ]
    const { diagnostics, workaround } = compileSources(sources)
    expect(workaround.residual).toBe(1)
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ code: 'yara-x-762', rule: 'second', severity: 'warning' }),
    )
  })

  it('serializes and deserializes every group', async () => {
    const { CompiledRules } = await import('../../../main/core/engine/compiled-rules')
    const sources = [
      source('rule first { strings: $x = "secret" xor condition: filesize > 100000 and $x }'),
      source('rule second { strings: $x = "secret" xor condition: $x }'),
    ]
    const { rules } = compileSources(sources)
    const copy = CompiledRules.deserialize(rules.serialize())
    expect(copy.groupCount).toBe(2)
    expect(
      copy.scan(Buffer.from('secret'), EXTERNALS).matches.map((m) => m.ruleIdentifier),
    ).toEqual(['second'])
  })

  it('matches what each rule does alone, on random rule sets sharing text patterns', () => {
    const random = seeded(762)
    const words = ['wscript', 'powershell', 'mimikatz', 'cmd.exe', 'reg add', 'http://']
    const modifiers = ['', 'nocase', 'wide', 'ascii wide', 'fullword', 'nocase wide']
    const conditions = [
      'uint16(0) == 0x5A4D and $a and #b >= 0',
      'filesize < 40 and $a and #b >= 0',
      '$a and not $b',
      '$a and $b',
      '#a > 1 and #b >= 0',
      'any of them',
      'all of them',
      '$b and filesize > 10 and #a >= 0',
      'uint16(0) == 0x5A4D and ($a or $b)',
    ]
    let rawDisagreed = 0
    let checked = 0
    for (let round = 0; round < 40; round += 1) {
      const sources = Array.from({ length: 8 }, (_, i) => {
        const a = `"${pick(random, words)}" ${pick(random, modifiers)}`
        const b = `"${pick(random, words)}" ${pick(random, modifiers)}`
        return source(
          `rule r${i} { strings: $a = ${a} $b = ${b} condition: ${pick(random, conditions)} }`,
          `ns${i % 3}`,
        )
      })
      const together = scanner(compileSources(sources).rules)
      const raw = rawScanner(sources)
      const alone = sources.map((s) => scanner(compileSources([s]).rules))
      for (let sample = 0; sample < 8; sample += 1) {
        const parts = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
          const word = pick(random, words)
          const cased = random() < 0.3 ? word.toUpperCase() : word
          return random() < 0.3 ? Buffer.from(cased, 'utf16le') : Buffer.from(` ${cased} `)
        })
        const data = Buffer.concat([
          random() < 0.5 ? Buffer.from('MZ') : Buffer.from('..'),
          ...parts,
        ])
        const truth = alone.flatMap((scan) => scan(data)).sort()
        expect(together(data), `round ${round} sample ${sample}`).toEqual(truth)
        if (raw(data).join() !== truth.join()) rawDisagreed += 1
        checked += 1
      }
    }
    expect(checked).toBe(320)
    // The generator does reach the engine bug: without the workaround some results are wrong.
    expect(rawDisagreed).toBeGreaterThan(0)
  })
})

type Scan = (data: Buffer) => string[]

function scanner(rules: ReturnType<typeof compileSources>['rules']): Scan {
  return (data) =>
    rules
      .scan(data, EXTERNALS)
      .matches.map((m) => `${m.namespace}:${m.ruleIdentifier}`)
      .sort()
}

function rawScanner(sources: readonly EngineSource[]): Scan {
  const { binding } = loadYaraBinding()
  const compiled = binding.compile('', {
    defineVariables: Object.fromEntries(Object.keys(EXTERNALS).map((k) => [k, ''])),
  })
  compiled.addRuleSources(sources.map((s) => ({ source: s.source, namespace: s.namespace })))
  return (data) =>
    compiled
      .scan(data, EXTERNALS)
      .map((m) => `${m.namespace}:${m.ruleIdentifier}`)
      .sort()
}

function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}
