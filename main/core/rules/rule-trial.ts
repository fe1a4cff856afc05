import { compileSources, EngineTimeoutError, FILE_EXTERNALS } from '../engine/yara-engine'
import { AppError } from '../model/errors'
import type { RuleTestMatch } from '../model/rule-editor'
import type { FileExternals } from '../scan/child/protocol'

/** The namespace and file name the editor's text compiles under. */
export const EDITOR_NAMESPACE = 'authoring'
export const EDITOR_DISPLAY_NAME = 'editor.yar'

/** Limits of one trial scan. */
export interface TrialLimits {
  readonly engineTimeoutMs: number
  readonly matchCapPerPattern: number
  readonly excerptBytes: number
}

/** What a trial found. */
export interface TrialOutcome {
  readonly rules: string[]
  readonly matches: RuleTestMatch[]
}

/**
 * Compile the editor's source (declared externals, includes off: see `yara-engine.ts`) and scan
 * `bytes` with it once, under the engine timeout.
 *
 * @throws AppError `RULES_INVALID` with the diagnostics, `SCAN_FAILED` on a timeout or an
 *   engine error
 */
export function tryRules(
  source: string,
  bytes: Buffer,
  externals: FileExternals,
  limits: TrialLimits,
): TrialOutcome {
  const { rules } = compileSources(
    [{ namespace: EDITOR_NAMESPACE, source, displayName: EDITOR_DISPLAY_NAME }],
    FILE_EXTERNALS,
  )
  rules.configure({
    timeoutMs: limits.engineTimeoutMs,
    matchCapPerPattern: limits.matchCapPerPattern,
  })
  let found
  try {
    found = rules.scan(bytes, { ...externals })
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error)
    if (error instanceof EngineTimeoutError)
      throw new AppError('SCAN_FAILED', `The rules ran past the engine timeout: ${message}`)
    throw new AppError('SCAN_FAILED', `The engine failed on this file: ${message}`)
  }
  const matches: RuleTestMatch[] = []
  for (const hit of found.matches) {
    for (const m of hit.matches) {
      const excerpt = bytes.subarray(m.offset, m.offset + Math.min(m.length, limits.excerptBytes))
      matches.push({
        rule: hit.ruleIdentifier,
        identifier: m.identifier,
        offset: m.offset,
        length: m.length,
        excerptHex: excerpt.toString('hex'),
        excerptAscii: asciiOf(excerpt),
      })
    }
  }
  return { rules: found.matches.map((hit) => hit.ruleIdentifier), matches }
}

/** Printable ASCII kept, every other byte as `.` (the hex view's right column). */
export function asciiOf(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'
  return out
}
