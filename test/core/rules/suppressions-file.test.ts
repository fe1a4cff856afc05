import { describe, expect, it } from 'vitest'
import { AppError } from '../../../main/core/model/errors'
import {
  MAX_SUPPRESSIONS_BYTES,
  parseSuppressionsFile,
  serialiseSuppressions,
} from '../../../main/core/rules/suppressions-file'
import type { PackSuppression } from '../../../main/core/rules/suppressions-file'

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)

const LIST: PackSuppression[] = [
  { ruleKey: 'name:my_pack:Loose_Rule', sha256: A, reason: 'vendor installer' },
  { ruleKey: 'id:OUTPOST-2026-0002', sha256: B, reason: 'our own test file' },
  { ruleKey: 'id:OUTPOST-2026-0002', sha256: A, reason: '' },
]

const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))
const entry = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  rule_key: 'id:X-1',
  sha256: A,
  reason: 'r',
  ...over,
})
const file = (suppressions: unknown[], extra: Record<string, unknown> = {}): Buffer =>
  bytes({ format: 'outpost-suppressions/1', suppressions, ...extra })

function refusal(input: Uint8Array): string {
  try {
    parseSuppressionsFile(input)
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('RULES_INVALID')
    return (error as AppError).message
  }
  throw new Error('accepted')
}

describe('suppressions.json', () => {
  it('serialises sorted and canonical, and parses back to the same list', () => {
    const text = serialiseSuppressions(LIST)
    const parsed = parseSuppressionsFile(Buffer.from(text))

    expect(text.endsWith('}\n')).toBe(true)
    expect(parsed.map((s) => `${s.ruleKey} ${s.sha256.slice(0, 1)}`)).toEqual([
      'id:OUTPOST-2026-0002 a',
      'id:OUTPOST-2026-0002 b',
      'name:my_pack:Loose_Rule a',
    ])
    expect(parsed.find((s) => s.sha256 === B)?.reason).toBe('our own test file')
    expect(serialiseSuppressions([...LIST].reverse())).toBe(text)
    expect(JSON.parse(text)).toMatchObject({ format: 'outpost-suppressions/1' })
    expect(parseSuppressionsFile(file([]))).toEqual([])
  })

  it('refuses to serialise a repeated pair or a malformed entry', () => {
    expect(() => serialiseSuppressions([LIST[0]!, { ...LIST[0]!, reason: 'again' }])).toThrow(
      /repeats name:my_pack:Loose_Rule/,
    )
    expect(() => serialiseSuppressions([{ ...LIST[0]!, sha256: 'ABC' }])).toThrow(AppError)
  })

  it.each([
    ['not JSON', Buffer.from('{"format":')],
    ['not UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
    ['another format', bytes({ format: 'outpost-suppressions/2', suppressions: [] })],
    ['no list', bytes({ format: 'outpost-suppressions/1' })],
    ['an unknown top key', file([], { extra: 1 })],
    ['an unknown entry key', file([entry({ note: 'x' })])],
    [
      'a __proto__ key',
      Buffer.from(`{"format":"outpost-suppressions/1","suppressions":[],"__proto__":{"x":1}}`),
    ],
    [
      'a __proto__ entry key',
      Buffer.from(
        `{"format":"outpost-suppressions/1","suppressions":[{"rule_key":"id:X","sha256":"${A}","reason":"","__proto__":{}}]}`,
      ),
    ],
    ['an upper-case hash', file([entry({ sha256: A.toUpperCase() })])],
    ['a short hash', file([entry({ sha256: 'a'.repeat(63) })])],
    ['a bare rule name', file([entry({ rule_key: 'Loose_Rule' })])],
    ['an empty id', file([entry({ rule_key: 'id:' })])],
    ['a control character in the id', file([entry({ rule_key: 'id:X\n1' })])],
    ['a name key without namespace', file([entry({ rule_key: 'name:Loose_Rule' })])],
    ['a reason too long', file([entry({ reason: 'x'.repeat(2001) })])],
    ['a missing reason', file([{ rule_key: 'id:X-1', sha256: A }])],
    ['a numeric reason', file([entry({ reason: 5 })])],
    ['an entry that is not an object', file(['id:X-1'])],
    ['a duplicate', file([entry(), entry({ reason: 'other' })])],
    ['entries out of order', file([entry({ sha256: B }), entry({ sha256: A })])],
    [
      'rule keys out of order',
      file([entry({ rule_key: 'name:p:R' }), entry({ rule_key: 'id:Z' })]),
    ],
  ])('refuses %s', (_what, input) => {
    expect(refusal(input)).toMatch(/suppressions\.json is not (a )?valid/)
  })

  it('refuses more than 100,000 entries and a file over 16 MiB', () => {
    const many = Array.from({ length: 100_001 }, (_, i) =>
      entry({ sha256: i.toString(16).padStart(64, '0') }),
    )
    expect(refusal(file(many))).toMatch(/100000|values/)
    expect(refusal(Buffer.alloc(MAX_SUPPRESSIONS_BYTES + 1, 0x20))).toMatch(/limit is 16777216/)
  }, 30_000)

  it('accepts exactly 100,000 sorted entries', () => {
    const many = Array.from({ length: 100_000 }, (_, i) =>
      entry({ sha256: i.toString(16).padStart(64, '0') }),
    )
    expect(parseSuppressionsFile(file(many))).toHaveLength(100_000)
  }, 30_000)
})
