import { realpathSync, writeSync } from 'node:fs'
import { resolve } from 'node:path'
import { closeCase } from '../../core/case/case-file'
import { isDiskFull } from '../../core/case/disk-full'
import { findEvidenceByPath, getEvidence } from '../../core/case/evidence-repo'
import { openCaseDb } from '../../core/case/open-case-db'
import { addEvidence } from '../../core/evidence/add-evidence'
import { AppError } from '../../core/model/errors'
import type { Evidence } from '../../core/model/evidence'
import type { ScanLimits, ScanSummary } from '../../core/model/scan'
import { loadRulePack } from '../../core/rules/load-pack'
import type { ScanChildLauncher } from '../../core/scan/child/child-handle'
import { defaultScanLimits } from '../../core/scan/default-limits'
import { runScan } from '../../core/scan/run-scan'
import type { CommittedBatch, RunScanInput } from '../../core/scan/run-scan'
import { resumePlan } from '../../core/scan/resume-plan'
import type { ScanControl } from '../../core/scan/scan-control'
import { hashImageEvidence } from '../../core/scan/hash-image'
import type { CliIo } from '../cli-context'
import { APP_VERSION, openExistingCase, openOrCreateCase } from '../cli-context'
import { EXIT } from '../exit-codes'
import { loadActivePacks } from '../../core/rules/active-packs'
import { PackStore } from '../../core/rules/pack-store'
import { ProgressBar, formatBytes } from '../progress-bar'

/** Options of `outpost scan`. */
export interface ScanCommandOptions {
  readonly paths: readonly string[]
  readonly casePath: string
  readonly rules: readonly string[]
  readonly bundledRulesDir: string
  /** The workbench's data folder: its pack store gives the packs when `rules` is empty. */
  readonly dataDir: string
  readonly examiner: string
  readonly caseName?: string | undefined
  readonly json: boolean
  /** Hash images in full and check their stored acquisition hash before scanning (once). */
  readonly verify: boolean
  readonly limits: Partial<ScanLimits>
  readonly launcher: ScanChildLauncher
  readonly cacheDir: string
  readonly signal: AbortSignal
  /** Finish this interrupted or cancelled scan (`--resume <id>`); `paths` are then empty. */
  readonly resumeScanId?: number | undefined
  /** False (`--no-reuse`): read and scan every file, even unchanged or identical content. */
  readonly reuse: boolean
  /** Pause/resume (the `p` key or SIGUSR1). */
  readonly control?: ScanControl | undefined
}

/**
 * `outpost scan <paths…> --case <file>`: add each path as evidence (once) and scan them all;
 * `outpost scan --resume <id> --case <file>`: finish an interrupted or cancelled scan.
 *
 * Exit code: 0 no findings, 1 findings, 5 cancelled (results so far are kept).
 */
export async function scanCommand(options: ScanCommandOptions, io: CliIo): Promise<number> {
  const prepared =
    options.resumeScanId === undefined
      ? await prepareNewScan(options, io)
      : await prepareResume(options, options.resumeScanId)
  const db = openCaseDb(prepared.casePath, { check: false })
  const bar = new ProgressBar(io.stderr)
  let summary: ScanSummary
  try {
    summary = await runScan({
      ...prepared.input,
      db,
      examiner: options.examiner,
      appVersion: APP_VERSION,
      launcher: options.launcher,
      cacheDir: options.cacheDir,
      signal: options.signal,
      reuse: options.reuse,
      ...(options.control === undefined ? {} : { control: options.control }),
      ...(options.resumeScanId === undefined ? {} : { resumeScanId: options.resumeScanId }),
      onProgress: (p) => {
        bar.update(p)
      },
      ...(process.env['OUTPOST_ACK_COMMITS'] === '1' ? { onCommitted: ackCommit } : {}),
    })
  } finally {
    bar.clear()
    checkpointAndClose(db)
  }
  report(summary, prepared.casePath, options.json, io)
  if (summary.status !== 'completed') return EXIT.INCOMPLETE
  return summary.findingCount > 0 ? EXIT.FINDINGS : EXIT.OK
}

/**
 * On a full disk the checkpoint cannot grow the case file: the WAL keeps the commits, and the
 * scan's own error (why it stopped) is the one to report.
 */
function checkpointAndClose(db: ReturnType<typeof openCaseDb>): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)')
  } catch (error: unknown) {
    if (!isDiskFull(error)) {
      db.close()
      throw error
    }
  }
  db.close()
}

/**
 * `OUTPOST_ACK_COMMITS=1` (crash tests): one `ACK {json}` line on stderr after each committed
 * batch, written synchronously so nothing is acknowledged before its commit returned.
 */
function ackCommit(batch: CommittedBatch): void {
  writeSync(2, `ACK ${JSON.stringify(batch)}\n`)
}

