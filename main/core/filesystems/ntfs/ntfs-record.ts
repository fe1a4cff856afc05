import { applyFixups } from './ntfs-fixups'
import { decodeRunList } from './ntfs-runs'
import type { ClusterRun } from './ntfs-runs'

/** Attribute types Outpost reads. */
export const ATTR = {
  standardInformation: 0x10,
  attributeList: 0x20,
  fileName: 0x30,
  securityDescriptor: 0x50,
  volumeName: 0x60,
  volumeInformation: 0x70,
  data: 0x80,
  indexRoot: 0x90,
  indexAllocation: 0xa0,
  bitmap: 0xb0,
  end: 0xffffffff,
} as const

/** MFT record header flags. */
export const RECORD_IN_USE = 0x01
export const RECORD_DIRECTORY = 0x02

/** The non-resident part of an attribute header (one extent of the attribute). */
export interface NonResident {
  readonly startVcn: number
  readonly lastVcn: number
  readonly runs: readonly ClusterRun[]
  /** Log2 of the compression unit in clusters (0: not compressed); set on the first extent. */
  readonly compressionUnit: number
  readonly allocatedSize: number
  readonly dataSize: number
  readonly initializedSize: number
}

/** One attribute as stored in one MFT record. */
export interface RawAttribute {
  readonly type: number
  readonly id: number
  readonly name: string
  readonly flags: number
  /** The record it was read from. */
  readonly record: number
  /** Resident value (a copy), or null for a non-resident attribute. */
  readonly value: Buffer | null
  /** Offset of the resident value in its record (to locate it on the media). */
  readonly valueOffset: number
  readonly nonResident: NonResident | null
  /** Why the attribute is only partly usable (a damaged run list…), or null. */
  readonly problem: string | null
}

/** A parsed MFT record. */
export interface MftRecord {
  readonly number: number
  readonly sequence: number
  readonly flags: number
  readonly linkCount: number
  /** The base record this one extends (0 for a base record). */
  readonly baseRecord: number
  readonly attributes: readonly RawAttribute[]
  /** Update sequence entries (to know which bytes of the record are not data on disk). */
  readonly fixupCount: number
  /** Why the attribute sequence ended early, or null. */
  readonly problem: string | null
}

/** What a raw record slot holds: a record, nothing (never used), or damage. */
export type RecordRead =
  | { readonly kind: 'record'; readonly record: MftRecord }
  | { readonly kind: 'empty' }
  | { readonly kind: 'damaged'; readonly reason: string }

/** Limits the geometry of the volume puts on what a record can say. */
export interface RecordLimits {
  readonly clusterCount: number
}

/**
 * Parse MFT record `number` from `raw` (its bytes as stored; not changed: the update sequence
 * is undone on a copy). A slot of zeros is `empty`; a bad signature, a failing update sequence
 * or an attribute offset outside the record make it `damaged`.
 */
export function parseRecord(raw: Buffer, number: number, limits: RecordLimits): RecordRead {
  const signature = raw.toString('latin1', 0, 4)
  if (signature !== 'FILE') {
    if (raw.subarray(0, 8).every((byte) => byte === 0)) return { kind: 'empty' }
    return {
      kind: 'damaged',
      reason: signature === 'BAAD' ? 'it is marked bad (BAAD)' : 'it has no FILE signature',
    }
  }
  const bytes = Buffer.from(raw)
  const torn = applyFixups(bytes, 0, bytes.length)
  if (torn !== null) return { kind: 'damaged', reason: torn }
  const attrOffset = bytes.readUInt16LE(20)
  if (attrOffset < 24 || attrOffset + 8 > bytes.length)
    return { kind: 'damaged', reason: `its attribute offset (${attrOffset}) is outside the record` }
  const { attributes, problem } = parseAttributes(bytes, attrOffset, number, limits)
  const base = bytes.readUInt32LE(32) + bytes.readUInt16LE(36) * 2 ** 32
  return {
    kind: 'record',
    record: {
      number,
      sequence: bytes.readUInt16LE(16),
      flags: bytes.readUInt16LE(22),
      linkCount: bytes.readUInt16LE(18),
      baseRecord: base,
      attributes,
      fixupCount: bytes.readUInt16LE(6),
      problem,
    },
  }
}

