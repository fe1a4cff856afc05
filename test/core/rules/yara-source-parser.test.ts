import { describe, expect, it } from 'vitest'
import { metaRecord } from '../../../main/core/rules/yara-meta'
import { parseYaraSource } from '../../../main/core/rules/yara-source-parser'
import type { ParsedRule } from '../../../main/core/rules/yara-source-parser'

function only(source: string): ParsedRule {
  const parsed = parseYaraSource(source, 'test.yar')
  expect(parsed.diagnostics).toEqual([])
  expect(parsed.rules).toHaveLength(1)
  return parsed.rules[0]!
}

const lines = (...l: string[]): string => l.join('\n')

describe('parseYaraSource: rule boundaries', () => {
  it.each([
    {
      what: 'braces and escaped quotes inside text strings',
      source: lines(
        'rule r {',
        '  strings:',
        '    $a = "}{ \\"}\\" {" wide',
        '  condition:',
        '    $a and filename == "}"',
        '}',
      ),
      endLine: 6,
    },
    {
      what: 'braces and escaped slashes inside regular expressions',
      source: lines(
        'rule r {',
        '  strings:',
        '    $r = /\\}{2}\\/x[{}]/ nocase',
        '  condition:',
        '    $r and filename matches /\\}$/is',
        '}',
      ),
      endLine: 6,
    },
    {
      what: 'a multi-line hex string with jumps, alternatives and comments holding braces',
      source: lines(
        'rule r {',
        '  strings:',
        '    $h = { 4D 5A // a } in a line comment',
        '           [2-4] /* } and { */ ( 90 | 00 ) ??',
        '           ~00 }',
        '  condition:',
        '    $h at 0',
        '}',
      ),
      endLine: 8,
    },
    {
      what: 'division in a condition (not a regex)',
      source: lines(
        'rule r {',
        '  condition:',
        '    filesize / 2 > 10 and filesize / 4 < 100',
        '}',
      ),
      endLine: 4,
    },
    {
      what: 'a condition with a `}` inside a string comparison',
      source: lines(
        'rule r {',
        '  condition:',
        '    extension == "}" or filename contains "{}"',
        '}',
      ),
      endLine: 4,
    },
    {
      what: 'comments that contain whole fake rules',
      source: lines(
        '// rule fake1 { condition: true }',
        '/* rule fake2 {',
        '   condition: true } */',
        'rule r { condition: true } // rule fake3 { }',
      ),
      endLine: 4,
    },
  ])('finds one rule despite $what', ({ source, endLine }) => {
    const rule = only(source)

    expect(rule.name).toBe('r')
    expect(rule.endLine).toBe(endLine)
    expect(rule.text.startsWith('rule r')).toBe(true)
    expect(rule.text.endsWith('}')).toBe(true)
  })

  it('reports each rule with its line range, modifiers and tags', () => {
    const source = lines(
      'import "pe"',
      '',
      'private rule a { condition: true }',
      'global private rule b : tag1 Tag_2',
      '{',
      '  condition: a',
      '}',
      'rule c : solo {',
      '  strings: $x = "x" condition: $x',
      '}',
    )

    const parsed = parseYaraSource(source)

    expect(parsed.imports).toEqual(['pe'])
    expect(
      parsed.rules.map((r) => [r.name, r.modifiers, r.tags, r.startLine, r.endLine, r.imports]),
    ).toEqual([
      ['a', ['private'], [], 3, 3, ['pe']],
      ['b', ['global', 'private'], ['tag1', 'Tag_2'], 4, 7, ['pe']],
      ['c', [], ['solo'], 8, 10, ['pe']],
    ])
  })

  it('keeps a rule without meta or strings', () => {
    const rule = only('rule bare { condition: filesize > 0 }')

    expect(rule.meta).toEqual([])
    expect(rule.patterns).toEqual([])
    expect(rule.conditionIdentifiers).toEqual(['filesize'])
  })
})

describe('parseYaraSource: meta', () => {
  const rule = only(
    lines(
      'rule m {',
      '  meta:',
      '    description = "say \\"hi\\" { not a brace } \\x41\\n"',
      '    score = 75',
      '    offset = 0x10',
      '    delta = -5',
      '    is_test = true',
      '    hash = "AA"',
      '    hash = "bb"',
      '    __proto__ = "kept as a plain key"',
      '  strings:',
      '    $a = "x"',
      '  condition:',
      '    $a',
      '}',
    ),
  )

  it('reads every entry in order, with its type, duplicates included', () => {
    expect(rule.meta).toEqual([
      { key: 'description', value: 'say "hi" { not a brace } A\n' },
      { key: 'score', value: 75 },
      { key: 'offset', value: 16 },
      { key: 'delta', value: -5 },
      { key: 'is_test', value: true },
      { key: 'hash', value: 'AA' },
      { key: 'hash', value: 'bb' },
      { key: '__proto__', value: 'kept as a plain key' },
    ])
  })

  it('collapses to a record where the last value of a key wins, as in the engine', () => {
    const record = metaRecord(rule.meta)

    expect(record.hash).toBe('bb')
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype)
    expect(Object.keys(record)).toContain('__proto__')
  })
})

