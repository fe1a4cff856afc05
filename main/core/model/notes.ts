import type { TlpLevel } from './tlp'

/** An analyst's note on a finding. */
export interface NoteView {
  readonly id: number
  readonly uuid: string
  readonly findingId: number | null
  readonly author: string
  readonly createdAt: string
  readonly body: string
  /** Null: the case's default TLP. */
  readonly tlp: TlpLevel | null
}

/** The longest note accepted (notes are plain text, kept as data). */
export const MAX_NOTE_CHARS = 20_000
