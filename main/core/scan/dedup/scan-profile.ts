import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { canonicalJson } from '../../crypto/canonical-json'
import { sha256Hex } from '../../crypto/digest'
import { tokenizeYara } from '../../rules/yara-tokenizer'
import type { ScanLimits } from '../../model/scan'
import type { FileExternals } from '../child/protocol'

/**
 * The externals whose value depends on where a file is, not on what it holds. Two files with
 * the same content can get different findings only through these (`filetype` and `md5` come
 * from the content itself).
 */
export const PATH_EXTERNALS = ['filename', 'filepath', 'extension', 'owner'] as const

/** One of {@link PATH_EXTERNALS}. */
export type PathExternal = (typeof PATH_EXTERNALS)[number]

/**
 * The path externals a rule set reads: every identifier token of the sources (comments and
 * string literals are not identifiers). A meta key spelled like an external counts too: that
 * only makes dedup more careful, never wrong.
 */
export function pathExternalsUsed(sourcePaths: readonly string[]): PathExternal[] {
  const used = new Set<PathExternal>()
  const wanted = new Set<string>(PATH_EXTERNALS)
  for (const path of sourcePaths) {
    for (const token of tokenizeYara(readFileSync(path, 'utf8')).tokens) {
      if (token.kind === 'ident' && wanted.has(token.text)) used.add(token.text as PathExternal)
    }
    if (used.size === PATH_EXTERNALS.length) break
  }
  return PATH_EXTERNALS.filter((name) => used.has(name))
}

/**
 * {@link pathExternalsUsed} of a rule set, remembered in the rule cache by the set's content
 * address: tokenizing signature-base takes ~0.5 s, every scan start would pay it again.
 */
export function cachedPathExternals(
  ruleSetSha256: string,
  sourcePaths: readonly string[],
  cacheDir: string,
): PathExternal[] {
  const path = join(cacheDir, `path-externals-${ruleSetSha256}.json`)
  try {
    const known = new Set<string>(PATH_EXTERNALS)
    const cached = JSON.parse(readFileSync(path, 'utf8')) as unknown
    if (Array.isArray(cached) && cached.every((name) => known.has(name as string)))
      return cached as PathExternal[]
  } catch {
    // Not cached yet (or unreadable): work it out below.
  }
  const used = pathExternalsUsed(sourcePaths)
  mkdirSync(cacheDir, { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify(used))
  renameSync(temporary, path)
  return used
}

/** What decides a file's findings besides its content and path externals. */
export interface ProfileInput {
  /** A new version may read or scan differently: results are reused within one version. */
  readonly appVersion: string
  readonly ruleSetSha256: string
  readonly bindingId: string
  readonly compilerProfile: unknown
  readonly limits: ScanLimits
  readonly blockBytes: number
  readonly overlapBytes: number
  readonly pathExternals: readonly PathExternal[]
}

/**
 * The scan profile key: scans with equal keys give equal findings for equal content (and equal
 * path externals), so one may reuse the other's results. The engine timeout is left out on
 * purpose: a file that timed out is never reused.
 */
export function profileKeyOf(input: ProfileInput): string {
  return sha256Hex(
    canonicalJson({
      app: input.appVersion,
      rules: input.ruleSetSha256,
      binding: input.bindingId,
      compiler: input.compilerProfile,
      maxFileBytes: input.limits.maxFileBytes,
      matchCap: input.limits.matchCapPerPattern,
      excerptBytes: input.limits.excerptBytes,
      blockBytes: input.blockBytes,
      overlapBytes: input.overlapBytes,
      pathExternals: input.pathExternals,
      version: 1,
    }),
  )
}

/**
 * The dedup key of one file's content under a profile: its SHA-256 alone when the rules read no
 * path external, else a hash of the SHA-256 and those externals' values.
 */
export function contentKeyOf(
  sha256: string,
  externals: FileExternals,
  used: readonly PathExternal[],
): string {
  if (used.length === 0) return sha256
  return sha256Hex([sha256, ...used.map((name) => externals[name])].join('\u0000'))
}
