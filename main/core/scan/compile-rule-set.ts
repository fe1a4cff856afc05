import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { canonicalJson } from '../crypto/canonical-json'
import { sha256Hex } from '../crypto/digest'
import { FILE_EXTERNALS } from '../engine/yara-engine'
import type { WorkaroundSummary } from '../engine/yara-engine'
import { AppError } from '../model/errors'
import type { RuleDiagnostic } from '../model/rules'
import type { LoadedPack } from '../rules/load-pack'
import type { ScanChildLauncher } from './child/child-handle'
import type { ChildResponse } from './child/protocol'

/**
 * The compiler settings every rule set is compiled with, recorded on the scan and part of the
 * compiled-rules cache key (change them → new key).
 */
export const COMPILER_PROFILE = {
  externals: FILE_EXTERNALS,
  enableIncludes: false,
  bannedModules: ['console'],
  format: 'outpost-rules/1',
  sharedPatternWorkaround: 'yara-x-762/1',
} as const

/** A set of packs to compile together, with its content address. */
export interface RuleSetPlan {
  readonly packs: readonly LoadedPack[]
  /** SHA-256 over the packs' names, versions and manifest hashes (sorted). */
  readonly sha256: string
  readonly ruleCount: number
}

/** Plan a rule set from loaded packs. */
export function planRuleSet(packs: readonly LoadedPack[]): RuleSetPlan {
  const identity = packs
    .map((p) => ({
      name: p.summary.name,
      version: p.summary.version,
      manifest: p.manifestSha256,
      // A subset is another rule set (no key change for whole packs: caches stay valid).
      ...(p.subset === undefined ? {} : { subset: p.subset }),
    }))
    .sort((a, b) => (a.name + a.manifest < b.name + b.manifest ? -1 : 1))
  return {
    packs,
    sha256: sha256Hex(canonicalJson(identity)),
    ruleCount: packs.reduce((n, p) => n + p.rules.length, 0),
  }
}

/** Where and how to compile. */
export interface CompileOptions {
  readonly launcher: ScanChildLauncher
  readonly cacheDir: string
  /** e.g. `@litko/yara-x-linux-x64-gnu@0.7.2`: compiled rules only load in the same binding. */
  readonly bindingId: string
  readonly deadlineMs?: number
}

/**
 * Compile the rule set in a scan process (compiling can be slow, and a hostile rule can make
 * the compiler misbehave), serialized to a cache file keyed by rule set, binding and compiler
 * profile; a cached file is reused.
 *
 * @throws AppError `RULES_INVALID` with the diagnostics, or `SCAN_FAILED`.
 */
export async function ensureCompiledRules(
  plan: RuleSetPlan,
  options: CompileOptions,
): Promise<CompiledRuleSet> {
  mkdirSync(options.cacheDir, { recursive: true })
  const key = sha256Hex(
    canonicalJson({ rules: plan.sha256, binding: options.bindingId, profile: COMPILER_PROFILE }),
  )
  const compiledPath = join(options.cacheDir, `rules-${key}.bin`)
  const cached = readCached(compiledPath)
  if (cached !== null) return cached
  const response = await compileInChild(plan, compiledPath, options)
  if (response.type === 'requestFailed') {
    throw new AppError('SCAN_FAILED', `Compiling the rules failed: ${response.message}`)
  }
  if (!response.ok) {
    const errors = response.diagnostics.filter((d) => d.severity === 'error')
    throw new AppError('RULES_INVALID', `The rules do not compile: ${errors.length} error(s).`, {
      details: response.diagnostics,
    })
  }
  const result: CompiledRuleSet = {
    compiledPath,
    diagnostics: response.diagnostics,
    workaround: response.workaround ?? null,
    cached: false,
  }
  writeFileSync(
    `${compiledPath}.json`,
    JSON.stringify({ diagnostics: result.diagnostics, workaround: result.workaround }),
  )
  return result
}

/** A rule set compiled (or found in the cache) and what its compile reported. */
export interface CompiledRuleSet {
  readonly compiledPath: string
  readonly diagnostics: readonly RuleDiagnostic[]
  readonly workaround: WorkaroundSummary | null
  readonly cached: boolean
}

/** The cache entry, when both the rules and their compile report are there. */
function readCached(compiledPath: string): CompiledRuleSet | null {
  if (!existsSync(compiledPath)) return null
  try {
    const report = JSON.parse(readFileSync(`${compiledPath}.json`, 'utf8')) as Omit<
      CompiledRuleSet,
      'compiledPath' | 'cached'
    >
    return {
      compiledPath,
      diagnostics: report.diagnostics,
      workaround: report.workaround,
      cached: true,
    }
  } catch {
    return null
  }
}

type CompileResponse = Extract<ChildResponse, { type: 'compiled' | 'requestFailed' }>

function compileInChild(
  plan: RuleSetPlan,
  outPath: string,
  options: CompileOptions,
): Promise<CompileResponse> {
  const child = options.launcher.launch()
  const deadlineMs = options.deadlineMs ?? 300_000
  return new Promise<CompileResponse>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill()
      reject(
        new AppError('SCAN_FAILED', `Compiling the rules took longer than ${deadlineMs / 1000} s.`),
      )
    }, deadlineMs)
    const settle = (action: () => void): void => {
      clearTimeout(timer)
      action()
    }
    child.onMessage((message) => {
      if (message.type !== 'compiled' && message.type !== 'requestFailed') return
      settle(() => {
        resolve(message)
      })
      child.kill()
    })
    child.onExit((code, signal) => {
      settle(() => {
        reject(
          new AppError(
            'SCAN_FAILED',
            `The compiler process exited (code ${String(code)}, signal ${String(signal)}).`,
          ),
        )
      })
    })
    child.send({
      type: 'compile',
      requestId: 1,
      sources: plan.packs.flatMap((p) => p.sources),
      externals: [...FILE_EXTERNALS],
      outPath,
    })
  })
}
