import { AppError } from '../../model/errors'
import { adler32, u64le } from './binary'
import { parseEwfHeader } from './ewf-header'
import type { ImageFile } from './image-file'
import { quoteName } from './open-context'

/** EWF segment file signature (`EVF\t\r\n\xff\0`). */
export const EWF_SIGNATURE = Buffer.from('455646090d0aff00', 'hex')
const SECTION_HEADER = 76
/** Most sections walked in one segment: real ones have a handful per 2 GiB. */
const MAX_SECTIONS = 100_000

/** One table of chunk offsets: chunks `[firstChunk, firstChunk + count)`. */
export interface EwfTable {
  readonly file: ImageFile
  readonly firstChunk: number
  readonly count: number
  /** File position of the first 4-byte entry. */
  readonly entriesAt: number
  /** Added to each entry's 31-bit offset (EnCase 6+; 0 before). */
  readonly base: number
  /** Where the data of the table's last chunk ends (end of its `sectors` section). */
  readonly dataEnd: number
}

/** The `volume` (or `disk`, `data`) section: the media's geometry. */
export interface EwfVolume {
  readonly layout: 'EWF-E01' | 'EWF-S01'
  readonly mediaType: number
  readonly sectorsPerChunk: number
  readonly bytesPerSector: number
  readonly sectorCount: number
  readonly mediaFlags: number
  readonly compressionLevel: number
  readonly setIdentifier: string
}

/** What the sections of every segment say, gathered while walking them. */
export interface EwfState {
  volume: EwfVolume | null
  readonly tables: EwfTable[]
  chunks: number
  md5?: string
  sha1?: string
  header: Record<string, string>
  headerKind: 'header' | 'header2' | null
  acquisitionErrors: number
  damagedSections: number
}

/** A fresh, empty {@link EwfState}. */
export function newEwfState(): EwfState {
  return {
    volume: null,
    tables: [],
    chunks: 0,
    header: {},
    headerKind: null,
    acquisitionErrors: 0,
    damagedSections: 0,
  }
}

interface Section {
  readonly type: string
  readonly at: number
  readonly next: number
  readonly size: number
}

/** The segment number in the 13-byte file header of an EWF segment. */
export async function readSegmentNumber(file: ImageFile): Promise<number> {
  const head = await file.readExact(0, 13, 'EWF file header')
  if (!head.subarray(0, 8).equals(EWF_SIGNATURE))
    throw new AppError('EVIDENCE_FORMAT', `${file.path} is not an EWF (E01) segment file.`)
  return head.readUInt16LE(9)
}

/**
 * Walk the sections of segment `number` into `state`; says whether the set goes on (`next`)
 * or ends here (`done`).
 *
 * Every section header's checksum is verified and every offset checked against the file size,
 * so a damaged or truncated segment is an `EVIDENCE_FORMAT` naming the file and offset.
 */
export async function walkSegment(
  file: ImageFile,
  number: number,
  state: EwfState,
): Promise<'next' | 'done'> {
  const found = await readSegmentNumber(file)
  if (found !== number)
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${file.path} is segment ${found} of an EWF set, but segment ${number} belongs here: ` +
        'the segment files are misnamed or from different images.',
    )
  let at = 13
  let sectorsEnd: number | null = null
  let failedTable: string | null = null
  for (let count = 0; count < MAX_SECTIONS; count++) {
    const section = await readSection(file, at)
    if (failedTable !== null && section.type !== 'table2')
      throw new AppError('EVIDENCE_FORMAT', failedTable)
    if (section.type === 'next' || section.type === 'done') return section.type
    const end = section.size >= SECTION_HEADER ? at + section.size : section.next
    if (section.type === 'sectors') sectorsEnd = end
    else if (section.type === 'table' || (section.type === 'table2' && failedTable !== null)) {
      failedTable = await readTable(file, section, sectorsEnd ?? end, state)
      if (failedTable !== null && section.type === 'table2')
        throw new AppError('EVIDENCE_FORMAT', failedTable)
    } else await readSmallSection(file, section, state)
    at = section.next
  }
  throw new AppError('EVIDENCE_FORMAT', `${file.path} has more than ${MAX_SECTIONS} sections.`)
}

async function readSection(file: ImageFile, at: number): Promise<Section> {
  const head = await file.readExact(at, SECTION_HEADER, 'section header')
  const type = head.toString('latin1', 0, 16).replace(/\0.*$/s, '')
  if (adler32(head, 0, 72) !== head.readUInt32LE(72))
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${file.path}: the section header at offset ${at} is damaged (checksum mismatch).`,
    )
  const next = u64le(head, 16, 'next section offset', file.path)
  const size = u64le(head, 24, 'section size', file.path)
  const ends = type === 'next' || type === 'done'
  if (!ends && (next < at + SECTION_HEADER || next + SECTION_HEADER > file.size))
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${file.path} is truncated or damaged: the ${quoteName(type)} section at offset ${at} points to ` +
        `a next section at ${next}, outside the file (${file.size} bytes).`,
    )
  if (!ends && size >= SECTION_HEADER && at + size > file.size)
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${file.path} is truncated: the ${quoteName(type)} section at offset ${at} runs past the end.`,
    )
  return { type, at, next, size }
}

