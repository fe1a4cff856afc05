import { AppError } from '../model/errors'
import type { RuleDiagnostic } from '../model/rules'
import { parseYaraSource } from '../rules/yara-source-parser'
import { loadYaraBinding } from './yara-binding'
import { CompiledRules } from './compiled-rules'
import { planSharedPatternWorkaround } from './shared-pattern-workaround'

export { CompiledRules, EngineScanError, EngineTimeoutError } from './compiled-rules'
export type { EngineScanOutcome } from './compiled-rules'
import type { BindingCompilerOptions, BindingDiagnostic } from './yara-binding'

/** The engine name recorded on scans. */
export const ENGINE_NAME = 'yara-x'

/**
 * The per-file external variables every rule set may use (signature-base/LOKI semantics).
 *
 * They are declared with an empty-string default at compile time and set per file at scan time.
 */
export const FILE_EXTERNALS = [
  'filename',
  'filepath',
  'extension',
  'filetype',
  'owner',
  'md5',
] as const

/** One of {@link FILE_EXTERNALS}. */
export type FileExternalName = (typeof FILE_EXTERNALS)[number]

/** A rule source to compile, in a namespace, with the name diagnostics should use. */
export interface EngineSource {
  readonly namespace: string
  readonly source: string
  readonly displayName: string
}

function compilerOptions(externals: readonly string[], namespace?: string): BindingCompilerOptions {
  return {
    ...(namespace === undefined ? {} : { namespace }),
    defineVariables: Object.fromEntries(externals.map((name) => [name, ''])),
    // yara-x follows `include` to any path and echoes the file's first line in its error.
    enableIncludes: false,
    bannedModules: [
      {
        name: 'console',
        errorTitle: 'console module not allowed',
        errorMessage: 'Outpost does not allow rules to print from the scan process',
      },
    ],
  }
}

const LOCATION = /-->\s*line:(\d+):(\d+)/
const HEADLINE = /^(?:error|warning)\[[^\]]*\]:\s*(.*)$/

/**
 * Turn a binding diagnostic into ours: code, line, column and the headline only.
 *
 * The code frame is dropped on purpose: for imported packs it could carry content the analyst
 * did not mean to show (see security-checks.md finding 1).
 */
export function toRuleDiagnostic(
  raw: BindingDiagnostic,
  severity: 'error' | 'warning',
  file: string,
): RuleDiagnostic {
  const lines = raw.message.split('\n')
  const location = LOCATION.exec(raw.message)
  const headline = HEADLINE.exec(lines[0] ?? '')?.[1] ?? lines[0] ?? raw.message
  return {
    severity,
    file,
    line: raw.line ?? (location ? Number(location[1]) : null),
    column: raw.column ?? (location ? Number(location[2]) : null),
    code: raw.code,
    message: headline.replace(/^Compilation error \([^)]*\):\s*/, ''),
  }
}

/**
 * Validate one source on its own: every error and warning, located in `displayName` and, where
 * the line falls inside a rule, named after it.
 */
export function validateSource(
  source: EngineSource,
  externals: readonly string[],
): RuleDiagnostic[] {
  const { binding } = loadYaraBinding()
  const result = binding.validate(source.source, compilerOptions(externals, source.namespace))
  const diagnostics = [
    ...result.errors.map((d) => toRuleDiagnostic(d, 'error', source.displayName)),
    ...result.warnings.map((d) => toRuleDiagnostic(d, 'warning', source.displayName)),
  ]
  if (diagnostics.length === 0) return diagnostics
  const rules = parseYaraSource(source.source, source.displayName).rules
  return diagnostics.map((d) => {
    const line = d.line
    const rule =
      line === null ? undefined : rules.find((r) => r.startLine <= line && line <= r.endLine)
    return rule === undefined ? d : { ...d, rule: rule.name }
  })
}

/**
 * Compile sources into one rule set, each in its own namespace.
 *
 * Every source is validated first so that errors name their file, line and column.
 *
 * @throws AppError `RULES_INVALID` with the diagnostics as `details` when any source has errors.
 */
export function compileSources(
  sources: readonly EngineSource[],
  externals: readonly string[] = FILE_EXTERNALS,
): { rules: CompiledRules; diagnostics: RuleDiagnostic[]; workaround: WorkaroundSummary } {
  const diagnostics = sources.flatMap((source) => validateSource(source, externals))
  const errors = diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0) {
    const first = errors[0]
    throw new AppError(
      'RULES_INVALID',
      `${errors.length} rule error(s); first: ${first ? formatDiagnostic(first) : ''}`,
      { details: diagnostics },
    )
  }
  const { binding } = loadYaraBinding()
  const plan = planSharedPatternWorkaround(sources)
  const groups = plan.groups.map((group) => {
    const compiled = binding.compile('', compilerOptions(externals, 'outpost'))
    compiled.addRuleSources(group.map((s) => ({ source: s.source, namespace: s.namespace })))
    return compiled
  })
  return {
    rules: new CompiledRules(groups),
    diagnostics: [...diagnostics, ...plan.residual],
    workaround: {
      rewritten: plan.rewritten,
      isolated: plan.isolated,
      residual: plan.residual.length,
    },
  }
}

/** What {@link compileSources} did around yara-x 1.20's shared-pattern bugs (recorded per scan). */
export interface WorkaroundSummary {
  readonly rewritten: number
  readonly isolated: readonly string[]
  readonly residual: number
}

/** `file:line:column: code message`, the way compilers print. */
export function formatDiagnostic(d: RuleDiagnostic): string {
  const where = d.line === null ? d.file : `${d.file}:${d.line}:${d.column ?? 0}`
  const rule = d.rule === undefined ? '' : ` (rule ${d.rule})`
  return `${where}: ${d.severity} ${d.code}: ${d.message}${rule}`
}

export { isSniffedAsNonString } from './compiled-rules'
