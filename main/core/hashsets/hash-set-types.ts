/** A digest algorithm a hash set can hold. */
export type HashAlgo = 'md5' | 'sha1' | 'sha256'

/** Every {@link HashAlgo}, strongest first (the order lookups report a match in). */
export const HASH_ALGOS: readonly HashAlgo[] = ['sha256', 'sha1', 'md5']

/** What a set is for: skip what is known good, flag what is known bad. */
export type HashSetPurpose = 'known-good' | 'known-bad'

/** Where a set came from (the `hash_sets.format` column). */
export type HashSetFormat = 'hash-list' | 'nsrl-rds3' | 'bundle'

/** One digest read from a source; `digest` holds the raw bytes, not hex. */
export interface HashSetEntry {
  readonly algo: HashAlgo
  readonly digest: Buffer
  readonly label: string | null
}

/** A line (or record) a parser could not use. */
export interface BadLine {
  readonly line: number
  readonly reason: string
  /** The start of the line, for the analyst to find it. */
  readonly text: string
}

/** What a parser saw besides its entries; filled in while the entries are read. */
export interface ParseReport {
  /** Lines or records read (comments and blank lines excluded). */
  records: number
  /** Repeats a parser collapsed itself (the importer counts the ones the database drops). */
  duplicates: number
  badLines: number
  readonly firstBad: BadLine[]
}

/** A source opened by a parser: its entries, in batches, read once. */
export interface HashSetSource {
  readonly format: HashSetFormat
  /** The file whose SHA-256 identifies the source (the bundle.json of a folder, say). */
  readonly identityPath: string
  /** A note recorded with the set (e.g. that a bundle's signature was not verified). */
  readonly note: string | null
  readonly report: ParseReport
  /** Batches of entries; bounded in size so memory stays flat whatever the source's size. */
  batches(): AsyncIterable<readonly HashSetEntry[]> | Iterable<readonly HashSetEntry[]>
  close(): void
}

/** How many bad lines are reported by number (all are counted). */
export const MAX_REPORTED_BAD_LINES = 10

/** Entries per batch and per write transaction. */
export const BATCH_SIZE = 10_000

/** A fresh, empty {@link ParseReport}. */
export function newReport(): ParseReport {
  return { records: 0, duplicates: 0, badLines: 0, firstBad: [] }
}

/** Count a bad line and keep the first few for the summary. */
export function noteBadLine(report: ParseReport, line: number, reason: string, text: string): void {
  report.badLines += 1
  if (report.firstBad.length < MAX_REPORTED_BAD_LINES) {
    report.firstBad.push({ line, reason, text: text.length > 80 ? `${text.slice(0, 80)}…` : text })
  }
}
