import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../helpers/launcher'

/**
 * Security-checks D9, the optional tripwire: the JSON parsers run once in a child process under
 * `node --disable-proto=throw`, where touching the `__proto__` accessor throws. No parser may
 * throw anything but AppError there, and nothing may be polluted.
 */
describe('D9 prototype pollution under node --disable-proto=throw', () => {
  it('D9 every parser refuses or accepts the payloads, never trips the accessor', () => {
    const output = execFileSync(
      process.execPath,
      [
        '--disable-proto=throw',
        '--import',
        'tsx',
        join(ROOT, 'test', 'hardening', 'hostile', 'pollution-tripwire.ts'),
        ROOT,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    )
    const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
      outcomes: Record<string, string>
      polluted: unknown
      p2: unknown
    }
    console.log(`D9 --disable-proto=throw: ${JSON.stringify(result.outcomes)}`)
    expect(Object.keys(result.outcomes)).toHaveLength(12)
    for (const outcome of Object.values(result.outcomes)) expect(outcome).not.toMatch(/^RAW/)
    expect(result.polluted).toBeNull()
    expect(result.p2).toBeNull()
  })

  it('D9 control: the tripwire is armed (a naive __proto__ write throws in that child)', () => {
    const run = (): string =>
      execFileSync(
        process.execPath,
        ['--disable-proto=throw', '-e', 'const o = {}; o.__proto__ = { polluted: 1 }'],
        { encoding: 'utf8', stdio: 'pipe' },
      )
    expect(run).toThrow(/__proto__/)
  })
})
