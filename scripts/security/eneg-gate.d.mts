/** Types of eneg-gate.mjs, for the tests (the script itself is plain JS: CI runs it with node). */
export type Finding = Readonly<Record<string, string>>
export interface AllowEntry {
  readonly id: string
  readonly reason: string
  readonly sampleIncludes?: string
}
export interface GateResult {
  readonly failed: Finding[]
  readonly allowed: Finding[]
  readonly ignored: Finding[]
}
export declare const DEFAULT_ALLOWLIST: string
export declare const BLOCKING: ReadonlySet<string>
export declare function parseCsv(text: string): string[][]
export declare function readFindings(text: string): Finding[]
export declare function readAllowlist(json: unknown): AllowEntry[]
export declare function gate(
  findings: readonly Finding[],
  allowlist: readonly AllowEntry[],
): GateResult
export declare function main(argv: readonly string[], log?: (line: string) => void): number
