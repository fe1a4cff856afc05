import { AppError } from '../model/errors'

/** What a redaction profile can remove. */
export const REDACTION_RULES = [
  /** Examiner and note-author names (everywhere they appear, including free text). */
  'analyst-names',
  /** User-profile folder names in paths (`Users/alice`, `home/bob`) and UNC host names. */
  'path-user-names',
  /** The case number (the field, and wherever it appears in text). */
  'case-number',
  /** Matched bytes: replaced by their SHA-256. */
  'excerpts',
] as const

/** One of {@link REDACTION_RULES}. */
export type RedactionRule = (typeof REDACTION_RULES)[number]

/** Named profiles: what an analyst picks at export. */
export const REDACTION_PROFILES = {
  none: [],
  partner: ['analyst-names', 'path-user-names', 'case-number'],
  strict: ['analyst-names', 'path-user-names', 'case-number', 'excerpts'],
} as const satisfies Record<string, readonly RedactionRule[]>

/** One of the profile names. */
export type RedactionProfileName = keyof typeof REDACTION_PROFILES

/** True when `name` is a profile name. */
export function isRedactionProfile(name: string): name is RedactionProfileName {
  return Object.hasOwn(REDACTION_PROFILES, name)
}

/** Profile folders that are not a person (left as they are). */
const SHARED_PROFILES = new Set([
  'public',
  'default',
  'default user',
  'all users',
  'shared',
  'guest',
  'defaultapppool',
])

/** `Users/<name>`, `home/<name>`, `Documents and Settings/<name>` at any depth. */
const PROFILE_PARENT = /^(users|home|documents and settings)$/i

/** What the export knows before it redacts: names to look for. */
export interface RedactionInput {
  readonly profile: RedactionProfileName
  /** Every analyst name in the exported data (examiner, note authors, audit actors). */
  readonly analystNames: readonly string[]
  /** Every path the export carries, to find user-profile names in. */
  readonly paths: readonly string[]
  readonly caseNumber: string | null
  /** Extra words the analyst wants gone everywhere (host names, operation names, …). */
  readonly extraTerms: readonly string[]
}

/**
 * Applies one redaction profile consistently to every value of an export.
 *
 * Replacements are deterministic pseudonyms (`[analyst-1]`, `[user-2]`) numbered in sorted order
 * of the originals, so the same case exported twice redacts to the same bytes, and the partner can
 * still see that two paths belong to the same user. Counts of what was replaced go to the manifest.
 */
export class Redactor {
  readonly rules: readonly RedactionRule[]
  private readonly replacements: readonly Replacement[]
  private readonly counts = new Map<string, number>()

  constructor(input: RedactionInput) {
    this.rules = REDACTION_PROFILES[input.profile]
    this.replacements = buildReplacements(input, this.rules)
  }

  /** True when the profile includes `rule`. */
  has(rule: RedactionRule): boolean {
    return this.rules.includes(rule)
  }

  /**
   * Free text (names, paths, descriptions, notes, audit details) with every known term replaced
   * where it stands as a whole word (`bob` in `Users/bob/x`, not in `bobcat.exe`).
   */
  text(value: string): string {
    let out = value
    for (const { from, pattern, to, rule } of this.replacements) {
      if (!out.includes(from)) continue
      out = out.replace(pattern, () => {
        this.count(rule)
        return to
      })
    }
    return out
  }

  /** A nullable text. */
  optional(value: string | null): string | null {
    return value === null ? null : this.text(value)
  }

  /** An analyst name: its pseudonym, or the name when analyst names are kept. */
  analyst(name: string): string {
    return this.text(name)
  }

  /** Record replacements made outside {@link text} (an excerpt hashed, a field dropped). */
  count(rule: string, n = 1): void {
    if (n > 0) this.counts.set(rule, (this.counts.get(rule) ?? 0) + n)
  }

  /** How many values each rule replaced, keys sorted. */
  replaced(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
  }
}

interface Replacement {
  readonly from: string
  readonly pattern: RegExp
  readonly to: string
  readonly rule: string
}

function buildReplacements(input: RedactionInput, rules: readonly RedactionRule[]): Replacement[] {
  const out: Replacement[] = []
  const add = (values: Iterable<string>, prefix: string, rule: string): void => {
    const distinct = [...new Set([...values].map((v) => v.trim()).filter((v) => v.length >= 2))]
    distinct.sort()
    distinct.forEach((from, i) =>
      out.push({ from, pattern: wholeWord(from), to: `[${prefix}-${i + 1}]`, rule }),
    )
  }
  if (rules.includes('analyst-names')) add(input.analystNames, 'analyst', 'analyst-names')
  if (rules.includes('path-user-names')) add(profileNames(input.paths), 'user', 'path-user-names')
  if (rules.includes('case-number') && input.caseNumber !== null) {
    add([input.caseNumber], 'case-number', 'case-number')
  }
  add(input.extraTerms, 'redacted', 'terms')
  // Longest first, so "alice.smith" is replaced before "alice".
  return out.sort((a, b) => b.from.length - a.from.length || (a.from < b.from ? -1 : 1))
}

/** `term` where no letter, digit or underscore touches it on either side. */
function wholeWord(term: string): RegExp {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'gu')
}

/** User-profile folder names found in paths, and host names of UNC paths. */
export function profileNames(paths: readonly string[]): Set<string> {
  const names = new Set<string>()
  for (const path of paths) {
    const segments = path.split('/')
    segments.forEach((segment, i) => {
      const next = segments[i + 1]
      if (next !== undefined && PROFILE_PARENT.test(segment) && next !== '') {
        if (!SHARED_PROFILES.has(next.toLowerCase())) names.add(next)
      }
    })
    const unc = /^\/\/([^/]+)\//.exec(path)
    if (unc?.[1] !== undefined) names.add(unc[1])
  }
  return names
}

/** Parse a profile name from the command line or the UI. */
export function parseRedactionProfile(name: string): RedactionProfileName {
  if (isRedactionProfile(name)) return name
  throw new AppError(
    'INVALID_INPUT',
    `Unknown redaction profile "${name}": use ${Object.keys(REDACTION_PROFILES).join(', ')}.`,
  )
}