describe('parseYaraSource: patterns', () => {
  it('lists each definition with its modifiers and an order-independent key', () => {
    const rule = only(
      lines(
        'rule p {',
        '  strings:',
        '    $a = "abc" wide ascii nocase',
        '    $b = "abc" nocase ascii wide',
        '    $c = "abc" xor(0x01-0xff) base64("!@#$%^&*(){}[].,|ABCDEFGHIJ\\x09LMNOPQRSTUVWXYZabcdefghijklmnopqrstu")',
        '    $d = { 4d 5a }',
        '  condition:',
        '    any of them',
        '}',
      ),
    )

    expect(rule.patterns.map((p) => [p.identifier, p.modifiers])).toEqual([
      ['$a', ['wide', 'ascii', 'nocase']],
      ['$b', ['nocase', 'ascii', 'wide']],
      ['$c', ['xor(0x01-0xff)', expect.stringMatching(/^base64\("/)]],
      ['$d', []],
    ])
    expect(rule.patterns[0]!.key).toBe(rule.patterns[1]!.key)
    expect(rule.patterns[3]!.literal).toBe('{4D5A}')
  })
})

describe('parseYaraSource: includes and errors', () => {
  it('reports an include as an error and never follows it', () => {
    const parsed = parseYaraSource(
      'include "../../etc/passwd"\nrule r { condition: true }',
      'a.yar',
    )

    expect(parsed.includes).toEqual([{ path: '../../etc/passwd', line: 1, column: 1 }])
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', file: 'a.yar', line: 1, code: 'include' }),
    ])
    expect(parsed.rules.map((r) => r.name)).toEqual(['r'])
  })

  it.each([
    {
      what: 'an unterminated text string',
      source: 'rule r { strings: $a = "abc\n condition: $a }',
      message: /unterminated text/,
    },
    {
      what: 'an unterminated comment',
      source: 'rule r { condition: true } /* never closed',
      message: /unterminated comment/,
    },
    {
      what: 'an unterminated hex string',
      source: 'rule r { strings: $h = { 4D 5A',
      message: /unterminated hex/,
    },
    {
      what: 'a rule without a condition',
      source: 'rule r { strings: $a = "x" }',
      message: /no condition/,
    },
    {
      what: 'a rule that is never closed',
      source: 'rule r { condition: true',
      message: /not closed/,
    },
    {
      what: 'text outside any rule',
      source: 'oops\nrule r { condition: true }',
      message: /unexpected 'oops'/,
    },
    {
      what: 'a malformed meta entry',
      source: 'rule r { meta: a = b condition: true }',
      message: /malformed meta/,
    },
  ])('reports $what with its location', ({ source, message }) => {
    const parsed = parseYaraSource(source, 'bad.yar')

    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', file: 'bad.yar' })
    expect(parsed.diagnostics[0]?.line).toBeGreaterThan(0)
    expect(parsed.diagnostics.map((d) => d.message).join('\n')).toMatch(message)
  })

  it('keeps going after a broken rule', () => {
    const parsed = parseYaraSource(
      'rule broken { strings: $a = "x" }\nrule fine { condition: true }',
    )

    expect(parsed.rules.map((r) => r.name)).toEqual(['fine'])
    expect(parsed.diagnostics).toHaveLength(1)
  })
})

describe('parseYaraSource: logic hash', () => {
  const base = lines(
    'rule base : t1 {',
    '  meta:',
    '    author = "a"',
    '    score = 50',
    '  strings:',
    '    $a = "needle" wide',
    '    $h = { 4D 5A [2] 90 }',
    '  condition:',
    '    $a and $h at 0',
    '}',
  )
  const hashOf = (source: string): string => only(source).logicHash

  it.each([
    { what: 'a meta value changes', edit: (s: string) => s.replace('score = 50', 'score = 90') },
    {
      what: 'meta lines are added',
      edit: (s: string) => s.replace('score = 50', 'score = 50\n    hash = "ab"'),
    },
    {
      what: 'the meta section is removed',
      edit: (s: string) => s.replace(/ {2}meta:[^]*?(?= {2}strings)/, ''),
    },
    {
      what: 'comments are added',
      edit: (s: string) => s.replace('$a and', '$a /* why */ and // note\n '),
    },
    {
      what: 'whitespace changes',
      edit: (s: string) => s.replace(/\n\s+/g, '\n\t\t').replace('$a and', '$a   and'),
    },
    {
      what: 'hex spacing and case change',
      edit: (s: string) => s.replace('{ 4D 5A [2] 90 }', '{4d5a[2]90}'),
    },
    { what: 'the rule is renamed', edit: (s: string) => s.replace('rule base', 'rule renamed') },
    { what: 'tags change', edit: (s: string) => s.replace(': t1', ': t2 t3') },
  ])('stays the same when $what', ({ edit }) => {
    expect(hashOf(edit(base))).toBe(hashOf(base))
  })

  it.each([
    { what: 'a text literal changes', edit: (s: string) => s.replace('"needle"', '"needles"') },
    {
      what: 'whitespace inside a text literal changes',
      edit: (s: string) => s.replace('"needle"', '"need le"'),
    },
    { what: 'a modifier changes', edit: (s: string) => s.replace('" wide', '" ascii wide') },
    { what: 'a hex byte changes', edit: (s: string) => s.replace('90 }', '91 }') },
    { what: 'the condition changes', edit: (s: string) => s.replace('at 0', 'at 1') },
    { what: 'a pattern identifier changes', edit: (s: string) => s.replace(/\$a/g, '$b') },
    {
      what: 'the rule becomes private',
      edit: (s: string) => s.replace('rule base', 'private rule base'),
    },
  ])('changes when $what', ({ edit }) => {
    expect(hashOf(edit(base))).not.toBe(hashOf(base))
  })

  it('is a lower-case hex SHA-256', () => {
    expect(hashOf(base)).toMatch(/^[0-9a-f]{64}$/)
  })
})
