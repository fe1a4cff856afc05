import type { HashSetEntry, HashSetSource, ParseReport } from './hash-set-types'
import { BATCH_SIZE, newReport, noteBadLine } from './hash-set-types'
import { algoOfHex, algoOfName } from './hex-digest'
import type { TextLine } from './line-reader'
import { MAX_LINE_BYTES, readLineBatches } from './line-reader'

/** Where the digests and the label of a CSV file are. */
interface CsvLayout {
  readonly delimiter: string
  readonly hashColumns: readonly { readonly index: number; readonly algo: HashEntryAlgo }[]
  readonly labelColumn: number | null
}

type HashEntryAlgo = HashSetEntry['algo']

type LineResult = readonly HashSetEntry[] | string

const LABEL_COLUMNS = ['filename', 'name', 'file', 'filepath', 'path']
const BSD_TAG = /^(MD5|SHA1|SHA-1|SHA256|SHA-256) ?\((.*)\) ?= ?([0-9A-Fa-f]+)$/

/**
 * Open a plain hash list for streaming.
 *
 * Accepts one hex digest per line (the algorithm follows from its length: 32 MD5, 40 SHA-1,
 * 64 SHA-256) with an optional label after whitespace or a comma, which covers the
 * `sha256sum`/`md5sum` output (`<hash>  name`, `<hash> *name`, `\`-escaped names) and BSD
 * `SHA256 (name) = <hash>` lines; `#` comments and blank lines are skipped. A first line that
 * names hash columns (`"SHA-1","MD5",…,"FileName"` as in the NSRL RDS 2.x `NSRLFile.txt`) makes
 * it a CSV: every MD5/SHA-1/SHA-256 column is read, FileName (or Name/Path) is the label.
 */
export function openHashList(path: string): HashSetSource {
  const report = newReport()
  return {
    format: 'hash-list',
    identityPath: path,
    note: null,
    report,
    batches: () => hashListBatches(path, report),
    close: () => undefined,
  }
}

async function* hashListBatches(
  path: string,
  report: ParseReport,
): AsyncGenerator<readonly HashSetEntry[]> {
  let layout: CsvLayout | null | undefined
  let batch: HashSetEntry[] = []
  for await (const lines of readLineBatches(path)) {
    for (const line of lines) {
      const text = line.text.trim()
      if (!line.tooLong && (text === '' || text.startsWith('#'))) continue
      if (layout === undefined) {
        layout = line.tooLong ? null : csvLayout(text)
        if (layout !== null) continue
      }
      report.records += 1
      const result = parseLine(line, text, layout)
      if (typeof result === 'string') noteBadLine(report, line.number, result, text)
      else for (const entry of result) batch.push(entry)
      if (batch.length >= BATCH_SIZE) {
        yield batch
        batch = []
      }
    }
  }
  if (batch.length > 0) yield batch
}

function parseLine(line: TextLine, text: string, layout: CsvLayout | null): LineResult {
  if (line.tooLong) return `longer than ${MAX_LINE_BYTES} bytes`
  return layout === null ? parsePlainLine(text) : parseCsvLine(text, layout)
}

/** One plain line: `<hex>[sep label]`, a `\`-escaped sha256sum line, or a BSD tag line. */
export function parsePlainLine(text: string): LineResult {
  const tagged = BSD_TAG.exec(text)
  if (tagged) return oneEntry(tagged[3] ?? '', tagged[2] ?? null, algoOfName(tagged[1] ?? ''))
  const escaped = text.startsWith('\\')
  const body = escaped ? text.slice(1) : text
  const match = /^([^\s,;]+)[\s,;]*(.*)$/.exec(body)
  const hex = match?.[1] ?? ''
  let label = (match?.[2] ?? '').trim()
  // sha256sum marks binary mode with `*` before the name.
  if (label.startsWith('*')) label = label.slice(1)
  label = unquote(label)
  if (escaped)
    label = label.replace(/\\(\\|n|r)/g, (_, c: string) =>
      c === 'n' ? '\n' : c === 'r' ? '\r' : '\\',
    )
  return oneEntry(hex, label === '' ? null : label, null)
}

function oneEntry(hex: string, label: string | null, expected: HashEntryAlgo | null): LineResult {
  const algo = algoOfHex(hex)
  if (algo === null) return describeBadDigest(hex)
  if (expected !== null && algo !== expected) return `the digest does not fit ${expected}`
  return [{ algo, digest: Buffer.from(hex, 'hex'), label }]
}

function describeBadDigest(hex: string): string {
  if (!/^[0-9A-Fa-f]+$/.test(hex)) return 'not a hexadecimal digest'
  return `${hex.length} hex digits (expected 32 for MD5, 40 for SHA-1 or 64 for SHA-256)`
}

/** The CSV layout named by a header line, or null when the line is not a header. */
export function csvLayout(text: string): CsvLayout | null {
  const delimiter = text.includes(',') ? ',' : text.includes('\t') ? '\t' : null
  if (delimiter === null) return null
  const names = splitCsv(text, delimiter).map((n) => n.trim())
  if (algoOfHex(names[0] ?? '') !== null) return null
  const hashColumns = names.flatMap((name, index) => {
    const algo = algoOfName(name)
    return algo === null ? [] : [{ index, algo }]
  })
  if (hashColumns.length === 0) return null
  const normalized = names.map((n) => n.toLowerCase().replace(/[-_\s]/g, ''))
  const labelColumn = LABEL_COLUMNS.map((n) => normalized.indexOf(n)).find((i) => i >= 0)
  return { delimiter, hashColumns, labelColumn: labelColumn ?? null }
}

function parseCsvLine(text: string, layout: CsvLayout): LineResult {
  const fields = splitCsv(text, layout.delimiter)
  const rawLabel = layout.labelColumn === null ? '' : (fields[layout.labelColumn] ?? '').trim()
  const label = rawLabel === '' ? null : rawLabel
  const entries: HashSetEntry[] = []
  let problem: string | null = null
  for (const { index, algo } of layout.hashColumns) {
    const value = (fields[index] ?? '').trim()
    if (value === '') continue
    if (algoOfHex(value) === algo) entries.push({ algo, digest: Buffer.from(value, 'hex'), label })
    else problem ??= `column ${index + 1} is not a ${algo} digest`
  }
  if (entries.length > 0) return entries
  return problem ?? 'no digest in the hash columns'
}

/** Split one CSV line (RFC 4180 quoting, `""` for a quote; no fields spanning lines). */
export function splitCsv(text: string, delimiter: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? ''
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === delimiter) {
      fields.push(field)
      field = ''
    } else field += c
  }
  fields.push(field)
  return fields
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text
}
