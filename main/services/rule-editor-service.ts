import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FILE_EXTERNALS, validateSource } from '../core/engine/yara-engine'
import { AppError } from '../core/model/errors'
import { MAX_EDITOR_SOURCE_BYTES } from '../core/model/rule-editor'
import type { AuthoringFile, AuthoringListing, RuleTestResult } from '../core/model/rule-editor'
import type { RuleDiagnostic } from '../core/model/rules'
import type { ScanSummary } from '../core/model/scan'
import { AuthoringFolder } from '../core/rules/authoring-folder'
import { readCaseFile } from '../core/rules/case-file-content'
import { validateInChild } from '../core/rules/validate-in-child'
import { tryRulesInChild } from '../core/rules/trial-in-child'
import type { ScanChildLauncher } from '../core/scan/child/child-handle'
import { EDITOR_DISPLAY_NAME, EDITOR_NAMESPACE, tryRules } from '../core/rules/rule-trial'
import { defaultScanLimits } from '../core/scan/default-limits'
import type { CaseService } from './case-service'
import type { ScanService } from './scan-service'
import { TaskRegistry } from './task-registry'
import type { TaskContext } from './task-registry'

/**
 * A test on one file runs in the main process (a small buffer, one compile): its engine timeout
 * is kept well under a scan's so a pathological rule cannot hold the app for a minute.
 */
const TRIAL_TIMEOUT_MS = 10_000

/**
 * Above this size the live validation runs in a scan process instead (killed at a deadline):
 * yara-x takes ~20 ms for a few rules but ~2.5 s for 1 MiB (8,400 rules, measured), and the
 * main process must not freeze on every pause in typing.
 */
export const IN_PROCESS_VALIDATE_MAX_BYTES = 64 * 1024

/** A child validation that takes longer than this is reported, not waited for. */
const CHILD_VALIDATE_DEADLINE_MS = 30_000

/**
 * The rule editor's main side: live diagnostics, a test on one case file, a test on a whole
 * evidence item (a normal background scan), and the authoring folder.
 *
 * The editor's text is the analyst's own, so small texts are compiled here in the main process
 * (not in a scan process as imported packs are: no process start per keystroke), large ones in a
 * scan process (see {@link IN_PROCESS_VALIDATE_MAX_BYTES}); both with the declared externals and
 * includes disabled as for every other source: an `include` in the editor is an error, not a
 * read of some other file.
 */
export class RuleEditorService {
  readonly authoring: AuthoringFolder

  constructor(
    private readonly options: {
      readonly cases: Pick<CaseService, 'require'>
      readonly scans: Pick<ScanService, 'start'>
      readonly dataDir: string
      /** Scan processes for large texts; without it every text is validated in process. */
      readonly launcher?: ScanChildLauncher
      /** The app's background tasks (`task:progress`, `task:cancel`); a silent one when absent. */
      readonly tasks?: TaskRegistry
    },
  ) {
    this.authoring = new AuthoringFolder(options.dataDir)
    this.tasks = options.tasks ?? new TaskRegistry({ emit: () => undefined })
  }

  private readonly tasks: TaskRegistry

  /**
   * Every compiler error and warning of the editor's text.
   *
   * @throws AppError `INVALID_INPUT` above 1 MiB, `ENGINE_UNAVAILABLE`
   */
  async validate(source: string): Promise<RuleDiagnostic[]> {
    checkSize(source)
    const launcher = this.options.launcher
    if (launcher !== undefined && Buffer.byteLength(source) > IN_PROCESS_VALIDATE_MAX_BYTES) {
      const result = await validateInChild([{ path: EDITOR_DISPLAY_NAME, text: source }], {
        launcher,
        namespace: EDITOR_NAMESPACE,
        dropInvalid: false,
        deadlineMs: CHILD_VALIDATE_DEADLINE_MS,
      })
      return [...result.diagnostics]
    }
    return validateSource(
      { namespace: EDITOR_NAMESPACE, source, displayName: EDITOR_DISPLAY_NAME },
      FILE_EXTERNALS,
    )
  }

