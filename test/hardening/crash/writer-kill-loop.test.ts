import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { verifyAudit } from '../../../main/core/case/audit-log'
import { closeCase, createCase } from '../../../main/core/case/case-file'
import { recordRulePacks } from '../../../main/core/case/rules-repo'
import { insertScan } from '../../../main/core/case/scan-repo'
import { addEvidence } from '../../../main/core/evidence/add-evidence'
import { SMALL_LIMITS } from '../../helpers/case-scanner'
import { localPack } from '../../helpers/local-pack'
import { tempDir } from '../../helpers/temp-dir'
import { AckReader, bundleChild, crashSeed, exited, random, spawnBundled } from './crash-harness'

// security-checks C1 / §5.2: the writer child commits batches of 50 files (findings + matches)
// through the real ResultsWriter and prints ACK after each commit; we SIGKILL it after a random
// 50–450 ms, again and again, and check the case after every kill.
const KILLS = 30
const AUDIT_KILLS = 10
const BATCH = 50
const CHILD = join(import.meta.dirname, 'writer-child.ts')

interface Inspection {
  integrity: string
  foreignKeyViolations: number
  /** Batch number → [findings, findings whose match rows are all there, checkpoint rows]. */
  batches: Map<number, [number, number, number]>
  countersAgree: boolean
}

/** What is in the case, batch by batch (a batch's files are `b<batch>/f<seq>`). */
export function inspect(casePath: string, scanId: number): Inspection {
  const db = new Database(casePath, { fileMustExist: true })
  try {
    const batchOf = `CAST(substr(f.path, 2, instr(f.path, '/') - 2) AS INTEGER)`
    const batches = new Map<number, [number, number, number]>()
    const findings = db
      .prepare(
        `SELECT ${batchOf} AS batch, count(*) AS n,
           sum(x.match_count = (SELECT count(*) FROM matches m WHERE m.finding_id = x.id)) AS whole
         FROM findings x JOIN files f ON f.id = x.file_id WHERE x.scan_id = ? GROUP BY batch`,
      )
      .all(scanId) as { batch: number; n: number; whole: number }[]
    for (const row of findings) batches.set(row.batch, [row.n, row.whole, 0])
    const checkpoints = db
      .prepare(
        `SELECT ${batchOf} AS batch, count(*) AS n FROM scan_files s JOIN files f ON f.id = s.file_id
         WHERE s.scan_id = ? GROUP BY batch`,
      )
      .all(scanId) as { batch: number; n: number }[]
    for (const row of checkpoints) {
      const entry = batches.get(row.batch) ?? [0, 0, 0]
      entry[2] = row.n
      batches.set(row.batch, entry)
    }
    // The scan row's counters commit in the same transaction as the rows they count.
    const counters = db
      .prepare(
        `SELECT finding_count = (SELECT count(*) FROM findings WHERE scan_id = s.id)
           AND files_scanned = (SELECT count(*) FROM scan_files WHERE scan_id = s.id) AS agree
         FROM scans s WHERE id = ?`,
      )
      .get(scanId) as { agree: number }
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      foreignKeyViolations: (db.pragma('foreign_key_check') as unknown[]).length,
      batches,
      countersAgree: counters.agree === 1,
    }
  } finally {
    db.close()
  }
}

/** Batches with some but not all of their rows (must be none), and ACKed batches not whole. */
function faults(
  found: Inspection,
  acked: ReadonlySet<number>,
): { partial: number[]; lost: number[] } {
  const whole = ([n, complete, checkpoints]: [number, number, number]): boolean =>
    n === BATCH && complete === BATCH && checkpoints === BATCH
  const partial = [...found.batches].filter(([, counts]) => !whole(counts)).map(([b]) => b)
  const lost = [...acked].filter((b) => {
    const counts = found.batches.get(b)
    return counts === undefined || !whole(counts)
  })
  return { partial, lost }
}

async function writerCase() {
  const dir = tempDir()
  mkdirSync(join(dir, 'ev'))
  writeFileSync(join(dir, 'ev', 'x'), 'x')
  const casePath = join(dir, 'case.outpost')
  const handle = createCase(casePath, { name: 'C1', examiner: 'ana', appVersion: 'test' })
  try {
    const evidence = await addEvidence(handle, { path: join(dir, 'ev'), examiner: 'ana' })
    const ruleNames = ['R0', 'R1', 'R2', 'R3', 'R4']
    const rules = ruleNames
      .map((r) => `rule ${r} { strings: $a = "${r}" condition: $a }`)
      .join('\n')
    const pack = await localPack({ 'r.yar': `${rules}\n` })
    const recorded = recordRulePacks(handle.db, [pack])
    const scanId = insertScan(handle.db, {
      examiner: 'ana',
      appVersion: 'test',
      engine: 'yara-x',
      bindingPackage: 'test',
      bindingVersion: '0',
      ruleSetSha256: 'rules',
      ruleCount: ruleNames.length,
      compilerOptions: {},
      limits: SMALL_LIMITS,
      evidenceIds: [evidence.id],
      packIds: recorded.packIds,
    })
    const args = (mode: 'findings' | 'audit', firstBatch: number): string[] => [
      casePath,
      mode,
      String(scanId),
      String(evidence.id),
      String(recorded.packIds[0]),
      pack.namespace,
      handle.info.uuid,
      String(firstBatch),
    ]
    return { dir, casePath, scanId, uuid: handle.info.uuid, args }
  } finally {
    closeCase(handle)
  }
}