/** Record a table; returns why it is unusable (so its `table2` mirror is tried) or null. */
async function readTable(
  file: ImageFile,
  section: Section,
  dataEnd: number,
  state: EwfState,
): Promise<string | null> {
  const size = section.size >= SECTION_HEADER ? section.size : section.next - section.at
  const unusable = `${file.path}: the chunk table at offset ${section.at} and its mirror are damaged.`
  if (size < SECTION_HEADER + 24) return unusable
  const head = await file.readExact(section.at + SECTION_HEADER, 24, 'table header')
  if (adler32(head, 0, 20) !== head.readUInt32LE(20)) return unusable
  const count = head.readUInt32LE(0)
  const base = u64le(head, 8, 'table base offset', file.path)
  if (SECTION_HEADER + 24 + count * 4 > size || base > file.size) return unusable
  if (count === 0) return null
  state.tables.push({
    file,
    firstChunk: state.chunks,
    count,
    entriesAt: section.at + SECTION_HEADER + 24,
    base,
    dataEnd: Math.min(dataEnd, file.size),
  })
  state.chunks += count
  return null
}

async function readSmallSection(file: ImageFile, section: Section, state: EwfState): Promise<void> {
  const span = section.next - section.at
  const size =
    (section.size >= SECTION_HEADER ? Math.min(section.size, span) : span) - SECTION_HEADER
  const data = (limit: number): Promise<Buffer> =>
    file.readExact(section.at + SECTION_HEADER, Math.min(size, limit), `${section.type} section`)
  switch (section.type) {
    case 'header2':
    case 'header':
      if (state.headerKind !== 'header2' && size > 0) {
        const facts = parseEwfHeader(await data(1024 * 1024), section.type)
        // A damaged header2 leaves the plain header (same facts, ASCII) to be read.
        if (Object.keys(facts).length > 0) {
          state.header = facts
          state.headerKind = section.type
        }
      }
      return
    case 'volume':
    case 'disk':
    case 'data':
      if (state.volume === null && size >= 94)
        state.volume = parseVolume(await data(1052), state, file.path)
      return
    case 'hash':
      if (size >= 36) readHash(await data(36), state)
      return
    case 'digest':
      if (size >= 80) readDigest(await data(80), state)
      return
    case 'error2':
      if (size >= 8) state.acquisitionErrors = (await data(8)).readUInt32LE(0)
      return
    default:
      // session, ltree, ltypes…: nothing the media needs.
      return
  }
}

function parseVolume(data: Buffer, state: EwfState, path: string): EwfVolume | null {
  const e01 = data.length >= 1052
  const sum = e01 ? 1048 : 90
  const stored = data.readUInt32LE(sum)
  // Logicube writers leave the checksum 0; any other mismatch means: use a later copy.
  if (stored !== 0 && stored !== adler32(data, 0, sum)) {
    state.damagedSections += 1
    return null
  }
  return {
    layout: e01 ? 'EWF-E01' : 'EWF-S01',
    mediaType: e01 ? (data[0] ?? 0) : 1,
    sectorsPerChunk: data.readUInt32LE(8),
    bytesPerSector: data.readUInt32LE(12),
    sectorCount: e01 ? u64le(data, 16, 'number of sectors', path) : data.readUInt32LE(16),
    mediaFlags: e01 ? (data[36] ?? 0) : 0,
    compressionLevel: e01 ? (data[52] ?? 0) : 0,
    setIdentifier: e01 ? data.toString('hex', 64, 80) : '',
  }
}

function hex(data: Buffer, start: number, end: number): string | undefined {
  const value = data.toString('hex', start, end)
  return /^0+$/.test(value) ? undefined : value
}

function readHash(data: Buffer, state: EwfState): void {
  if (adler32(data, 0, 32) !== data.readUInt32LE(32)) {
    state.damagedSections += 1
    return
  }
  state.md5 ??= hex(data, 0, 16)
}

function readDigest(data: Buffer, state: EwfState): void {
  if (adler32(data, 0, 76) !== data.readUInt32LE(76)) {
    state.damagedSections += 1
    return
  }
  state.md5 = hex(data, 0, 16) ?? state.md5
  state.sha1 = hex(data, 16, 36) ?? state.sha1
}
