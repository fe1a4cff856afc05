import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openExistingCase } from '../../main/cli/cli-context'
import { closeCase } from '../../main/core/case/case-file'
import { getScan } from '../../main/core/case/scan-repo'
import { verifyAudit } from '../../main/core/case/audit-log'
import { listCoverage } from '../../main/core/case/coverage-repo'
import { ROOT } from '../helpers/launcher'
import { tempDir } from '../helpers/temp-dir'

const CLI = ['--import', 'tsx', join(ROOT, 'main/cli/index.ts')]
const RULE = 'rule Marker { meta: score = 50 strings: $m = "KILL-TEST-MARKER" condition: $m }\n'

/** The real `outpost` as a separate process (from source, through tsx). */
function outpost(args: readonly string[], asUser?: string) {
  const command = asUser === undefined ? process.execPath : 'setpriv'
  const prefix =
    asUser === undefined
      ? []
      : ['--reuid', asUser, '--regid', asUser, '--clear-groups', process.execPath]
  return spawn(command, [...prefix, ...CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('outpost as a process', () => {
  it('killed mid-scan: committed findings stay, the scan is marked interrupted, the case is intact', async () => {
    const dir = tempDir()
    const evidence = join(dir, 'evidence')
    mkdirSync(evidence)
    for (let i = 0; i < 3000; i += 1)
      writeFileSync(
        join(evidence, `f${String(i).padStart(5, '0')}.txt`),
        `file ${i} KILL-TEST-MARKER`,
      )
    writeFileSync(join(dir, 'marker.yar'), RULE)
    const casePath = join(dir, 'case.outpost')
    const child = outpost([
      'scan',
      evidence,
      '--case',
      casePath,
      '--rules',
      join(dir, 'marker.yar'),
      '--processes',
      '1',
    ])
    const scanPids = await waitForProgress(casePath, 200, child.pid!)
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))

    const handle = openExistingCase(casePath)
    const scan = getScan(handle.db, 1)!
    expect(scan.status).toBe('interrupted')
    expect(handle.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(handle.db.pragma('foreign_key_check')).toEqual([])
    expect(scanPids.length).toBeGreaterThan(0)
    const committed = handle.db
      .prepare('SELECT count(*) AS n FROM scan_files WHERE scan_id = 1')
      .get() as { n: number }
    expect(committed.n).toBeGreaterThanOrEqual(200)
    expect(committed.n).toBeLessThan(3000)
    expect(scan.findingCount).toBe(committed.n)
    expect(scan.filesScanned).toBe(committed.n)
    expect(verifyAudit(handle.db, handle.info.uuid).ok).toBe(true)
    closeCase(handle)
    // The scan processes go with their parent (they exit when its IPC channel closes).
    const deadline = Date.now() + 5000
    while (scanPids.some(isAlive) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(scanPids.filter(isAlive)).toEqual([])
  })

  it('an unreadable file is listed in coverage and the scan goes on', async () => {
    const dir = tempDir()
    chmodSync(dir, 0o777)
    const evidence = join(dir, 'evidence')
    mkdirSync(evidence)
    writeFileSync(join(evidence, 'a-secret.txt'), 'KILL-TEST-MARKER')
    writeFileSync(join(evidence, 'b-open.txt'), 'KILL-TEST-MARKER')
    chmodSync(join(evidence, 'a-secret.txt'), 0o000)
    writeFileSync(join(dir, 'marker.yar'), RULE)
    const casePath = join(dir, 'case.outpost')
    // Root reads everything: run as nobody there, so the permission really stops the read.
    const user = process.getuid?.() === 0 ? '65534' : undefined
    const child = outpost(
      ['scan', evidence, '--case', casePath, '--rules', join(dir, 'marker.yar')],
      user,
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise((resolve) => child.once('exit', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(1)
    const handle = openExistingCase(casePath)
    const coverage = listCoverage(handle.db, { offset: 0, limit: 10 }).rows
    expect(coverage.map((c) => `${c.path} ${c.reason}`)).toEqual(['a-secret.txt unreadable'])
    expect(coverage[0]?.detail).toMatch(/EACCES/)
    expect(getScan(handle.db, 1)?.findingCount).toBe(1)
    closeCase(handle)
  })
})

/** Wait until the scan has committed at least `files` files; returns its scan-process pids. */
async function waitForProgress(
  casePath: string,
  files: number,
  parentPid: number,
): Promise<number[]> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    try {
      const db = new Database(casePath, { readonly: true, fileMustExist: true })
      const row = db.prepare('SELECT files_scanned AS n FROM scans WHERE id = 1').get() as
        { n: number } | undefined
      db.close()
      if (row && row.n >= files) return childPids(parentPid)
    } catch {
      // Not created yet.
    }
  }
  throw new Error('the scan never got going')
}

function childPids(parentPid: number): number[] {
  const out = spawnSync('pgrep', ['-P', String(parentPid), '-f', 'scan-child'], {
    encoding: 'utf8',
  }).stdout
  return out.split('\n').filter(Boolean).map(Number)
}
