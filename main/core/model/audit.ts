/** The last entry of the audit chain: what exports anchor so a deleted tail is caught. */
export interface AuditHead {
  readonly seq: number
  readonly hash: string
}

/** The result of walking the audit chain. */
export interface AuditVerification {
  readonly ok: boolean
  readonly entries: number
  readonly head: AuditHead | null
  /** The first entry that does not verify, with the reason. */
  readonly firstBroken: { readonly seq: number; readonly reason: string } | null
}

/** One audit entry as the UI shows it. */
export interface AuditEntry {
  readonly seq: number
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly subject: string | null
  readonly details: unknown
  readonly hash: string
}

/** One entry of the audit view (`audit:list`): the details parsed, the chain link shown. */
export interface AuditListEntry {
  readonly seq: number
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly subject: string | null
  /** The details as an object (a value that is not an object comes as `{ value }`). */
  readonly details: Readonly<Record<string, unknown>>
  readonly hash: string
  readonly prevHash: string
}

/** A page of the audit view, newest first, with the number of entries the filters match. */
export interface AuditPage {
  readonly total: number
  readonly entries: readonly AuditListEntry[]
}
