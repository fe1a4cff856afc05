/**
 * One fresh process of the rule-compile benchmark: reads the rule files it is sent, then compiles
 * them with our engine module (`compileSources`: per-file validation, the shared-pattern
 * workaround, yara-x) and reports the compile time, its memory, the serialized size and the time
 * to load the serialized rules back. A fresh process per compile, so that one set's memory never
 * counts in another's. The job arrives as the first IPC message.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import {
  compileSources,
  CompiledRules,
  FILE_EXTERNALS,
  validateSource,
} from '../../main/core/engine/yara-engine'
import { AppError } from '../../main/core/model/errors'
import type { RuleSourceRef } from '../../main/core/scan/child/protocol'

/** What the parent sends. */
export interface CompileJob {
  readonly sources: readonly RuleSourceRef[]
  /** Also time, after the rest, the per-file validation `compileSources` starts with. */
  readonly measureValidation: boolean
}

/** What the worker answers: the measures, or the files yara-x rejected (nothing measured). */
export type CompileReport =
  | {
      readonly ok: true
      readonly compileMs: number
      /** CPU time (user + system, all threads) of the compile: less sensitive to a busy machine. */
      readonly compileCpuMs: number
      /** CPU time of the per-file validation alone, when asked (yarac has no equivalent). */
      readonly validateCpuMs: number | null
      readonly loadMs: number
      readonly rssBeforeBytes: number
      readonly rssAfterBytes: number
      /** VmHWM at the end of the compile; the high-water mark was reset just before it. */
      readonly hwmBytes: number | null
      readonly hwmWasReset: boolean
      readonly serializedBytes: number
      readonly groups: number
      readonly rewritten: number
    }
  | { readonly ok: false; readonly rejected: readonly string[]; readonly message: string }

/** VmHWM (peak resident set) of this process from /proc, in bytes; null off Linux. */
function highWaterMark(): number | null {
  try {
    const kib = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
    return kib === undefined ? null : Number(kib) * 1024
  } catch {
    return null
  }
}

/** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0): start-up peaks go. */
function resetHighWaterMark(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  } catch {
    return false
  }
}

function run(job: CompileJob): CompileReport {
  const sources = job.sources.map((s) => ({ ...s, source: readFileSync(s.path, 'utf8') }))
  const hwmWasReset = resetHighWaterMark()
  const rssBeforeBytes = process.memoryUsage().rss
  process.send?.('compiling')
  const cpu = process.cpuUsage()
  const start = performance.now()
  let compiled: ReturnType<typeof compileSources>
  try {
    compiled = compileSources(sources)
  } catch (error: unknown) {
    if (!(error instanceof AppError) || error.code !== 'RULES_INVALID') throw error
    const details = (error.details ?? []) as readonly { severity: string; file: string }[]
    const rejected = [...new Set(details.filter((d) => d.severity === 'error').map((d) => d.file))]
    return { ok: false, rejected, message: error.message }
  }
  const compileMs = performance.now() - start
  const used = process.cpuUsage(cpu)
  // Read the peak before serializing: the copies below are not part of compiling.
  const hwmBytes = highWaterMark()
  const rssAfterBytes = process.memoryUsage().rss
  const serialized = compiled.rules.serialize()
  const loadStart = performance.now()
  const loaded = CompiledRules.deserialize(serialized)
  const loadMs = performance.now() - loadStart
  let validateCpuMs: number | null = null
  if (job.measureValidation) {
    const validateStart = process.cpuUsage()
    for (const source of sources) validateSource(source, FILE_EXTERNALS)
    const validated = process.cpuUsage(validateStart)
    validateCpuMs = (validated.user + validated.system) / 1000
  }
  return {
    ok: true,
    compileMs,
    compileCpuMs: (used.user + used.system) / 1000,
    validateCpuMs,
    loadMs,
    rssBeforeBytes,
    rssAfterBytes,
    hwmBytes,
    hwmWasReset,
    serializedBytes: serialized.length,
    groups: loaded.groupCount,
    rewritten: compiled.workaround.rewritten,
  }
}

process.once('message', (message: unknown) => {
  const report = run(message as CompileJob)
  process.send?.(report, () => process.exit(0))
})
