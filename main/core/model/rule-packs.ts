import type { TlpLevel } from './tlp'

/** Who vouches for an installed pack version. */
export type PackSignatureStatus = 'own' | 'trusted' | 'unsigned' | 'bundled'

/** The publisher key of a pack, as this workbench knows it (org and fingerprint when known). */
export interface PackSignerView {
  readonly keyId: string
  /** Our own key's organisation, or the one the trust store records; null: key not known here. */
  readonly org: string | null
  readonly fingerprint: string | null
}

/** One installed version of a pack. */
export interface PackVersionView {
  /** The store's id of this version (`<version>-<sequence>`); null for the bundled pack. */
  readonly installId: string | null
  readonly version: string
  readonly sequence: number | null
  readonly signature: PackSignatureStatus
  readonly signer: PackSignerView | null
  readonly installedAt: string | null
  readonly installedBy: string | null
  /** Null when the version's files could not be read (then `problem` says why). */
  readonly ruleCount: number | null
  readonly tlp: TlpLevel | null
  readonly problem: string | null
  /** Unsigned local packs: the folder or file imported, and how many rules were dropped. */
  readonly source: string | null
  readonly droppedCount: number
}

/** An installed pack: its active version and every other version kept for rollback. */
export interface PackView {
  readonly name: string
  readonly active: PackVersionView | null
  /** Every version, newest sequence first, the active one included. */
  readonly versions: readonly PackVersionView[]
}

/** A rule, as the UI and a retro-hunt name it. */
export interface PackRuleRef {
  readonly id: string | null
  readonly name: string
}

/** One rule of a pack's active version. */
export interface PackRuleView extends PackRuleRef {
  readonly namespace: string
  readonly score: number
  readonly status: 'active' | 'testing' | 'disabled'
  readonly tags: readonly string[]
  readonly file: string
}

/** A rule present in both versions, as it was and as it is. */
export interface PackRulePairView {
  readonly before: PackRuleRef
  readonly after: PackRuleRef
  /** For a status change: the two statuses. */
  readonly detail: string | null
}

/** What changes between the active version and the pack being imported. */
export interface PackDiffView {
  readonly added: readonly PackRuleRef[]
  readonly removed: readonly PackRuleRef[]
  readonly renamed: readonly PackRulePairView[]
  readonly logicChanged: readonly PackRulePairView[]
  readonly metaOnly: readonly PackRulePairView[]
  readonly statusChanged: readonly PackRulePairView[]
  readonly reIdentified: readonly PackRulePairView[]
  readonly engineChanged: boolean
  readonly unchanged: number
}

/** A rule a plain-folder import left out because it did not compile. */
export interface DroppedRuleView {
  readonly file: string
  /** Null when the whole file was dropped. */
  readonly rule: string | null
  readonly line: number | null
  readonly reason: string
}

/** A checked pack waiting for the analyst: activate it or discard it. */
export interface PackImportPreview {
  /** Names the plan held in main; confirm or discard with it. */
  readonly token: string
  /** A signed pack (`pack.json`), or a plain rule folder or file as an unsigned local pack. */
  readonly kind: 'signed' | 'local'
  readonly name: string
  readonly version: string
  /** Null for a local pack (its store sequence is given at install). */
  readonly sequence: number | null
  readonly ruleCount: number
  readonly tlp: TlpLevel | null
  readonly signature: 'own' | 'trusted' | 'unsigned'
  readonly signer: PackSignerView | null
  /** False for a legacy minisign signature (over the raw file). */
  readonly prehashed: boolean
  /** The active version it replaces; null for a new pack. */
  readonly previous: { readonly version: string; readonly sequence: number } | null
  /** Null when no version of this pack is active (a new pack: every rule is new). */
  readonly diff: PackDiffView | null
  readonly warnings: readonly string[]
  /** Rules left out of a plain folder ("drop invalid rules"); empty for a signed pack. */
  readonly dropped: readonly DroppedRuleView[]
}

/** What an activated import leaves to do. */
export interface PackImportOutcome {
  readonly name: string
  readonly active: PackVersionView
  /** The version it replaced (for a retro-hunt or a rollback); null for a new pack. */
  readonly previousId: string | null
  /** The new and logic-changed rules: what a retro-hunt of the open case needs to run. */
  readonly retroHuntRules: readonly PackRuleRef[]
}
