import { AppError } from '../model/errors'
import type { RuleDiagnostic } from '../model/rules'
import { parseYaraSource } from '../rules/yara-source-parser'
import { loadYaraBinding } from './yara-binding'
import type {
  BindingCompilerOptions,
  BindingDiagnostic,
  BindingRuleMatch,
  BindingRules,
} from './yara-binding'

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

/** Raised when yara-x's own timeout stops a scan. */
export class EngineTimeoutError extends Error {
  override readonly name = 'EngineTimeoutError'
}

/** Raised for any other error the engine reports while scanning. */
export class EngineScanError extends Error {
  override readonly name = 'EngineScanError'
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
): { rules: CompiledRules; diagnostics: RuleDiagnostic[] } {
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
  const compiled = binding.compile('', compilerOptions(externals, 'outpost'))
  compiled.addRuleSources(sources.map((s) => ({ source: s.source, namespace: s.namespace })))
  return { rules: new CompiledRules(compiled), diagnostics }
}

/** `file:line:column: code message`, the way compilers print. */
export function formatDiagnostic(d: RuleDiagnostic): string {
  const where = d.line === null ? d.file : `${d.file}:${d.line}:${d.column ?? 0}`
  const rule = d.rule === undefined ? '' : ` (rule ${d.rule})`
  return `${where}: ${d.severity} ${d.code}: ${d.message}${rule}`
}

/**
 * True when yara-x would take this scan-time string for an integer or a boolean and reject it
 * (`invalid type … expecting string`): decimal integers with an optional sign, and
 * true/false in any case — measured on 0.7.2, see docs/engine.md.
 */
export function isSniffedAsNonString(value: string): boolean {
  return /^[+-]?\d+$/.test(value) || /^(true|false)$/i.test(value)
}

/** One scan's outcome: matching rules and the externals that could not be passed. */
export interface EngineScanOutcome {
  readonly matches: BindingRuleMatch[]
  readonly droppedExternals: string[]
}

/** Compiled rules with their scanner settings. */
export class CompiledRules {
  constructor(private readonly rules: BindingRules) {}

  /** Load rules serialized by {@link CompiledRules.serialize} (same binding version). */
  static deserialize(data: Buffer): CompiledRules {
    return new CompiledRules(loadYaraBinding().binding.deserialize(data))
  }

  /** The compiled form, to hand to other scan processes without recompiling. */
  serialize(): Buffer {
    return this.rules.serialize()
  }

  /** Apply the per-file timeout (ms; yara-x rounds up to whole seconds) and the match cap. */
  configure(limits: { readonly timeoutMs: number; readonly matchCapPerPattern: number }): void {
    this.rules.setTimeout(limits.timeoutMs)
    this.rules.setMaxMatchesPerPattern(limits.matchCapPerPattern)
  }

  /**
   * Scan a buffer with per-file externals.
   *
   * Values yara-x would mis-type are left at their compile-time default `""` and reported.
   */
  scan(data: Buffer, externals: Readonly<Record<string, string>>): EngineScanOutcome {
    const variables: Record<string, string> = {}
    const droppedExternals: string[] = []
    for (const [name, value] of Object.entries(externals)) {
      if (isSniffedAsNonString(value)) droppedExternals.push(name)
      else variables[name] = value
    }
    try {
      return { matches: this.rules.scan(data, variables), droppedExternals }
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error)
      if (/timed out/i.test(message)) throw new EngineTimeoutError(message)
      throw new EngineScanError(message)
    }
  }
}
