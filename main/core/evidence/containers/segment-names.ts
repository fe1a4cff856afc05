import { statSync } from 'node:fs'
import { AppError } from '../../model/errors'

/** Most segments a split raw set may have (a 3-digit set has 999). */
const MAX_SPLIT_SEGMENTS = 100_000

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() === true
}

/** Name-pattern of a split set: how to name segment `index` (0-based from the first). */
interface SplitPattern {
  readonly name: (index: number) => string | null
}

function numericPattern(path: string): SplitPattern | null {
  const match = /^(.*\.)(\d{2,})$/.exec(path)
  if (match === null) return null
  const [, stem = '', digits = ''] = match
  const width = digits.length
  const zero = `${stem}${'0'.repeat(width)}`
  // `.000 .001 …` when a `.000` exists, else `.001 .002 …`.
  const first = exists(zero) ? 0 : 1
  return {
    name: (index) => {
      const n = first + index
      return n < 10 ** width ? `${stem}${String(n).padStart(width, '0')}` : null
    },
  }
}

function alphabeticPattern(path: string): SplitPattern | null {
  const match = /^(.*\.)([a-z]{2,3}|[A-Z]{2,3})$/.exec(path)
  if (match === null) return null
  const [, stem = '', letters = ''] = match
  const base = letters === letters.toUpperCase() ? 65 : 97
  const width = letters.length
  return {
    name: (index) => {
      if (index >= 26 ** width) return null
      let name = ''
      for (let i = 0, rest = index; i < width; i++, rest = Math.floor(rest / 26))
        name = String.fromCharCode(base + (rest % 26)) + name
      return `${stem}${name}`
    },
  }
}

/**
 * The segments of the split raw set `path` belongs to, first to last, or null when `path` is
 * not part of one (no name pattern, or no sibling segment: a lone `x.001` is plain raw).
 *
 * Patterns: `x.001 x.002 …` (or from `x.000`), `x.aa x.ab …` (`split`'s suffixes), with any
 * stem (`disk.raw.001`). Whichever segment is given, the set is opened from its first.
 *
 * @throws AppError `EVIDENCE_SEGMENT_MISSING` when a segment in the middle is missing.
 */
export function findSplitSegments(path: string): string[] | null {
  for (const pattern of [numericPattern(path), alphabeticPattern(path)]) {
    if (pattern === null) continue
    const segments = enumerate(pattern)
    if (segments.length === 0) continue
    // The run of segments stops early when the one after the gap exists, or `path` lies beyond it.
    const beyond = pattern.name(segments.length + 1)
    if (!segments.includes(path) || (beyond !== null && exists(beyond)))
      throw missingSegment(pattern.name(segments.length) ?? path, segments[0] ?? path)
    if (segments.length >= 2) return segments
  }
  return null
}

function missingSegment(missing: string, first: string): AppError {
  return new AppError(
    'EVIDENCE_SEGMENT_MISSING',
    `Segment ${missing} of the split image ${first} is missing, so the segments after it cannot ` +
      'be placed. Copy every segment beside the first and open it again.',
  )
}

function enumerate(pattern: SplitPattern): string[] {
  const segments: string[] = []
  for (let i = 0; i < MAX_SPLIT_SEGMENTS; i++) {
    const name = pattern.name(i)
    if (name === null || !exists(name)) break
    segments.push(name)
  }
  return segments
}

/**
 * The path of EWF segment `n` (1-based) of the set whose first segment is `first`:
 * `.E01 … .E99`, then `.EAA … .EZZ`, `.FAA …` up to `.ZZZ` (libewf's rule; `.e01` stays
 * lower-case, `.s01` works the same). Null when `first` has no such extension or `n` is past `.ZZZ`.
 */
export function ewfSegmentPath(first: string, n: number): string | null {
  const match = /^(.*\.)([A-Za-z])01$/.exec(first)
  if (match === null) return n === 1 ? first : null
  const [, stem = '', letter = 'E'] = match
  if (n <= 99) return `${stem}${letter}${String(n).padStart(2, '0')}`
  const upper = letter === letter.toUpperCase()
  const index = n - 100
  const lead = letter.toUpperCase().charCodeAt(0) + Math.floor(index / 676)
  if (lead > 90) return null
  const chars = [lead, 65 + (Math.floor(index / 26) % 26), 65 + (index % 26)]
  const suffix = String.fromCharCode(...chars)
  return `${stem}${upper ? suffix : suffix.toLowerCase()}`
}

/**
 * The first segment of the EWF set `path` (segment number `segment`, from its file header)
 * belongs to: `x.E03` → `x.E01`, `x.EAB` → `x.E01`. Null when the name is not the one that
 * segment number would have (a renamed segment: its siblings cannot be found by name).
 */
export function ewfFirstSegment(path: string, segment: number): string | null {
  if (segment === 1) return path
  const match = /^(.*\.)([A-Za-z])[A-Za-z0-9]{2}$/.exec(path)
  if (match === null) return null
  const [, stem = '', lead = 'E'] = match
  const lower = lead === lead.toLowerCase()
  for (const base of ['E', 'S']) {
    const first = `${stem}${lower ? base.toLowerCase() : base}01`
    if (ewfSegmentPath(first, segment) === path) return first
  }
  return null
}