  /**
   * Run the editor's rules on one file of the open case, read read-only from its evidence: as
   * background task `taskId` (progress 'compiling', 'scanning'; cancel kills the process), in a
   * scan process when there is a launcher, else in process.
   *
   * @throws AppError `INVALID_INPUT`, `RULES_INVALID`, `NO_CASE_OPEN`, `NOT_FOUND`, `SCAN_FAILED`,
   *   evidence read errors
   */
  async testOnFile(source: string, fileId: number, taskId?: string): Promise<RuleTestResult> {
    checkSize(source)
    return this.tasks.run(taskId, 'rule-test', async (task) => {
      task.progress('compiling', 0, 2)
      requireNoErrors(await this.validate(source))
      return this.runTest(source, fileId, task)
    })
  }

  private async runTest(
    source: string,
    fileId: number,
    task: TaskContext,
  ): Promise<RuleTestResult> {
    const limits = defaultScanLimits()
    const handle = this.options.cases.require()
    const started = performance.now()
    const content = await readCaseFile(handle.db, fileId, limits.maxFileBytes)
    const trial = {
      engineTimeoutMs: Math.min(limits.engineTimeoutMs, TRIAL_TIMEOUT_MS),
      matchCapPerPattern: limits.matchCapPerPattern,
      excerptBytes: limits.excerptBytes,
    }
    const launcher = this.options.launcher
    const outcome =
      launcher === undefined
        ? tryRules(source, content.bytes, content.externals, trial)
        : await tryRulesInChild(source, content, {
            launcher,
            workDir: join(this.options.dataDir, 'editor-tests', 'trials'),
            limits: { ...trial, maxFileBytes: limits.maxFileBytes },
            signal: task.signal,
            onProgress: task.progress,
          })
    return {
      fileId,
      path: content.path,
      sizeBytes: content.bytes.length,
      rules: outcome.rules,
      matches: outcome.matches,
      excerptBytes: limits.excerptBytes,
      elapsedMs: Math.round(performance.now() - started),
    }
  }

  /**
   * Scan one evidence item with only the editor's rules, as a normal background scan recorded
   * in the history. The rules are written as a local pack folder of their own under
   * `<dataDir>/editor-tests/` and kept there: the scan records that path, and resuming an
   * interrupted scan reloads its packs from it.
   *
   * @throws AppError `INVALID_INPUT`, `RULES_INVALID`, and whatever `ScanService.start` throws
   */
  async testOnEvidence(source: string, evidenceId: number): Promise<ScanSummary> {
    checkSize(source)
    requireNoErrors(await this.validate(source))
    const stamp = new Date().toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 15)
    const folder = join(
      this.options.dataDir,
      'editor-tests',
      `editor-test-${stamp}-${randomBytes(3).toString('hex')}`,
    )
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, EDITOR_DISPLAY_NAME), source, { flag: 'wx' })
    return this.options.scans.start({ evidenceIds: [evidenceId], packPaths: [folder] })
  }

  /** The authoring folder's rule files and the command that releases them. */
  list(): AuthoringListing {
    return {
      folder: this.authoring.root,
      files: this.authoring.list(),
      // --data-dir: the signing key is the app's (the CLI's default folder is the same on a
      // standard install, but not for a portable or test data folder).
      releaseCommand: `outpost rules pack ${shellQuote(this.authoring.root)} --sign --data-dir ${shellQuote(this.options.dataDir)}`,
    }
  }

  read(file: string): string {
    return this.authoring.read(file)
  }

  save(file: string, source: string): AuthoringFile {
    checkSize(source)
    return this.authoring.save(file, source)
  }
}

function checkSize(source: string): void {
  if (Buffer.byteLength(source, 'utf8') > MAX_EDITOR_SOURCE_BYTES)
    throw new AppError('INVALID_INPUT', 'The rule text is larger than 1 MiB; split it into files.')
}

function requireNoErrors(diagnostics: readonly RuleDiagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error')
  if (errors.length === 0) return
  const first = errors[0] as RuleDiagnostic
  throw new AppError(
    'RULES_INVALID',
    `Fix the rule first: ${errors.length} error(s); line ${first.line ?? '?'}: ${first.message}`,
    { details: diagnostics },
  )
}

/** Quote a path for a POSIX shell when it needs it (the command is shown, never run). */
function shellQuote(path: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`
}
