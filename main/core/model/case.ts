import type { TlpLevel } from './tlp'

/** The identity of a case, as stored in its database. */
export interface CaseInfo {
  readonly uuid: string
  readonly name: string
  readonly caseNumber: string | null
  readonly examiner: string
  readonly description: string | null
  /** What findings, files and notes without a TLP of their own share at. */
  readonly defaultTlp: TlpLevel
  readonly createdAt: string
  readonly appVersion: string
  /** Absolute path of the case database file. */
  readonly path: string
  readonly schemaVersion: number
}

/** A case the app has opened before, for the start screen. */
export interface RecentCase {
  readonly path: string
  readonly name: string
  readonly openedAt: string
}
