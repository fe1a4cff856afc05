import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXPECTED, main, readFuseWires, SENTINEL } from '../../../scripts/release/check-fuses.mjs'
import { tempDir } from '../../helpers/temp-dir'

/**
 * security-checks A7: the release check that reads the fuse wire of the packaged binary.
 * There is no Electron binary on CI, so it runs on synthetic binaries laid out as Electron's
 * (sentinel, version byte 1, length byte, one ASCII '0'/'1'/'r' per fuse) inside random bytes.
 */
const SCRIPT = join(import.meta.dirname, '../../../scripts/release/check-fuses.mjs')
const GOOD = '010011001' // §2.4: 0 1 0 0 1 1 0 0 1

function wire(states: string, version = 1, length = states.length): Buffer {
  return Buffer.concat([SENTINEL, Buffer.from([version, length]), Buffer.from(states, 'latin1')])
}

function binary(...parts: Buffer[]): Buffer {
  return Buffer.concat([randomBytes(4096), ...parts.flatMap((p) => [p, randomBytes(777)])])
}

function check(bin: Buffer) {
  const dir = tempDir('fuses-')
  const path = join(dir, 'outpost')
  writeFileSync(path, bin)
  const lines: string[] = []
  const code = main([path], (line) => lines.push(line))
  return { code, out: lines.join('\n') }
}

describe('check-fuses (A7)', () => {
  it('the expected wire is the §2.4 table', () => {
    expect(EXPECTED.map(([, s]) => s).join('')).toBe(GOOD)
    expect(EXPECTED[0]?.[0]).toBe('RunAsNode')
    expect(EXPECTED[8]?.[0]).toBe('WasmTrapHandlers')
  })

  it('passes a binary whose wire is 0 1 0 0 1 1 0 0 1', () => {
    const { code, out } = check(binary(wire(GOOD)))
    expect(code).toBe(0)
    expect(out).toContain('ok   0 RunAsNode: off')
    expect(out).toContain('check-fuses: ok (0 1 0 0 1 1 0 0 1)')
  })

  it.each(EXPECTED.map(([name], i) => [name, i] as const))(
    'fails when %s is flipped, naming it',
    (name, i) => {
      const flipped = GOOD.replace(/./g, (c, j: number) => (j === i ? (c === '1' ? '0' : '1') : c))
      const { code, out } = check(binary(wire(flipped)))
      expect(code).toBe(1)
      expect(out).toMatch(new RegExp(`FAIL ${i} ${name}:`))
    },
  )

  it('fails on an unflipped Electron (its defaults: 1 0 1 1 0 0 0 1 1)', () => {
    expect(check(binary(wire('101100011'))).code).toBe(1)
  })

  it('fails on a removed fuse, a wire of another length, or another version', () => {
    expect(check(binary(wire('r10011001'))).out).toContain('FAIL 0 RunAsNode: removed')
    const longer = check(binary(wire(`${GOOD}0`)))
    expect(longer.code).toBe(1)
    expect(longer.out).toContain('review and update EXPECTED')
    expect(check(binary(wire(GOOD.slice(0, 8)))).code).toBe(1)
    // The version is the number 1, not the character '1'.
    expect(check(binary(wire(GOOD, 0x31))).code).toBe(1)
  })

  it('checks both wires of a universal macOS binary', () => {
    expect(check(binary(wire(GOOD), wire(GOOD))).code).toBe(0)
    const oneBad = check(binary(wire(GOOD), wire('110011001')))
    expect(oneBad.code).toBe(1)
    expect(readFuseWires(binary(wire(GOOD), wire(GOOD)))).toHaveLength(2)
  })

  it('fails without a sentinel, and on a truncated wire', () => {
    const none = check(randomBytes(10_000).fill(0x41, 0, 10))
    expect(none.code).toBe(1)
    expect(none.out).toContain('no fuse sentinel')
    const cut = wire(GOOD).subarray(0, SENTINEL.length + 2 + 4)
    const truncated = check(Buffer.concat([randomBytes(100), cut]))
    expect(truncated.code).toBe(1)
    expect(truncated.out).toContain('truncated')
  })

  it('runs as a command: exit 0, 1, and 2 for a missing file', () => {
    const dir = tempDir('fuses-cli-')
    writeFileSync(join(dir, 'good'), binary(wire(GOOD)))
    writeFileSync(join(dir, 'bad'), binary(wire('110011001')))
    const run = (file: string) =>
      spawnSync(process.execPath, [SCRIPT, join(dir, file)], { encoding: 'utf8' }).status
    expect([run('good'), run('bad'), run('missing')]).toEqual([0, 1, 2])
  })
})
