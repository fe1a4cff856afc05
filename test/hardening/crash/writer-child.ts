/**
 * The §5.2 crash-test writer (security-checks C1), run as a child process and killed with
 * SIGKILL by writer-kill-loop.test.ts. It opens the case with the product's own code
 * (openCaseDb) and writes through it, and prints `ACK …` on stdout only after a commit returned:
 *
 * - `findings`: batches of 50 files through the real ResultsWriter (one transaction each: file
 *   rows, checkpoint rows, findings, matches with 0.5–2.5 KB excerpts, counters); every fifth
 *   batch is followed by `wal_checkpoint(TRUNCATE)`, so kills land during checkpoints too;
 * - `audit`: appendAudit entries one after the other (the hash chain).
 *
 * argv: casePath mode scanId evidenceId packId namespace caseUuid firstBatch
 */
import { writeSync } from 'node:fs'
import { appendAudit } from '../../../main/core/case/audit-log'
import { openCaseDb } from '../../../main/core/case/open-case-db'
import type { FileFacts } from '../../../main/core/case/results-writer'
import { ResultsWriter } from '../../../main/core/case/results-writer'
import { ruleKey } from '../../../main/core/case/rules-repo'

const BATCH_FILES = 50
const RULES = ['R0', 'R1', 'R2', 'R3', 'R4']

const [casePath, mode, scanId, evidenceId, packId, namespace, caseUuid, firstBatch] =
  process.argv.slice(2) as [string, string, string, string, string, string, string, string]

const db = openCaseDb(casePath, { check: false })

function ack(line: string): void {
  writeSync(1, `ACK ${line}\n`)
}

function facts(path: string, size: number): FileFacts {
  return {
    evidenceId: Number(evidenceId),
    entryKey: path,
    path,
    name: path.slice(path.lastIndexOf('/') + 1),
    kind: 'file',
    linkTarget: null,
    sizeBytes: size,
    inode: null,
    mode: null,
    owner: null,
    times: { modified: null, accessed: null, changed: null, born: null },
  }
}

function writeFindings(): void {
  const rules = db
    .prepare('SELECT id, namespace, name FROM rules WHERE pack_id = ?')
    .all(Number(packId)) as { id: number; namespace: string; name: string }[]
  const recorded = {
    packIds: [Number(packId)],
    ruleIds: new Map(rules.map((r) => [ruleKey(r.namespace, r.name), r.id])),
    packByNamespace: new Map([[namespace, Number(packId)]]),
  }
  const writer = new ResultsWriter(db, Number(scanId), recorded, null, 'crash-profile')
  for (let batch = Number(firstBatch); ; batch += 1) {
    for (let seq = 0; seq < BATCH_FILES; seq += 1) {
      const path = `b${batch}/f${seq}`
      const excerpt = Buffer.alloc(512 + ((batch * 131 + seq * 977) % 2048), batch % 251)
      const sha = (batch * 1000 + seq).toString(16).padStart(64, '0')
      writer.add({
        facts: facts(path, excerpt.length),
        notes: [],
        result: {
          sizeBytes: excerpt.length,
          md5: sha.slice(0, 32),
          sha1: sha.slice(0, 40),
          sha256: sha,
          mime: null,
          fileType: '',
          entropy: 0,
          coverage: [],
          atimeProtected: true,
          scanned: true,
          hits: [
            {
              namespace,
              rule: RULES[seq % RULES.length] as string,
              tags: [],
              meta: {},
              // 1–3 matches; the first carries the 0.5–2.5 KB blob of §5.2.
              matches: Array.from({ length: 1 + (seq % 3) }, (_, m) => ({
                identifier: '$a',
                offset: m * 7,
                length: m === 0 ? excerpt.length : 4,
                excerptHex: (m === 0 ? excerpt : excerpt.subarray(0, 4)).toString('hex'),
              })),
            },
          ],
        },
      })
    }
    writer.flush()
    ack(String(batch))
    if (batch % 5 === 0) db.pragma('wal_checkpoint(TRUNCATE)')
  }
}

function writeAudit(): void {
  for (let n = 0; ; n += 1) {
    const head = appendAudit(db, caseUuid, {
      actor: 'crash-test',
      action: 'test.crash-append',
      subject: `${firstBatch}-${n}`,
      details: { filler: 'x'.repeat(200 + (n % 800)) },
    })
    ack(`${head.seq} ${head.hash}`)
  }
}

// The parent's random 50–450 ms count from here: a cold start on a busy runner takes longer.
writeSync(1, 'READY\n')
if (mode === 'audit') writeAudit()
else writeFindings()
