#!/usr/bin/env node
/**
 * The Electronegativity gate (security-checks A2, §3).
 *
 * Electronegativity always exits 0, even with findings, so CI cannot rely on it. This script
 * reads its CSV report and fails (exit 1) on any HIGH or MEDIUM finding that the reviewed
 * allowlist does not cover; LOW and INFORMATIONAL rows are printed, never fatal.
 *
 * Usage: node scripts/security/eneg-gate.mjs <report.csv> [EXTRA_ALLOWED_ID…]
 *   The allowlist is scripts/security/eneg-allowlist.json (each entry: id, reason, and
 *   optionally `sampleIncludes`, a text the finding's source line must contain). Ids on the
 *   command line are allowed everywhere, for a one-off local run; CI passes none.
 * Exit codes: 0 pass, 1 findings that fail the gate, 2 unusable input (no file, bad CSV).
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const DEFAULT_ALLOWLIST = join(
  dirname(fileURLToPath(import.meta.url)),
  'eneg-allowlist.json',
)

/** Severities that fail the gate unless allow-listed. */
export const BLOCKING = new Set(['HIGH', 'MEDIUM'])

/**
 * Parse RFC 4180 CSV: quoted fields may hold commas, newlines and `""` (an escaped quote).
 * Electronegativity's `sample` column is a source line, so it holds all three.
 *
 * @returns the rows, each an array of fields
 * @throws Error on a quote left open at the end of the input, or text after a closing quote
 */
export function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  let afterQuote = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c !== '"') field += c
      else if (text[i + 1] === '"') {
        field += '"'
        i++
      } else {
        quoted = false
        afterQuote = true
      }
    } else if (c === ',') {
      row.push(field)
      field = ''
      afterQuote = false
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      afterQuote = false
    } else if (c === '"' && field.trim() === '' && !afterQuote) {
      // Electronegativity writes `a, "b"`: a quote after blanks still opens a quoted field.
      field = ''
      quoted = true
    } else if (afterQuote && c !== ' ') {
      throw new Error(`CSV: unexpected "${c}" after a closing quote (row ${rows.length + 1})`)
    } else if (!afterQuote) field += c
  }
  if (quoted) throw new Error('CSV: a quoted field is not closed')
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''))
}

/**
 * The findings of an Electronegativity CSV report, keyed by its (trimmed) header names.
 *
 * @throws Error when the header lacks `issue` or `severity`
 */
export function readFindings(text) {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''))
  const names = (header ?? []).map((h) => h.trim().toLowerCase())
  for (const needed of ['issue', 'severity']) {
    if (!names.includes(needed)) throw new Error(`CSV: no "${needed}" column in the header`)
  }
  return rows.map((fields) => {
    const finding = {}
    names.forEach((name, i) => {
      finding[name] = (fields[i] ?? '').trim()
    })
    return finding
  })
}

/**
 * Validate the allowlist file's content: every entry needs an id and a reason.
 *
 * @throws Error on a malformed entry
 */
export function readAllowlist(json) {
  if (!Array.isArray(json)) throw new Error('allowlist: expected an array of entries')
  return json.map((entry, i) => {
    const ok =
      entry !== null &&
      typeof entry === 'object' &&
      typeof entry.id === 'string' &&
      /^[A-Z0-9_]+$/.test(entry.id) &&
      typeof entry.reason === 'string' &&
      entry.reason.trim().length >= 10 &&
      (entry.sampleIncludes === undefined || typeof entry.sampleIncludes === 'string')
    if (!ok) throw new Error(`allowlist: entry ${i} needs an upper-case id and a reason`)
    return entry
  })
}

function allowedBy(finding, allowlist) {
  return allowlist.find(
    (entry) =>
      entry.id === finding.issue &&
      (entry.sampleIncludes === undefined || (finding.sample ?? '').includes(entry.sampleIncludes)),
  )
}

/**
 * Sort the findings into failed (HIGH/MEDIUM, not allow-listed), allowed and ignored (the rest).
 */
export function gate(findings, allowlist) {
  const failed = []
  const allowed = []
  const ignored = []
  for (const finding of findings) {
    const severity = (finding.severity ?? '').toUpperCase()
    if (!BLOCKING.has(severity)) ignored.push(finding)
    else if (allowedBy(finding, allowlist) !== undefined) allowed.push(finding)
    else failed.push(finding)
  }
  return { failed, allowed, ignored }
}

function describe(finding) {
  const where = `${finding.filename ?? '?'}:${finding.location ?? '?'}`
  return `${finding.issue} ${finding.severity}/${finding.confidence ?? '?'} at ${where}: ${finding.sample ?? ''}`
}

/** Run the gate as a command; returns the exit code. */
export function main(argv, log = console.log) {
  const [csvPath, ...extraIds] = argv
  if (csvPath === undefined) {
    log('usage: eneg-gate.mjs <report.csv> [EXTRA_ALLOWED_ID…]')
    return 2
  }
  let findings
  let allowlist
  try {
    findings = readFindings(readFileSync(csvPath, 'utf8'))
    allowlist = [
      ...readAllowlist(JSON.parse(readFileSync(DEFAULT_ALLOWLIST, 'utf8'))),
      ...extraIds.map((id) => ({ id, reason: 'allowed on the command line' })),
    ]
  } catch (error) {
    log(`eneg-gate: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
  const { failed, allowed, ignored } = gate(findings, allowlist)
  for (const f of allowed)
    log(`ALLOWED  ${describe(f)}\n         (${allowedBy(f, allowlist).reason})`)
  for (const f of ignored) log(`ignored  ${describe(f)}`)
  for (const f of failed) log(`FAILED   ${describe(f)}`)
  log(
    `eneg-gate: ${findings.length} findings: ${failed.length} failed, ${allowed.length} allowed, ` +
      `${ignored.length} below MEDIUM`,
  )
  if (failed.length > 0)
    log(`eneg-gate: failing ids: ${[...new Set(failed.map((f) => f.issue))].join(', ')}`)
  return failed.length > 0 ? 1 : 0
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2))
}