/** The attribute sequence from `start` to the end mark (or the first attribute that does not fit). */
function parseAttributes(
  bytes: Buffer,
  start: number,
  record: number,
  limits: RecordLimits,
): { attributes: RawAttribute[]; problem: string | null } {
  const attributes: RawAttribute[] = []
  let at = start
  // The end mark is 4 bytes (it may sit in the last 8 bytes of a full record).
  while (at + 4 <= bytes.length) {
    const type = bytes.readUInt32LE(at)
    if (type === ATTR.end) return { attributes, problem: null }
    if (at + 16 > bytes.length) break
    const length = bytes.readUInt32LE(at + 4)
    if (length < 16 || length % 8 !== 0 || at + length > bytes.length)
      return {
        attributes,
        problem: `an attribute (type 0x${type.toString(16)}) runs past the record`,
      }
    const parsed = parseAttribute(bytes.subarray(at, at + length), at, record, limits)
    if (typeof parsed === 'string') return { attributes, problem: parsed }
    attributes.push(parsed)
    at += length
  }
  return { attributes, problem: 'the attribute sequence has no end mark' }
}

function parseAttribute(
  attr: Buffer,
  at: number,
  record: number,
  limits: RecordLimits,
): RawAttribute | string {
  const type = attr.readUInt32LE(0)
  const nonResident = attr[8] !== 0
  const nameLength = attr[9] ?? 0
  const nameOffset = attr.readUInt16LE(10)
  if (nameLength > 0 && nameOffset + 2 * nameLength > attr.length)
    return `the name of an attribute (type 0x${type.toString(16)}) runs past it`
  const base = {
    type,
    id: attr.readUInt16LE(14),
    name: nameLength > 0 ? attrName(attr.subarray(nameOffset, nameOffset + 2 * nameLength)) : '',
    flags: attr.readUInt16LE(12),
    record,
  }
  if (!nonResident) {
    if (attr.length < 24) return `a resident attribute (type 0x${type.toString(16)}) is too short`
    const valueLength = attr.readUInt32LE(16)
    const valueOffset = attr.readUInt16LE(20)
    if (valueOffset + valueLength > attr.length)
      return `the value of an attribute (type 0x${type.toString(16)}) runs past it`
    // `attr` lies in parseRecord's own copy of the record: a view of it is safe to keep.
    const value = attr.subarray(valueOffset, valueOffset + valueLength)
    return {
      type,
      id: base.id,
      name: base.name,
      flags: base.flags,
      record,
      value,
      valueOffset: at + valueOffset,
      nonResident: null,
      problem: null,
    }
  }
  return nonResidentAttribute(attr, base, limits)
}

function nonResidentAttribute(
  attr: Buffer,
  base: Pick<RawAttribute, 'type' | 'id' | 'name' | 'flags' | 'record'>,
  limits: RecordLimits,
): RawAttribute | string {
  const what = `a non-resident attribute (type 0x${base.type.toString(16)})`
  if (attr.length < 64) return `${what} is too short`
  const startVcn = u64(attr, 16)
  const lastVcn = u64(attr, 24)
  const runsAt = attr.readUInt16LE(32)
  const sizes = [u64(attr, 40), u64(attr, 48), u64(attr, 56)]
  if (startVcn === null || lastVcn === null || sizes.some((size) => size === null))
    return `${what} has an impossible size`
  if (runsAt < 64 || runsAt > attr.length) return `${what} has its run list outside it`
  const decoded = decodeRunList(
    attr,
    runsAt,
    attr.length,
    startVcn,
    limits.clusterCount,
    base.record === 7,
  )
  return {
    type: base.type,
    id: base.id,
    name: base.name,
    flags: base.flags,
    record: base.record,
    value: null,
    valueOffset: 0,
    nonResident: {
      startVcn,
      lastVcn,
      runs: decoded.runs,
      compressionUnit: attr.readUInt16LE(34),
      allocatedSize: sizes[0] ?? 0,
      dataSize: sizes[1] ?? 0,
      initializedSize: sizes[2] ?? 0,
    },
    problem: decoded.problem === null ? null : `${what}: ${decoded.problem}`,
  }
}

/** An unsigned 64-bit field, or null when it does not fit a safe integer (read without BigInt). */
function u64(bytes: Buffer, at: number): number | null {
  const high = bytes.readUInt32LE(at + 4)
  return high > 0x1f_ffff ? null : high * 2 ** 32 + bytes.readUInt32LE(at)
}

/** An attribute name: UTF-16, control characters shown as `^` (as TSK does). */
function attrName(units: Buffer): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  return units.toString('utf16le').replace(/[\u0000-\u001f\u007f/]/g, '^')
}
