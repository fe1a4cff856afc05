import fc from 'fast-check'
import { expect } from 'vitest'

/**
 * JSON-level mutations for manifest fuzzing (security-checks D9–D11): replace a value anywhere
 * with arbitrary or hostile JSON, delete a key, add a key (prototype keys included, written as
 * OWN keys, as JSON.parse would make them). Mutations address values by a number taken modulo
 * the count of values in the document, so any document can take any mutation.
 */

export type JsonMutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }

const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'polluted',
  'toString',
  'hasOwnProperty',
]

/** Payloads that have reached prototypes in other programs, or blow up naive code. */
export const HOSTILE_VALUES: readonly unknown[] = [
  JSON.parse('{"__proto__":{"polluted":1}}'),
  JSON.parse('{"constructor":{"prototype":{"p2":1}}}'),
  JSON.parse('{"a":{"__proto__":{"polluted":1}}}'),
  JSON.parse('[{"__proto__":{"polluted":1}}]'),
  'x'.repeat(100_000),
  -1,
  1e308,
  0.5,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  null,
  [],
  {},
  '../../evil',
  '\u0000',
]

const jsonValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...HOSTILE_VALUES))

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: jsonValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 8 })),
    value: jsonValue,
  }),
)

/** Every container (object or array) in the document, the root first. */
function containers(root: unknown): (Record<string, unknown> | unknown[])[] {
  const out: (Record<string, unknown> | unknown[])[] = []
  const stack = [root]
  while (stack.length > 0) {
    const value = stack.pop()
    if (value === null || typeof value !== 'object') continue
    out.push(value as Record<string, unknown>)
    stack.push(...(Object.values(value) as unknown[]))
  }
  return out
}

function copyOf(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown)
}

/** A mutated deep copy of `document`, as JSON text. */
export function mutateJson(document: unknown, mutations: readonly JsonMutation[]): string {
  const copy = JSON.parse(JSON.stringify(document)) as unknown
  for (const m of mutations) {
    const all = containers(copy)
    const target = all[m.at % all.length]
    if (target === undefined) continue
    const keys = Object.keys(target)
    const key = keys.length === 0 ? undefined : (keys[m.at % keys.length] as string)
    if (m.kind === 'add') {
      // defineProperty: an own "__proto__" key, as JSON.parse creates from hostile text. Values
      // are copied so that no object is inserted twice (or into itself: a cycle).
      Object.defineProperty(target, m.key, {
        value: copyOf(m.value),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    } else if (key !== undefined && m.kind === 'replace') {
      Object.defineProperty(target, key, {
        value: copyOf(m.value),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    } else if (key !== undefined) {
      if (Array.isArray(target)) target.splice(Number(key), 1)
      else Reflect.deleteProperty(target, key)
    }
  }
  return JSON.stringify(copy)
}

/** Object.prototype's own keys now: compared before and after every hostile parse. */
export function prototypeSnapshot(): string {
  return [Object.prototype, Array.prototype, Function.prototype]
    .map((p) => Object.getOwnPropertyNames(p).sort().join(','))
    .join('|')
}

/** No pollution by the classic payloads (D9): `({}).polluted` and `({}).p2` stay undefined. */
export function expectNoPollution(snapshot: string): void {
  const probe = {} as Record<string, unknown>
  expect(probe['polluted']).toBeUndefined()
  expect(probe['p2']).toBeUndefined()
  expect(([] as unknown as Record<string, unknown>)['polluted']).toBeUndefined()
  expect(prototypeSnapshot()).toBe(snapshot)
}
