/** Bounds on a parsed JSON value from outside. */
export interface SafeJsonLimits {
  readonly maxDepth: number
  /** Most values (objects, arrays, scalars) in all. */
  readonly maxValues: number
  /** Longest string or key, in UTF-16 code units. */
  readonly maxStringChars: number
}

/** Keys that could reach an object prototype if any code ever copied them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

interface WalkItem {
  readonly value: unknown
  readonly depth: number
  readonly parent: WalkItem | null
  readonly key: string
}

/**
 * What is wrong with a parsed JSON value from a partner, or null: too deep, too many values, an
 * over-long string or key, a prototype key (`__proto__`, `constructor`, `prototype`) or a
 * non-plain object — checked before any schema looks at it, so a hostile document cannot reach
 * a prototype or exhaust the stack (the walk is iterative).
 */
export function jsonProblem(root: unknown, limits: SafeJsonLimits): string | null {
  const stack: WalkItem[] = [{ value: root, depth: 0, parent: null, key: '' }]
  let count = 0
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, depth } = item
    if (++count > limits.maxValues) return `more than ${limits.maxValues} values`
    if (typeof value === 'string') {
      if (value.length > limits.maxStringChars)
        return `a string over ${limits.maxStringChars} characters at ${pathOf(item)}`
      continue
    }
    if (value === null || typeof value !== 'object') continue
    if (depth >= limits.maxDepth)
      return `nesting deeper than ${limits.maxDepth} levels at ${pathOf(item)}`
    if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) {
      return `not plain JSON at ${pathOf(item)}`
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `forbidden key "${key}" at ${pathOf(item)}`
      if (key.length > limits.maxStringChars)
        return `a key over ${limits.maxStringChars} characters at ${pathOf(item)}`
      stack.push({
        value: (value as Record<string, unknown>)[key],
        depth: depth + 1,
        parent: item,
        key,
      })
    }
  }
  return null
}

/** The path of a walked item (`Event.Object.3`), built only for an error message. */
function pathOf(item: WalkItem): string {
  const keys: string[] = []
  for (let at = item; at.parent !== null; at = at.parent) keys.push(at.key)
  return keys.length === 0 ? 'the top level' : keys.reverse().join('.')
}
