import { inflateBounded } from './binary'

/** Most bytes a header section may inflate to (real ones are a few hundred). */
const MAX_HEADER_TEXT = 1024 * 1024
/** Longest value kept from the header text. */
const MAX_VALUE_CHARS = 1024

/** The acquisition facts Outpost shows, by their EWF header identifier. */
const FIELDS: Readonly<Record<string, string>> = {
  a: 'description',
  c: 'caseNumber',
  n: 'evidenceNumber',
  e: 'examinerName',
  t: 'notes',
  md: 'mediaModel',
  sn: 'mediaSerialNumber',
  l: 'deviceLabel',
  av: 'acquisitionSoftwareVersion',
  ov: 'acquisitionPlatform',
  m: 'acquisitionDate',
  u: 'systemDate',
}

/**
 * The acquisition facts of an EWF `header2` (UTF-16, dates as POSIX seconds) or `header`
 * (ASCII, dates as `YYYY MM DD hh mm ss` in the acquiring machine's local time) section:
 * case number, examiner, acquisition date… Damaged or odd text gives fewer facts, never an error:
 * the header is information for the analyst, not needed to read the media.
 */
export function parseEwfHeader(
  compressed: Buffer,
  kind: 'header' | 'header2',
): Record<string, string> {
  let text: string
  try {
    text = decode(inflateBounded(compressed, MAX_HEADER_TEXT), kind)
  } catch {
    return {}
  }
  const lines = text.split(/\r?\n/)
  const main = lines.indexOf('main')
  if (main < 0) return {}
  const keys = lines[main + 1]?.split('\t') ?? []
  const values = lines[main + 2]?.split('\t') ?? []
  const facts: Record<string, string> = {}
  keys.forEach((key, i) => {
    const name = FIELDS[key]
    const value = values[i]?.trim().slice(0, MAX_VALUE_CHARS)
    if (name === undefined || value === undefined || value === '') return
    facts[name] = key === 'm' || key === 'u' ? formatDate(value) : value
  })
  return facts
}

function decode(data: Buffer, kind: 'header' | 'header2'): string {
  if (kind === 'header') return data.toString('latin1')
  if (data[0] === 0xfe && data[1] === 0xff) {
    const swapped = Buffer.from(data.subarray(2, 2 + (data.length - 2) - (data.length % 2)))
    return swapped.swap16().toString('utf16le')
  }
  const start = data[0] === 0xff && data[1] === 0xfe ? 2 : 0
  return data.subarray(start).toString('utf16le')
}

/** POSIX seconds (header2, linen) as ISO UTC; EnCase's `YYYY MM DD hh mm ss` as local time. */
function formatDate(value: string): string {
  if (/^\d{1,12}$/.test(value)) {
    const seconds = Number(value)
    if (seconds === 0) return value
    return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
  }
  const parts = /^(\d{4}) (\d{1,2}) (\d{1,2}) (\d{1,2}) (\d{1,2}) (\d{1,2})$/.exec(value)
  if (parts === null) return value
  const [, y, mo, d, h, mi, s] = parts.map((p) => p.padStart(2, '0'))
  return `${y ?? ''}-${mo ?? ''}-${d ?? ''} ${h ?? ''}:${mi ?? ''}:${s ?? ''} (local time of the acquiring machine)`
}
