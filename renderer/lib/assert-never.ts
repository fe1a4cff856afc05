/**
 * Compile-time exhaustiveness check for `switch` statements.
 *
 * The renderer's own copy: it may import only types from `main/`.
 *
 * @throws always: reaching it at run time means a case was added without handling it.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`)
}
