import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { verifyAudit } from '../../../main/core/case/audit-log'
import { openCaseDb } from '../../../main/core/case/open-case-db'
import { ROOT } from '../../helpers/launcher'
import { tempDir } from '../../helpers/temp-dir'
import { findingLines, readCase } from './case-findings'
import { AckReader, crashSeed, exited, random } from './crash-harness'

// security-checks C1 with a REAL scan: `outpost scan` (the built CLI, as shipped) SIGKILLed at
// random moments, then `outpost scan --resume`; OUTPOST_ACK_COMMITS=1 makes it print one ACK line
// per committed batch (after the commit returned) with the batch's paths and finding count.
// test/cli/cli-resume.test.ts is the quick 6-kill version in npm test (from source).
const KILLS = 30
const FILES = 1200
const BUILT_CLI = join(ROOT, 'out/main/cli.js')
// A byte loop that never matches slows each file (~10 ms) so that a run dies mid-scan: the
// uninterrupted scan takes ≈7 s on 2 idle cores, a run between kills at most ≈1 s of it.
const RULES = `
rule Marked { meta: score = 60 strings: $s = "CRASH-MARK" condition: $s }
rule Many { strings: $m = "MANY" condition: #m > 2 }
rule Slow { condition: for any i in (0..filesize - 1) : ( for any j in (0..12) : ( uint8(i) == 230 + j ) ) }
`

interface Ack {
  readonly batch: number
  readonly files: number
  readonly findings: number
  readonly paths: readonly string[]
}

function outpost(args: readonly string[], dataDir: string) {
  return spawn(process.execPath, [join(ROOT, 'bin/outpost.js'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, OUTPOST_ACK_COMMITS: '1', OUTPOST_DATA_DIR: dataDir },
  })
}

function makeEvidence(dir: string): string {
  const evidence = join(dir, 'evidence')
  for (let d = 0; d < 8; d += 1) mkdirSync(join(evidence, `d${d}`), { recursive: true })
  for (let i = 0; i < FILES; i += 1) {
    const marks = `${i % 3 === 0 ? 'CRASH-MARK ' : ''}${i % 5 === 0 ? 'MANY MANY MANY ' : ''}`
    writeFileSync(
      join(evidence, `d${i % 8}`, `f${i}.txt`),
      `file ${i} ${marks}${'y'.repeat(6000 + (i % 700))}`,
    )
  }
  return evidence
}

/** Everything ACKed is committed whole: its files checkpointed with exactly their findings. */
function checkAfterKill(
  casePath: string,
  acks: readonly Ack[],
  expected: ReadonlyMap<string, readonly string[]>,
  label: string,
): number {
  const state = readCase(casePath)
  expect(state.integrity, label).toBe('ok')
  expect(state.foreignKeyViolations, label).toBe(0)
  for (const ack of acks) {
    const missing = ack.paths.filter((path) => !state.committed.has(path))
    expect(missing, `${label}: ACKed batch ${ack.batch} lost files`).toEqual([])
    const findings = ack.paths.reduce((n, path) => n + (state.findings.get(path)?.length ?? 0), 0)
    expect(findings, `${label}: ACKed batch ${ack.batch} findings`).toBe(ack.findings)
  }
  // No partial file (hence batch): a checkpointed file has exactly the findings (and match
  // rows) of the uninterrupted scan; a file not checkpointed has none.
  for (const [path, list] of state.findings) {
    expect(state.committed.has(path), `${label}: findings of an uncommitted ${path}`).toBe(true)
    expect(list, `${label}: ${path}`).toEqual(expected.get(path))
  }
  for (const path of state.committed) {
    expect(state.findings.get(path) ?? [], `${label}: ${path}`).toEqual(expected.get(path) ?? [])
  }
  // The scan row's counters commit with the rows they count.
  if (state.scan !== undefined) {
    expect(state.scan.finding_count, label).toBe(state.findingRows)
    expect(state.scan.files_scanned, label).toBe(state.committedFiles)
  }
  return state.committedFiles
}

