import type { ByteSource } from '../../evidence/byte-source'
import { readSlots } from '../dir-slots'
import type { DirRegion } from '../dir-slots'
import { utf16Name } from '../names'

/** Entry type codes with the in-use bit (0x80) cleared. */
const TYPE = {
  bitmap: 0x01,
  upcase: 0x02,
  label: 0x03,
  file: 0x05,
  stream: 0x40,
  name: 0x41,
} as const
const IN_USE = 0x80
/** An exFAT directory is at most 256 MiB. */
export const MAX_EXFAT_DIR_BYTES = 256 * 1024 * 1024

/** A file directory entry set: file entry, stream extension, file names. */
export interface ExfatSet {
  /** TSK's slot number of the file entry. */
  readonly id: number
  readonly file: Buffer
  readonly stream: Buffer
  readonly name: string
  /** The UTF-16 name as stored (for the name hash). */
  readonly nameUnits: Buffer
  readonly deleted: boolean
  /** Whether the set checksum holds; null when the set is incomplete. */
  readonly checksumOk: boolean | null
  /** Fewer name characters were found than the stream entry announces. */
  readonly partialName: boolean
}

/** What a directory holds: entry sets, root-only entries, or problems. */
export type ExfatDirEvent =
  | { readonly set: ExfatSet }
  | { readonly label: string; readonly id: number }
  | { readonly bitmap: Buffer }
  | { readonly upcase: Buffer }
  | { readonly problem: string }

type Slot = { readonly raw: Buffer; readonly offset: number; readonly allocated: boolean }

/**
 * The entries of an exFAT directory whose content is `regions`, in order. In-use and deleted
 * (in-use bit clear) entry sets are both returned; every set in a region that is not allocated
 * to the directory (a deleted directory's recovered clusters) is deleted. Like TSK the reading
 * goes past the end-of-directory mark; invalid entries are reported only before it.
 */
export async function* readExfatDirectory(
  source: ByteSource,
  regions: readonly DirRegion[],
  slotId: (offset: number) => number,
): AsyncGenerator<ExfatDirEvent> {
  let pending: Slot[] = []
  let ended = false
  for await (const slot of readSlots(source, regions, MAX_EXFAT_DIR_BYTES)) {
    if ('problem' in slot) {
      yield slot
      continue
    }
    const head = pending[0]
    if (head !== undefined && belongs(head, pending.length, slot)) {
      pending.push({ ...slot, raw: Buffer.from(slot.raw) })
      if (pending.length === 1 + (head.raw[1] ?? 0)) {
        yield* finish(pending, slotId)
        pending = []
      }
      continue
    }
    if (pending.length > 0) yield* finish(pending, slotId)
    pending = []
    const type = slot.raw[0] ?? 0
    if (type === 0) ended = true
    else if ((type & 0x7f) === TYPE.file) {
      if (isFileEntry(slot.raw)) pending = [{ ...slot, raw: Buffer.from(slot.raw) }]
      else if (type & IN_USE && !ended)
        yield {
          problem: `Directory entry at byte ${slot.offset} is not a valid file entry; skipped.`,
        }
    } else if (type & IN_USE) yield* primaryEvent(slot, slotId)
  }
  if (pending.length > 0) yield* finish(pending, slotId)
}

/** A file entry TSK would accept: 2–18 secondary entries and not every time stamp zero. */
function isFileEntry(raw: Buffer): boolean {
  const count = raw[1] ?? 0
  return count >= 2 && count <= 18 && raw.subarray(8, 26).some((byte) => byte !== 0)
}

/** Whether `slot` continues the set started by `head` (same in-use state, expected type). */
function belongs(head: Slot, position: number, slot: Slot): boolean {
  const type = slot.raw[0] ?? 0
  if ((type & IN_USE) !== ((head.raw[0] ?? 0) & IN_USE)) return false
  const code = type & 0x7f
  if (position === 1) return code === TYPE.stream
  // After the stream: names, then vendor secondaries (0x60, 0x61 without the in-use bit).
  return code === TYPE.name || code === 0x60 || code === 0x61
}

function* primaryEvent(slot: Slot, slotId: (offset: number) => number): Generator<ExfatDirEvent> {
  const code = (slot.raw[0] ?? 0) & 0x7f
  if (code === TYPE.label) {
    const length = Math.min(slot.raw[1] ?? 0, 11)
    if (length > 0)
      yield { label: utf16Name(slot.raw.subarray(2, 2 + length * 2)), id: slotId(slot.offset) }
  } else if (code === TYPE.bitmap) yield { bitmap: Buffer.from(slot.raw) }
  else if (code === TYPE.upcase) yield { upcase: Buffer.from(slot.raw) }
}

function* finish(
  set: readonly Slot[],
  slotId: (offset: number) => number,
): Generator<ExfatDirEvent> {
  const [file, stream, ...rest] = set
  if (file === undefined || stream === undefined) return
  const names = rest.filter((slot) => ((slot.raw[0] ?? 0) & 0x7f) === TYPE.name)
  const nameLength = stream.raw[3] ?? 0
  const units = Buffer.concat(names.map((slot) => slot.raw.subarray(2, 32))).subarray(
    0,
    nameLength * 2,
  )
  const name = utf16Name(units)
  if (name === '') return
  const complete = set.length === 1 + (file.raw[1] ?? 0)
  yield {
    set: {
      id: slotId(file.offset),
      file: file.raw,
      stream: stream.raw,
      name,
      nameUnits: units,
      deleted: !file.allocated || ((file.raw[0] ?? 0) & IN_USE) === 0,
      checksumOk: complete ? setChecksum(set) === file.raw.readUInt16LE(2) : null,
      partialName: units.length < nameLength * 2,
    },
  }
}

/** The entry set checksum, over every entry with the in-use bits as they were when written. */
function setChecksum(set: readonly Slot[]): number {
  let sum = 0
  set.forEach((slot, index) => {
    for (let i = 0; i < 32; i += 1) {
      if (index === 0 && (i === 2 || i === 3)) continue
      const byte = i === 0 ? (slot.raw[0] ?? 0) | IN_USE : (slot.raw[i] ?? 0)
      sum = ((sum & 1 ? 0x8000 : 0) + (sum >> 1) + byte) & 0xffff
    }
  })
  return sum
}