/** Start the writer, SIGKILL it a random 50–450 ms into its writing; returns its ACK lines. */
async function killOnce(child: string, args: readonly string[], next: () => number) {
  const writer = spawnBundled(child, args)
  const reader = new AckReader(writer.stdout)
  let stderr = ''
  writer.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exit = exited(writer)
  const delay = 50 + Math.floor(next() * 400)
  // From READY (the writer set up); a writer that died before is caught below.
  await Promise.race([reader.ready, exit])
  await new Promise((resolve) => setTimeout(resolve, delay))
  writer.kill('SIGKILL')
  await exit
  // Died of our kill, not of an error of its own.
  expect(writer.signalCode, stderr).toBe('SIGKILL')
  return reader.acks
}

describe('C1 kill -9 loop on the results writer (§5.2)', () => {
  it(`C1 ${KILLS} SIGKILLs mid-batch: every ACKed batch whole, no partial batch, integrity ok`, async () => {
    const started = Date.now()
    const setup = await writerCase()
    const child = await bundleChild(CHILD, setup.dir)
    const next = random(crashSeed('C1 writer loop'))
    const acked = new Set<number>()
    let survivedWithCommits = 0
    for (let kill = 0; kill < KILLS; kill += 1) {
      // Each run starts at batch numbers never used before.
      const acks = await killOnce(child, setup.args('findings', kill * 100_000), next)
      for (const ack of acks) acked.add(Number(ack))
      if (acks.length > 0) survivedWithCommits += 1
      const found = inspect(setup.casePath, setup.scanId)
      expect(found.integrity, `after kill ${kill + 1}`).toBe('ok')
      expect(found.foreignKeyViolations, `after kill ${kill + 1}`).toBe(0)
      expect(found.countersAgree, `after kill ${kill + 1}`).toBe(true)
      expect(faults(found, acked), `after kill ${kill + 1}`).toEqual({ partial: [], lost: [] })
    }
    const found = inspect(setup.casePath, setup.scanId)
    console.log(
      `C1 writer loop: ${KILLS} kills, ${acked.size} batches ACKed, ${found.batches.size} present ` +
        `(${found.batches.size * BATCH} findings), 0 lost, 0 partial, ${Date.now() - started} ms`,
    )
    // The kills did land between commits: most runs committed something before dying.
    expect(survivedWithCommits).toBeGreaterThan(KILLS / 2)
    expect(found.batches.size).toBeGreaterThanOrEqual(acked.size)

    // Control: a batch with one finding gone is caught as partial and (being ACKed) as lost.
    const copy = join(setup.dir, 'planted.outpost')
    const db = new Database(setup.casePath)
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    copyFileSync(setup.casePath, copy)
    const victim = [...acked][0] as number
    const planted = new Database(copy)
    const id = planted
      .prepare(
        `SELECT x.id FROM findings x JOIN files f ON f.id = x.file_id WHERE f.path = ? LIMIT 1`,
      )
      .pluck()
      .get(`b${victim}/f7`) as number
    planted.prepare('DELETE FROM matches WHERE finding_id = ?').run(id)
    planted.prepare('DELETE FROM findings WHERE id = ?').run(id)
    planted.close()
    expect(faults(inspect(copy, setup.scanId), acked)).toEqual({
      partial: [victim],
      lost: [victim],
    })
  })

  it(`C1 ${AUDIT_KILLS} SIGKILLs during audit-chain appends: the chain verifies, every ACKed entry kept`, async () => {
    const started = Date.now()
    const setup = await writerCase()
    const child = await bundleChild(CHILD, setup.dir)
    const next = random(crashSeed('C1 audit loop'))
    const acked = new Map<number, string>()
    for (let kill = 0; kill < AUDIT_KILLS; kill += 1) {
      for (const ack of await killOnce(child, setup.args('audit', kill), next)) {
        const [seq, hash] = ack.split(' ')
        acked.set(Number(seq), hash as string)
      }
      const db = new Database(setup.casePath, { fileMustExist: true })
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(verifyAudit(db, setup.uuid).ok, `after kill ${kill + 1}`).toBe(true)
        const stored = db.prepare('SELECT hash FROM audit_log WHERE seq = ?')
        for (const [seq, hash] of acked) expect(stored.pluck().get(seq)).toBe(hash)
      } finally {
        db.close()
      }
    }
    console.log(
      `C1 audit loop: ${AUDIT_KILLS} kills, ${acked.size} entries ACKed, chain verified ` +
        `after each, ${Date.now() - started} ms`,
    )
    expect(acked.size).toBeGreaterThan(AUDIT_KILLS)
  })
})
