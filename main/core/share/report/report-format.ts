import type { TlpLevel } from '../../model/tlp'
import { tlpLabel } from '../../model/tlp'
import type { SafeHtml } from './html-escape'
import { html } from './html-escape'

/**
 * `1234567` → `1,234,567`, the same on every machine.
 *
 * `toLocaleString` would make the report depend on the exporting machine's locale.
 */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : ''
  const digits = String(Math.trunc(Math.abs(value)))
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const

/**
 * A byte count for people: `44 bytes`, `16.0 MiB (16,777,216 bytes)`.
 *
 * The exact count is always kept next to the rounded one.
 */
export function formatBytes(value: number | null): string {
  if (value === null) return '—'
  if (value < 1024) return `${formatCount(value)} bytes`
  let scaled = value
  let unit: string = UNITS[0]
  for (const next of UNITS) {
    if (scaled < 1024) break
    scaled /= 1024
    unit = next
  }
  return `${scaled.toFixed(1)} ${unit} (${formatCount(value)} bytes)`
}

/**
 * An offset in hex and decimal: `0x0000000c (12)`.
 *
 * At least eight hex digits so columns line up.
 */
export function formatOffset(offset: number): string {
  return `0x${offset.toString(16).padStart(8, '0')} (${formatCount(offset)})`
}

/**
 * An excerpt's bytes as a hex dump: 16 bytes a line, hex then printable ASCII (`.` otherwise).
 *
 * Plain text: the caller escapes it like any other value.
 */
export function hexDump(excerptHex: string): string {
  const count = excerptHex.length >> 1
  let out = ''
  for (let line = 0; line < count; line += 16) {
    let hex = ''
    let ascii = ''
    const end = Math.min(count, line + 16)
    for (let i = line; i < end; i += 1) {
      const code = parseInt(excerptHex.slice(2 * i, 2 * i + 2), 16)
      hex +=
        (i === line ? '' : ' ') +
        (Number.isNaN(code) ? '??' : excerptHex.slice(2 * i, 2 * i + 2).toLowerCase())
      ascii += code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : '.'
    }
    out += `${line === 0 ? '' : '\n'}${line.toString(16).padStart(4, '0')}  ${hex.padEnd(47, ' ')}  |${ascii}|`
  }
  return out
}

/**
 * The CSS class of a TLP level's colour: `tlp-amber-strict` for `amber+strict`.
 *
 * Classes only: the stylesheet holds the FIRST colours.
 */
export function tlpClass(level: TlpLevel): string {
  return `tlp-${level.replace('+', '-')}`
}

/**
 * A small TLP label in its colour on black, e.g. next to a finding.
 *
 * The text is FIRST's label (`TLP:AMBER`).
 */
export function tlpTag(level: TlpLevel): SafeHtml {
  return html`<span class="tlp-tag ${tlpClass(level)}">${tlpLabel(level)}</span>`
}

/** The score bands of the chart, from most to least severe. */
export const SCORE_BANDS = [
  { id: 'critical', label: 'critical (80–100)', min: 80 },
  { id: 'high', label: 'high (60–79)', min: 60 },
  { id: 'medium', label: 'medium (40–59)', min: 40 },
  { id: 'low', label: 'low (0–39)', min: Number.NEGATIVE_INFINITY },
] as const

/** One of {@link SCORE_BANDS}' ids. */
export type ScoreBand = (typeof SCORE_BANDS)[number]['id']

/**
 * The band a score falls in (rule scores are 0–100 by convention).
 *
 * Scores above 100 count as critical, below 0 as low.
 */
export function scoreBand(score: number): ScoreBand {
  for (const band of SCORE_BANDS) {
    if (score >= band.min) return band.id
  }
  return 'low'
}

/**
 * `present` or an em dash for an absent value, as table cells show it.
 *
 * Keeps "unknown" visibly different from an empty string.
 */
export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value)
}
