import * as fs from 'node:fs'
import { constants } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ReadOnlyFile } from '../../../main/core/evidence/read-only-file'
import { childOpenGuard, installOpenGuard, isWriteFlags } from '../../helpers/open-guard'
import { localPack } from '../../helpers/local-pack'
import { SMALL_LIMITS } from '../../helpers/case-scanner'
import { tempDir } from '../../helpers/temp-dir'
import { HEAVY_TIMEOUT_MS } from './forensic-fixtures'
import { addHashScan, evidenceRoot } from './soundness-run'

/**
 * Security-checks B2: the checker itself. Each control plants a write and proves the guard
 * records and refuses it; without these, "0 write-capable opens" could mean "guard not active".
 */
describe('B2 open guard (the checker)', () => {
  it('classifies open flags: reads pass, every write-capable flag is caught', () => {
    const noAtime = (constants as { O_NOATIME?: number }).O_NOATIME ?? 0
    for (const flags of ['r', 'rs', constants.O_RDONLY, constants.O_RDONLY | noAtime, undefined])
      expect(isWriteFlags(flags), String(flags)).toBe(false)
    for (const flags of ['w', 'wx', 'w+', 'a', 'ax', 'a+', 'as', 'r+', 'rs+'])
      expect(isWriteFlags(flags), flags).toBe(true)
    for (const flag of ['O_WRONLY', 'O_RDWR', 'O_CREAT', 'O_TRUNC', 'O_APPEND'] as const)
      expect(isWriteFlags(constants.O_RDONLY | constants[flag]), flag).toBe(true)
  })

  it('records read-only opens under the root and refuses planted writes of every kind (control)', async () => {
    const root = evidenceRoot()
    const file = join(root, 'evidence.bin')
    fs.writeFileSync(file, 'original')
    const outside = join(tempDir(), 'outside.txt')
    const guard = installOpenGuard([root])
    try {
      ReadOnlyFile.open(file).close() // the product's own reader, via an ESM named import
      fs.writeFileSync(outside, 'not evidence') // outside the root: neither recorded nor refused
      const planted: [string, () => unknown][] = [
        ['openSync r+', () => fs.openSync(file, 'r+')],
        ['openSync O_WRONLY', () => fs.openSync(file, constants.O_WRONLY)],
        [
          'writeFileSync new file',
          () => {
            fs.writeFileSync(join(root, 'new.txt'), 'x')
          },
        ],
        [
          'appendFileSync',
          () => {
            fs.appendFileSync(file, 'x')
          },
        ],
        [
          'truncateSync',
          () => {
            fs.truncateSync(file)
          },
        ],
        [
          'utimesSync',
          () => {
            fs.utimesSync(file, 1, 1)
          },
        ],
        [
          'chmodSync',
          () => {
            fs.chmodSync(file, 0o600)
          },
        ],
        [
          'renameSync',
          () => {
            fs.renameSync(file, join(root, 'renamed.bin'))
          },
        ],
        [
          'unlinkSync',
          () => {
            fs.unlinkSync(file)
          },
        ],
        [
          'rmSync',
          () => {
            fs.rmSync(file)
          },
        ],
        [
          'mkdirSync',
          () => {
            fs.mkdirSync(join(root, 'dir'))
          },
        ],
        ['createWriteStream', () => fs.createWriteStream(join(root, 'stream.txt'))],
        [
          'copyFileSync into root',
          () => {
            fs.copyFileSync(outside, join(root, 'copy.txt'))
          },
        ],
      ]
      for (const [name, plant] of planted) expect(plant, name).toThrow(/open-guard/)
      await expect(fs.promises.open(file, 'a')).rejects.toThrow(/open-guard/)
      await expect(fs.promises.writeFile(file, 'x')).rejects.toThrow(/open-guard/)
      expect(guard.violations()).toHaveLength(planted.length + 2)
      expect(guard.records.filter((r) => !r.write).map((r) => r.op)).toContain('openSync')
      expect(guard.records.some((r) => r.path === outside)).toBe(false)
    } finally {
      guard.uninstall()
    }
    // Refused before reaching the disk: the evidence is as it was.
    expect(fs.readFileSync(file, 'utf8')).toBe('original')
    expect(fs.readdirSync(root)).toEqual(['evidence.bin'])
    fs.writeFileSync(join(root, 'after.txt'), 'uninstalled') // restored: writes work again
  })

  it(
    'is active in scan processes: it records their reads and catches a planted write (control)',
    { timeout: HEAVY_TIMEOUT_MS },
    async () => {
      const root = evidenceRoot()
      fs.writeFileSync(join(root, 'a.txt'), 'alpha OUTPOST')
      fs.writeFileSync(join(root, 'b.txt'), 'beta')
      const pack = await localPack({ 'r.yar': 'rule R { strings: $a = "OUTPOST" condition: $a }' })
      const planted = childOpenGuard([root], true)
      try {
        const { summary } = await addHashScan([root], [pack], SMALL_LIMITS, planted.launcher)
        expect(summary.status).toBe('completed')
      } finally {
        planted.dispose()
      }
      const records = planted.records()
      expect(records.filter((r) => !r.write).length).toBeGreaterThan(0)
      const violations = records.filter((r) => r.write)
      expect(violations.length).toBeGreaterThan(0)
      expect(violations[0]).toMatchObject({ op: 'openSync', flags: 'r+' })
      expect(new Set(records.map((r) => r.pid)).has(process.pid)).toBe(false)
      expect(fs.readFileSync(join(root, 'a.txt'), 'utf8')).toBe('alpha OUTPOST')
    },
  )
})
