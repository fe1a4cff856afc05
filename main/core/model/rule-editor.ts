/**
 * What the rule editor exchanges with the main process: the analyst's own rules, validated,
 * tried on one case file, saved in the authoring folder.
 */

/** Largest rule source the editor validates, tests or saves (UTF-8 bytes). */
export const MAX_EDITOR_SOURCE_BYTES = 1024 * 1024

/** Authoring file names: a plain name, no folder, `.yar`. */
export const AUTHORING_FILE_NAME = /^[A-Za-z0-9_-]{1,64}\.yar$/

/** One pattern match of a test run, with the first bytes of the match. */
export interface RuleTestMatch {
  readonly rule: string
  readonly identifier: string
  readonly offset: number
  readonly length: number
  /** The first bytes of the match (at most {@link RuleTestResult.excerptBytes}), in hex. */
  readonly excerptHex: string
  /** The same bytes, printable ASCII kept and every other byte shown as `.`. */
  readonly excerptAscii: string
}

/** The outcome of trying the editor's rules on one case file. */
export interface RuleTestResult {
  readonly fileId: number
  readonly path: string
  readonly sizeBytes: number
  /** Rules that matched (a rule with a condition only has no pattern matches). */
  readonly rules: readonly string[]
  readonly matches: readonly RuleTestMatch[]
  readonly excerptBytes: number
  readonly elapsedMs: number
}

/** One file of the authoring folder. */
export interface AuthoringFile {
  readonly file: string
  readonly sizeBytes: number
  readonly modifiedAt: string
}

/** The authoring folder and its rule files. */
export interface AuthoringListing {
  /** `<dataDir>/authoring`: the folder a release command packs. */
  readonly folder: string
  readonly files: readonly AuthoringFile[]
  /** The command that releases the folder as a signed pack. */
  readonly releaseCommand: string
}
