import type { TriageStatus } from '../../../main/core/model/findings'
import type { SigningKeyView } from '../../../main/core/model/sharing'
import type { TlpLevel } from '../../../main/core/model/tlp'
import type { ChannelInput } from '../../../main/ipc/contract'

/** A redaction profile of `share:export`. */
export type RedactionProfile = 'none' | 'partner' | 'strict'

/** The profiles with their label and one-line explanation, in the order the form lists them. */
export const REDACTION_PROFILES: readonly {
  readonly value: RedactionProfile
  readonly label: string
  readonly explanation: string
}[] = [
  { value: 'none', label: 'None', explanation: 'Everything as recorded in the case.' },
  {
    value: 'partner',
    label: 'Partner',
    explanation: 'Analyst, user and host names and the case number are replaced.',
  },
  {
    value: 'strict',
    label: 'Strict',
    explanation: 'As Partner, and matched bytes are replaced by their hashes.',
  },
]

/** Every triage status (the renderer's copy of `TRIAGE_STATUSES`), in the form's order. */
export const TRIAGE_CHOICES = [
  'new',
  'needs-review',
  'confirmed',
  'false-positive',
  'benign',
] as const satisfies readonly TriageStatus[]

/** The statuses exported by default: what is still open or confirmed, not what was dismissed. */
export const DEFAULT_TRIAGE: readonly TriageStatus[] = ['new', 'needs-review', 'confirmed']

/** What the export form holds. */
export interface ExportDraft {
  readonly tlp: TlpLevel
  readonly redaction: RedactionProfile
  /** Comma-separated extra words to redact. */
  readonly extraTerms: string
  /** The minimum score as typed ('' for none). */
  readonly minScore: string
  readonly triage: readonly TriageStatus[]
  readonly keyId: string
  readonly passphrase: string
  readonly folder: string
}

/** A fresh draft at the case's default TLP, signed with the first key. */
export function initialExportDraft(
  defaultTlp: TlpLevel,
  keys: readonly SigningKeyView[],
): ExportDraft {
  return {
    tlp: defaultTlp,
    redaction: 'partner',
    extraTerms: '',
    minScore: '',
    triage: DEFAULT_TRIAGE,
    keyId: keys[0]?.keyId ?? '',
    passphrase: '',
    folder: '',
  }
}

/** The key the draft signs with (the first one when the chosen one is gone). */
export function chosenKey(
  draft: ExportDraft,
  keys: readonly SigningKeyView[],
): SigningKeyView | undefined {
  return keys.find((k) => k.keyId === draft.keyId) ?? keys[0]
}

/** The extra terms of the draft: trimmed, blanks dropped. */
export function parseTerms(raw: string): readonly string[] {
  return raw
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
}

/** The minimum score, undefined when blank, null when it is not a whole number 0–100. */
export function parseMinScore(raw: string): number | undefined | null {
  if (raw.trim() === '') return undefined
  const n = Number(raw)
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : null
}

/**
 * The `share:export` input for a draft, or the sentence saying what to fix.
 *
 * The passphrase is sent only when the chosen key is sealed by one.
 */
export function toExportInput(
  draft: ExportDraft,
  keys: readonly SigningKeyView[],
): ChannelInput<'share:export'> | string {
  const key = chosenKey(draft, keys)
  const minScore = parseMinScore(draft.minScore)
  const terms = parseTerms(draft.extraTerms)
  const needsPassphrase = key?.protection === 'passphrase'
  if (key === undefined) return 'Create a signing key first.'
  if (draft.folder.trim() === '') return 'Enter the folder to write the bundle to.'
  if (minScore === null) return 'The minimum score is a whole number from 0 to 100.'
  if (draft.triage.length === 0) return 'Choose at least one triage status to include.'
  if (terms.some((t) => t.length < 2)) return 'Each word to redact needs at least 2 characters.'
  if (needsPassphrase && draft.passphrase === '') return "Enter the signing key's passphrase."
  return {
    folder: draft.folder.trim(),
    tlp: draft.tlp,
    redaction: draft.redaction,
    triage: [...draft.triage],
    keyId: key.keyId,
    ...(terms.length === 0 ? {} : { extraTerms: [...terms] }),
    ...(minScore === undefined ? {} : { minScore }),
    ...(needsPassphrase ? { passphrase: draft.passphrase } : {}),
  }
}
