import { randomBytes } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FILE_EXTERNALS } from '../engine/yara-engine'
import { AppError } from '../model/errors'
import type { RuleTestMatch } from '../model/rule-editor'
import type { ScanChildLauncher } from '../scan/child/child-handle'
import type { ChildResponse, FileScanResult } from '../scan/child/protocol'
import type { CaseFileContent } from './case-file-content'
import { asciiOf, EDITOR_DISPLAY_NAME, EDITOR_NAMESPACE } from './rule-trial'
import type { TrialLimits, TrialOutcome } from './rule-trial'

/** What {@link tryRulesInChild} needs besides the source and the content. */
export interface ChildTrialOptions {
  readonly launcher: ScanChildLauncher
  /** A private folder for the trial's rule file, compiled rules and content copy (removed). */
  readonly workDir: string
  readonly limits: TrialLimits & { readonly maxFileBytes: number }
  readonly signal: AbortSignal
  readonly onProgress: (phase: 'compiling' | 'scanning', done: number, total: number) => void
  /** The process is killed past this (compile + scan), default a minute. */
  readonly deadlineMs?: number
}

/**
 * The rule editor's "Test on file" in a scan process: compile the text there, load it, scan a
 * private copy of the file's content (a file in a disk image has no path of its own), and map
 * the hits as `tryRules` does. A slow rule or a big file then cannot freeze the app, and a
 * cancel kills the process at once. The work folder is removed in every case.
 *
 * @throws AppError `CANCELLED`, `RULES_INVALID` with the diagnostics, `SCAN_FAILED`.
 */
export async function tryRulesInChild(
  source: string,
  content: CaseFileContent,
  options: ChildTrialOptions,
): Promise<TrialOutcome> {
  const dir = join(options.workDir, `trial-${randomBytes(6).toString('hex')}`)
  await mkdir(dir, { recursive: true })
  try {
    const rulePath = join(dir, EDITOR_DISPLAY_NAME)
    const contentPath = join(dir, 'content.bin')
    await writeFile(rulePath, source, { flag: 'wx' })
    await writeFile(contentPath, content.bytes, { flag: 'wx' })
    const result = await runInChild(rulePath, contentPath, join(dir, 'rules.bin'), content, options)
    return outcome(result, options.limits.excerptBytes)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function runInChild(
  rulePath: string,
  contentPath: string,
  compiledPath: string,
  content: CaseFileContent,
  options: ChildTrialOptions,
): Promise<FileScanResult> {
  if (options.signal.aborted) return Promise.reject(cancelled())
  const child = options.launcher.launch()
  const deadlineMs = options.deadlineMs ?? 60_000
  return new Promise<FileScanResult>((resolve, reject) => {
    let settled = false
    const settle = (error: AppError | null, result?: FileScanResult): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.signal.removeEventListener('abort', onAbort)
      child.kill()
      if (error === null && result !== undefined) resolve(result)
      else reject(error ?? new AppError('SCAN_FAILED', 'The test scan gave no result.'))
    }
    const onAbort = (): void => {
      settle(cancelled())
    }
    const timer = setTimeout(() => {
      settle(
        new AppError(
          'SCAN_FAILED',
          `The test took longer than ${deadlineMs / 1000} s and was stopped; simplify the rule or test a smaller file.`,
        ),
      )
    }, deadlineMs)
    options.signal.addEventListener('abort', onAbort)
    child.onMessage((message: ChildResponse) => {
      if (message.type === 'compiled') {
        if (!message.ok) {
          const first = message.diagnostics.find((d) => d.severity === 'error')
          settle(
            new AppError(
              'RULES_INVALID',
              `Fix the rule first: line ${first?.line ?? '?'}: ${first?.message ?? 'it does not compile'}`,
              { details: message.diagnostics },
            ),
          )
          return
        }
        child.send({
          type: 'load',
          requestId: 2,
          compiledPath,
          limits: {
            maxFileBytes: options.limits.maxFileBytes,
            engineTimeoutMs: options.limits.engineTimeoutMs,
            matchCapPerPattern: options.limits.matchCapPerPattern,
            excerptBytes: options.limits.excerptBytes,
          },
        })
      } else if (message.type === 'loaded') {
        options.onProgress('scanning', 1, 2)
        child.send({ type: 'scanFile', jobId: 1, path: contentPath, externals: content.externals })
      } else if (message.type === 'fileResult') {
        settle(null, message.result)
      } else if (message.type === 'jobFailed' || message.type === 'requestFailed') {
        settle(new AppError('SCAN_FAILED', `The test scan failed: ${message.message}`))
      }
    })
    child.onExit((code, signal) => {
      settle(
        new AppError(
          'SCAN_FAILED',
          `The test scan process exited (code ${String(code)}, signal ${String(signal)}); try again.`,
        ),
      )
    })
    options.onProgress('compiling', 0, 2)
    child.send({
      type: 'compile',
      requestId: 1,
      sources: [{ namespace: EDITOR_NAMESPACE, path: rulePath, displayName: EDITOR_DISPLAY_NAME }],
      externals: [...FILE_EXTERNALS],
      outPath: compiledPath,
    })
  })
}

function outcome(result: FileScanResult, excerptBytes: number): TrialOutcome {
  const stopped = result.coverage.find((note) => note.reason === 'timeout')
  if (stopped !== undefined) {
    throw new AppError('SCAN_FAILED', `The rules ran past the engine timeout: ${stopped.detail}`)
  }
  if (!result.scanned) {
    const why = result.coverage[0]?.detail ?? 'the engine did not scan it'
    throw new AppError('SCAN_FAILED', `The engine failed on this file: ${why}`)
  }
  const matches: RuleTestMatch[] = []
  for (const hit of result.hits) {
    for (const m of hit.matches) {
      const excerpt = Buffer.from(m.excerptHex, 'hex').subarray(0, excerptBytes)
      matches.push({
        rule: hit.rule,
        identifier: m.identifier,
        offset: m.offset,
        length: m.length,
        excerptHex: excerpt.toString('hex'),
        excerptAscii: asciiOf(excerpt),
      })
    }
  }
  return { rules: result.hits.map((hit) => hit.rule), matches }
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'Cancelled — nothing was written.')
}