type PreparedInput = Pick<RunScanInput, 'caseUuid' | 'evidence' | 'packs' | 'limits'>

/** A new scan: packs loaded, each path added as evidence once, images verified. */
async function prepareNewScan(
  options: ScanCommandOptions,
  io: CliIo,
): Promise<{ casePath: string; input: PreparedInput }> {
  const packs =
    options.rules.length > 0
      ? await Promise.all(options.rules.map((p) => loadRulePack(resolve(p), 'local')))
      : await loadActivePacks(
          PackStore.forDataDir(options.dataDir),
          options.bundledRulesDir,
          `outpost ${APP_VERSION} (command line)`,
        )
  const { handle } = openOrCreateCase(options.casePath, options.examiner, options.caseName)
  const evidence: Evidence[] = []
  try {
    // One after the other: each may open an image, and the audit entries keep their order.
    for (const path of options.paths)
      evidence.push(await ensureEvidence(handle, path, options.examiner))
    if (options.verify) await verifyImages(handle, evidence, options, io)
  } finally {
    closeCase(handle)
  }
  return {
    casePath: handle.info.path,
    input: {
      caseUuid: handle.info.uuid,
      evidence,
      packs,
      limits: { ...defaultScanLimits(), ...options.limits },
    },
  }
}

/** A resume: the scan's own evidence, packs and limits, read back from the case. */
async function prepareResume(
  options: ScanCommandOptions,
  scanId: number,
): Promise<{ casePath: string; input: PreparedInput }> {
  if (options.paths.length > 0 || options.rules.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      '--resume finishes a scan with its own evidence and rules: give no paths or --rules',
    )
  }
  const handle = openExistingCase(options.casePath)
  try {
    const plan = await resumePlan(handle.db, scanId)
    return {
      casePath: handle.info.path,
      input: {
        caseUuid: handle.info.uuid,
        evidence: plan.evidence,
        packs: plan.packs,
        limits: { ...plan.limits, ...options.limits },
      },
    }
  } finally {
    closeCase(handle)
  }
}

async function ensureEvidence(
  handle: Parameters<typeof addEvidence>[0],
  path: string,
  examiner: string,
): Promise<Evidence> {
  const absolute = resolve(path)
  let real: string
  try {
    real = realpathSync(absolute)
  } catch {
    throw new AppError('PATH_NOT_FOUND', `There is nothing at ${absolute}.`)
  }
  const existing = findEvidenceByPath(handle.db, real)
  if (existing) return getEvidence(handle.db, existing.id) as Evidence
  return addEvidence(handle, { path: absolute, examiner })
}

/**
 * Hash every image not yet hashed (whole media, streaming, in a scan process) and say how it
 * compares with the stored acquisition hash; Ctrl-C cancels (the image is then `cancelled`).
 */
async function verifyImages(
  handle: Parameters<typeof addEvidence>[0],
  evidence: readonly Evidence[],
  options: ScanCommandOptions,
  io: CliIo,
): Promise<void> {
  const pending = new Set(['pending', 'cancelled', 'failed'])
  for (const item of evidence) {
    if (item.kind !== 'image' || !pending.has(item.integrity)) continue
    const bar = new ProgressBar(io.stderr)
    const update = await hashImageEvidence(handle, item, {
      launcher: options.launcher,
      examiner: options.examiner,
      signal: options.signal,
      onProgress: (done, total) => {
        bar.fraction(`hashing ${item.label}`, done, total)
      },
    })
    bar.clear()
    io.err(
      `${item.label}: integrity ${update.state}${update.detail ? ` — ${update.detail}` : ''}\n`,
    )
  }
}

function report(summary: ScanSummary, casePath: string, json: boolean, io: CliIo): void {
  if (json) {
    io.out(`${JSON.stringify({ case: casePath, scan: summary }, null, 2)}\n`)
    return
  }
  const coverage = Object.entries(summary.coverage)
    .map(([reason, n]) => `${reason} ${String(n)}`)
    .join(', ')
  io.out(
    [
      `Scan ${summary.id} ${summary.status}: ${summary.filesScanned} files, ${formatBytes(summary.bytesScanned)}, ` +
        `${summary.findingCount} findings`,
      `  rules: ${summary.packs.map((p) => `${p.name}@${p.version}`).join(', ')} (${summary.ruleCount} rules, set ${summary.ruleSetSha256.slice(0, 12)}…)`,
      `  engine: ${summary.engine}; match cap ${summary.limits.matchCapPerPattern}/pattern; ` +
        `timeout ${summary.limits.engineTimeoutMs / 1000} s/file`,
      `  not fully scanned: ${coverage === '' ? 'none' : coverage}`,
      ...(summary.error ? [`  error: ${summary.error}`] : []),
      `  case: ${casePath}`,
      `  list them: outpost findings --case ${casePath}`,
      '',
    ].join('\n'),
  )
}
