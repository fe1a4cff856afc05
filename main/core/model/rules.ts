/** A rule pack the app can scan with. */
export interface RulePackSummary {
  readonly name: string
  readonly version: string
  readonly description: string | null
  /** Where it came from: shipped with the app, or a folder on this machine. */
  readonly origin: 'bundled' | 'local'
  readonly signed: boolean
  readonly ruleCount: number
  readonly manifestSha256: string
  readonly path: string
}

/** One compiler diagnostic, located in a rule file. */
export interface RuleDiagnostic {
  readonly severity: 'error' | 'warning'
  readonly file: string
  readonly line: number | null
  readonly column: number | null
  readonly code: string
  readonly message: string
  /** The rule the line falls in, when the diagnostic is inside one. */
  readonly rule?: string
}