describe('C1 kill -9 loop on a real scan (outpost CLI), then resume', () => {
  it(`C1 ${KILLS} SIGKILLs at random moments: ACKed batches kept whole, resume equals an uninterrupted scan`, async () => {
    if (!existsSync(BUILT_CLI) || !readFileSync(BUILT_CLI, 'utf8').includes('OUTPOST_ACK_COMMITS'))
      throw new Error('out/main/cli.js is missing or older than the sources: run `npm run build`')
    const started = Date.now()
    const dir = tempDir()
    const dataDir = join(dir, 'data')
    const evidence = makeEvidence(dir)
    writeFileSync(join(dir, 'r.yar'), RULES)
    const scanArgs = ['--rules', join(dir, 'r.yar'), '--processes', '2']

    const reference = join(dir, 'reference.outpost')
    const uninterrupted = outpost(['scan', evidence, '--case', reference, ...scanArgs], dataDir)
    expect(await exited(uninterrupted)).toBe(1)
    const expected = readCase(reference).findings
    expect(expected.size).toBeGreaterThan(FILES / 3)
    const referenceMs = Date.now() - started

    // A fast machine can finish the scan between two kills: that run's scan is checked against
    // the reference as it stands, and the loop goes on with a fresh case (a new round).
    let round = 0
    let casePath = join(dir, 'killed-0.outpost')
    let acks: Ack[] = []
    const allAcks: Ack[] = []
    const committedAfter: string[] = [] // round:files committed, after each kill
    let planted = false
    let kills = 0
    const next = random(crashSeed('C1 CLI loop'))
    for (let run = 0; kills < KILLS; run += 1) {
      expect(run, 'runs without reaching the kill count').toBeLessThan(KILLS * 4)
      const child =
        acks.length === 0
          ? outpost(['scan', evidence, '--case', casePath, ...scanArgs], dataDir)
          : outpost(['scan', '--resume', '1', '--case', casePath], dataDir)
      const reader = new AckReader(child.stderr)
      const exit = exited(child)
      // Once the round's scan exists (a first run always commits before its kill), a quarter
      // strike blind (start-up, reopening, compiling); the rest once the run commits files
      // (its first batches hold folders only), up to 1.4 s later: before, during or after its
      // next commit (the writer commits every second).
      if (acks.length > 0 && next() < 0.25) {
        await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 1500)))
      } else {
        const writingFiles = new Promise<void>((resolve) => {
          const poll = setInterval(() => {
            const filesCommitted = reader.acks.some((line) => line.includes('.txt'))
            if (filesCommitted || child.exitCode !== null) {
              clearInterval(poll)
              resolve()
            }
          }, 5)
        })
        await writingFiles
        await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 1400)))
      }
      child.kill('SIGKILL')
      await exit
      const runAcks = reader.acks.map((line) => JSON.parse(line) as Ack)
      acks.push(...runAcks)
      allAcks.push(...runAcks)
      if (child.signalCode !== 'SIGKILL') {
        // The scan ended before the kill: it must have completed to the reference's findings.
        expect(child.exitCode, `round ${round} run ${run}`).toBe(1)
        expectSameAsReference(casePath, reference, expected)
        round += 1
        casePath = join(dir, `killed-${round}.outpost`)
        acks = []
        continue
      }
      kills += 1
      committedAfter.push(
        `${round}:${checkAfterKill(casePath, acks, expected, `after kill ${kills}`)}`,
      )
      if (!planted) planted = plantedFaultIsCaught(dir, casePath, acks, expected)
    }
    const killsMs = Date.now() - started - referenceMs
    // The kills landed at many different checkpoints; the checks caught a planted fault.
    expect(new Set(committedAfter).size).toBeGreaterThanOrEqual(10)
    expect(planted).toBe(true)

    const final = outpost(['scan', '--resume', '1', '--case', casePath], dataDir)
    let stderr = ''
    final.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    expect(await exited(final), stderr).toBe(1)
    const done = expectSameAsReference(casePath, reference, expected)
    console.log(
      `C1 CLI loop: ${kills} kills survived in ${round + 1} rounds, ${allAcks.length} batches ACKed ` +
        `(${allAcks.reduce((n, a) => n + a.files, 0)} files, ${allAcks.reduce((n, a) => n + a.findings, 0)} findings), ` +
        `committed after each kill: ${committedAfter.join(' ')}; final ${done.committed.size} files, ` +
        `${done.findingRows} findings = uninterrupted scan; reference ${referenceMs} ms, ` +
        `kills ${killsMs} ms, total ${Date.now() - started} ms`,
    )
  })
})

/** A completed scan of the case equals the uninterrupted reference, and the case is sound. */
function expectSameAsReference(
  casePath: string,
  reference: string,
  expected: ReadonlyMap<string, readonly string[]>,
): ReturnType<typeof readCase> {
  const done = readCase(casePath)
  expect(done.scan?.status).toBe('completed')
  expect(done.integrity).toBe('ok')
  expect(findingLines(done.findings)).toEqual(findingLines(expected))
  expect(done.committed).toEqual(readCase(reference).committed)
  const db = openCaseDb(casePath)
  try {
    const uuid = db.prepare('SELECT uuid FROM case_info').pluck().get() as string
    expect(verifyAudit(db, uuid).ok).toBe(true)
  } finally {
    db.close()
  }
  return done
}

/**
 * Control: the same checks catch a planted fault (one ACKed file's findings deleted) in a copy.
 * False when no ACKed file of this case has findings yet (tried again after the next kill).
 */
function plantedFaultIsCaught(
  dir: string,
  casePath: string,
  acks: readonly Ack[],
  expected: ReadonlyMap<string, readonly string[]>,
): boolean {
  const victim = acks.flatMap((a) => a.paths).find((path) => expected.has(path))
  if (victim === undefined) return false
  const copy = join(dir, 'planted.outpost')
  const original = new Database(casePath)
  original.pragma('wal_checkpoint(TRUNCATE)')
  original.close()
  copyFileSync(casePath, copy)
  const planted = new Database(copy)
  planted
    .prepare(
      `DELETE FROM matches WHERE finding_id IN (SELECT x.id FROM findings x
         JOIN files f ON f.id = x.file_id WHERE f.path = ?)`,
    )
    .run(victim)
  planted
    .prepare('DELETE FROM findings WHERE file_id IN (SELECT id FROM files WHERE path = ?)')
    .run(victim)
  planted.close()
  expect(() => checkAfterKill(copy, acks, expected, 'planted')).toThrow(/ACKed batch/)
  return true
}
