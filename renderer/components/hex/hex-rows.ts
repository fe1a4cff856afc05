/**
 * Pure layout of the hex view: rows of 16 bytes, their text cells and the highlighted runs in
 * them. Nothing here touches the DOM; every character produced is printable and safe as text.
 */
import { isPrintableAscii } from '../../lib/bytes'

/** Bytes per row. */
export const BYTES_PER_ROW = 16

/** A marked range of the file (a match). */
export interface HexHighlight {
  readonly offset: number
  readonly length: number
  readonly label?: string
}

/** How the gutter reads the bytes. */
export type HexGutter = 'ascii' | 'utf16le'

/** A run of cells of one row: plain, or inside highlight `highlight` (its index). */
export interface HexRun {
  readonly text: string
  /** Index in the highlights, or null for plain bytes. */
  readonly highlight: number | null
}

/** Number of rows of a file of `size` bytes (at least one, so an empty file shows a row). */
export function rowCount(size: number): number {
  return Math.max(1, Math.ceil(size / BYTES_PER_ROW))
}

/** The row holding byte `offset`. */
export function rowOf(offset: number): number {
  return Math.floor(offset / BYTES_PER_ROW)
}

/** The offset column: hex, at least 8 digits. */
export function offsetLabel(offset: number): string {
  return offset.toString(16).padStart(8, '0')
}

/** The highlight covering `offset` (the first listed wins), or null. */
export function highlightAt(highlights: readonly HexHighlight[], offset: number): number | null {
  const index = highlights.findIndex(
    (h) => offset >= h.offset && offset < h.offset + Math.max(1, h.length),
  )
  return index === -1 ? null : index
}

/**
 * Group a row's cells into runs of the same highlight, so each run renders as one `<mark>` (or
 * plain text). `cells[i]` is the text of byte `rowStart + i * step`; `join` goes between cells.
 */
export function runsOf(
  cells: readonly string[],
  rowStart: number,
  step: number,
  highlights: readonly HexHighlight[],
  join: string,
): readonly HexRun[] {
  const runs: { text: string; highlight: number | null }[] = []
  cells.forEach((cell, i) => {
    const highlight = highlightAt(highlights, rowStart + i * step)
    const last = runs[runs.length - 1]
    if (last !== undefined && last.highlight === highlight) last.text += join + cell
    else {
      // The separator belongs to the plain text between runs, never inside a mark.
      if (last !== undefined && join !== '') runs.push({ text: join, highlight: null })
      runs.push({ text: cell, highlight })
    }
  })
  return mergePlain(runs)
}

function mergePlain(runs: readonly HexRun[]): readonly HexRun[] {
  const merged: { text: string; highlight: number | null }[] = []
  for (const run of runs) {
    const last = merged[merged.length - 1]
    if (last !== undefined && last.highlight === null && run.highlight === null)
      last.text += run.text
    else merged.push({ ...run })
  }
  return merged
}

/** The hex cells of a row's bytes (`??` for bytes not loaded). */
export function hexCells(bytes: readonly (number | undefined)[]): string[] {
  return bytes.map((b) => (b === undefined ? '??' : b.toString(16).padStart(2, '0')))
}

/** The ASCII gutter cells: printable ASCII as is, `.` for every other byte. */
export function asciiCells(bytes: readonly (number | undefined)[]): string[] {
  return bytes.map((b) =>
    b === undefined ? ' ' : isPrintableAscii(b) ? String.fromCharCode(b) : '.',
  )
}

/** Letters, digits, punctuation, symbols and the plain space: what a UTF-16 cell may show. */
const SHOWN = /^[\p{L}\p{N}\p{P}\p{S} ]$/u

/**
 * The UTF-16LE gutter cells: one per pair of bytes (rows start at even offsets). A code unit
 * that is not a visible character (controls, bidi and format characters, combining marks,
 * surrogates, other spaces) shows as `.`, so nothing can reorder or hide the text around it.
 */
export function utf16Cells(bytes: readonly (number | undefined)[]): string[] {
  const cells: string[] = []
  for (let i = 0; i < bytes.length; i += 2) {
    const lo = bytes[i]
    const hi = bytes[i + 1]
    if (lo === undefined || hi === undefined) {
      cells.push(lo === undefined ? ' ' : '.')
      continue
    }
    const char = String.fromCharCode(lo | (hi << 8))
    cells.push(SHOWN.test(char) ? char : '.')
  }
  return cells
}

/**
 * An offset typed by the analyst: `0x1f40` (hex), `1f40h` (hex) or `8000` (decimal); spaces,
 * `_` and `,` between digits are ignored. Null when it is none of these.
 */
export function parseOffset(text: string): number | null {
  const t = text.trim().replace(/[\s_,]/g, '')
  let value: number
  if (/^0x[0-9a-f]+$/i.test(t)) value = Number.parseInt(t.slice(2), 16)
  else if (/^[0-9a-f]+h$/i.test(t)) value = Number.parseInt(t.slice(0, -1), 16)
  else if (/^[0-9]+$/.test(t)) value = Number.parseInt(t, 10)
  else return null
  return Number.isSafeInteger(value) ? value : null
}

/** Highlights in file order, so "next match" walks forward. */
export function sortedHighlights(highlights: readonly HexHighlight[]): readonly HexHighlight[] {
  return [...highlights].sort((a, b) => a.offset - b.offset || a.length - b.length)
}
