import type { RulePackSummary } from '../model/rules'
import type { TlpLevel } from '../model/tlp'
import type { RuleSourceRef } from '../scan/child/protocol'
import type { PackSuppression } from './suppressions-file'

/** One rule of a loaded pack, with what findings and the UI need to know about it. */
export interface PackRule {
  readonly id: string | null
  readonly name: string
  readonly namespace: string
  /** The rule's file, relative to the pack (`rules/webshells.yar`). */
  readonly file: string
  readonly logicHash: string
  readonly status: 'active' | 'testing' | 'disabled'
  readonly score: number
  readonly tags: readonly string[]
  /** The rule's meta as the engine reports it on a match (last value of a repeated key). */
  readonly meta: Readonly<Record<string, string | number | boolean>>
  /** The rule as it can be shared: compiles on its own (see `selfContainedSources`). */
  readonly source: string
}

/** A rule pack checked and ready to compile. */
export interface LoadedPack {
  readonly summary: RulePackSummary
  /** The YARA namespace every rule of the pack compiles in. */
  readonly namespace: string
  readonly sources: readonly RuleSourceRef[]
  readonly rules: readonly PackRule[]
  /** SHA-256 of `pack.json`, or of the canonical file listing of a local pack. */
  readonly manifestSha256: string
  /** The publisher's TLP for the pack (its rules and their hits share no wider); null: none. */
  readonly tlp: TlpLevel | null
  /** The publisher's false-positive suppressions (`suppressions.json`); empty when none. */
  readonly suppressions: readonly PackSuppression[]
  /** Set when only these rules of the pack run (a retro-hunt: see pack-subset.ts). */
  readonly subset?: readonly string[]
}

/** What a loader knows once a pack checks out. */
export interface PackParts {
  readonly name: string
  readonly version: string
  readonly origin: 'bundled' | 'local'
  readonly root: string
  readonly namespace: string
  readonly sources: readonly { readonly path: string; readonly displayName: string }[]
  readonly rules: readonly PackRule[]
  readonly manifestSha256: string
  readonly tlp?: TlpLevel | undefined
  readonly suppressions?: readonly PackSuppression[] | undefined
}

/** The {@link LoadedPack} of a checked pack, whichever loader checked it. */
export function assembleLoadedPack(parts: PackParts): LoadedPack {
  return {
    summary: {
      name: parts.name,
      version: parts.version,
      description: null,
      origin: parts.origin,
      // Signing arrives with the rule-pack issue; until then no pack is signed.
      signed: false,
      ruleCount: parts.rules.length,
      manifestSha256: parts.manifestSha256,
      path: parts.root,
    },
    namespace: parts.namespace,
    sources: parts.sources.map((s) => ({ namespace: parts.namespace, ...s })),
    rules: parts.rules,
    manifestSha256: parts.manifestSha256,
    tlp: parts.tlp ?? null,
    suppressions: parts.suppressions ?? [],
  }
}
