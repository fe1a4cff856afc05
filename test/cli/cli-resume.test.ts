import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openExistingCase } from '../../main/cli/cli-context'
import { closeCase } from '../../main/core/case/case-file'
import { verifyAudit } from '../../main/core/case/audit-log'
import { getFindingDetail } from '../../main/core/case/finding-detail-repo'
import { listFindings } from '../../main/core/case/findings-repo'
import { getScan } from '../../main/core/case/scan-repo'
import { ROOT } from '../helpers/launcher'
import { tempDir } from '../helpers/temp-dir'

const CLI = ['--import', 'tsx', join(ROOT, 'main/cli/index.ts')]
// Slow on purpose (a byte loop that never matches): ~10 ms a file, so the scan takes seconds
// and commits many batches (every second) for the kills to land between.
const RULES = `
rule Seventh { meta: score = 60 strings: $s = "SEVENTH-MARK" condition: $s }
rule Many { strings: $m = "MANY" condition: #m > 2 }
rule Slow { condition: for any i in (0..filesize - 1) : ( for any j in (0..30) : ( uint8(i) == 220 + j ) ) }
`
const FILES = 3000
const KILLS = 6

function outpost(args: readonly string[]) {
  return spawn(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

function exited(child: ReturnType<typeof outpost>): Promise<number | null> {
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      resolve(code)
    }),
  )
}

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function committed(casePath: string): number {
  try {
    const db = new Database(casePath, { readonly: true, fileMustExist: true })
    try {
      const row = db.prepare('SELECT files_scanned AS n FROM scans WHERE id = 1').get() as
        { n: number } | undefined
      return row?.n ?? -1
    } finally {
      db.close()
    }
  } catch {
    return -1
  }
}

async function until(test: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (test()) return true
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  return false
}

function entries(casePath: string): number {
  const db = new Database(casePath, { readonly: true, fileMustExist: true })
  try {
    return (
      db.prepare('SELECT count(*) AS n FROM scan_files WHERE scan_id = 1').get() as { n: number }
    ).n
  } finally {
    db.close()
  }
}

function findingsOf(casePath: string): string[] {
  const handle = openExistingCase(casePath)
  try {
    return listFindings(handle.db, {
      scanId: 1,
      offset: 0,
      limit: 10_000,
      sort: 'path',
      direction: 'asc',
    })
      .rows.map((row) => {
        const matches = getFindingDetail(handle.db, row.id)!.matches
        return `${row.path} ${row.ruleName} ${matches.map((m) => `${m.identifier}@${m.offset}:${m.excerptHex}`).join(',')}`
      })
      .sort()
  } finally {
    closeCase(handle)
  }
}

describe('outpost scan killed again and again', () => {
  it(`resumes after ${KILLS} kill -9 at random moments to exactly the findings of an uninterrupted scan`, async () => {
    const dir = tempDir()
    const evidence = join(dir, 'evidence')
    for (let d = 0; d < 8; d += 1) mkdirSync(join(evidence, `d${d}`), { recursive: true })
    for (let i = 0; i < FILES; i += 1) {
      const marks = `${i % 7 === 0 ? 'SEVENTH-MARK ' : ''}${i % 11 === 0 ? 'MANY MANY MANY' : ''}`
      writeFileSync(
        join(evidence, `d${i % 8}`, `f${i}.txt`),
        `file ${i} ${marks} ${'y'.repeat(4000 + (i % 500))}`,
      )
    }
    writeFileSync(join(dir, 'r.yar'), RULES)
    const scanArgs = ['--rules', join(dir, 'r.yar'), '--processes', '2']

    const reference = join(dir, 'reference.outpost')
    expect(await exited(outpost(['scan', evidence, '--case', reference, ...scanArgs]))).toBe(1)
    const expected = findingsOf(reference)
    expect(expected.length).toBeGreaterThan(FILES / 7)

    const casePath = join(dir, 'killed.outpost')
    const next = random(20261126)
    const killedAt: number[] = []
    for (let kill = 0; kill < KILLS; kill += 1) {
      const child =
        kill === 0
          ? outpost(['scan', evidence, '--case', casePath, ...scanArgs])
          : outpost(['scan', '--resume', '1', '--case', casePath])
      const exit = exited(child)
      const before = Math.max(0, committed(casePath))
      // Half the kills wait for some progress, half strike at a random moment (even during
      // start-up) — but never later than that progress, so a fast machine cannot let a resume
      // run to the end before its kill (see the checks after the loop).
      const step = 1 + Math.floor(next() * (FILES / (2 * KILLS + 4)))
      const target = Math.min(before + step, FILES / 2)
      if (kill === 0 || next() < 0.5) await until(() => committed(casePath) >= target, 60_000)
      else await until(() => committed(casePath) >= target, Math.floor(next() * 2500))
      child.kill('SIGKILL')
      await exit
      killedAt.push(committed(casePath))
    }
    // The kills landed at different checkpoints, all before the end. Results are committed every
    // second or every 1,000 files, so a kill lands on a commit: targets stay in the first half
    // of the files, and one commit more (≤ 1,000 files) cannot reach the end.
    expect(new Set(killedAt).size).toBeGreaterThanOrEqual(2)
    expect(killedAt.at(-1)).toBeLessThan(FILES)

    const final = outpost(['scan', '--resume', '1', '--case', casePath])
    let stderr = ''
    final.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    expect(await exited(final), stderr).toBe(1)

    expect(findingsOf(casePath)).toEqual(expected)
    const handle = openExistingCase(casePath)
    try {
      const scan = getScan(handle.db, 1)!
      expect(scan.status).toBe('completed')
      expect(scan.filesScanned).toBe(FILES)
      expect(scan.findingCount).toBe(expected.length)
      expect(handle.db.pragma('integrity_check', { simple: true })).toBe('ok')
      const files = handle.db
        .prepare(`SELECT count(*) AS n FROM scan_files WHERE scan_id = 1`)
        .get() as { n: number }
      expect(files.n).toBe(entries(reference)) // every entry once
      expect(verifyAudit(handle.db, handle.info.uuid).ok).toBe(true)
    } finally {
      closeCase(handle)
    }
  }, 240_000)
})
