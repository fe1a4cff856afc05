import type { ByteSource } from '../../evidence/byte-source'
import { ATTR } from './ntfs-record'
import type { MftRecord, RawAttribute } from './ntfs-record'
import type { MftReader } from './ntfs-mft'
import type { ClusterRun } from './ntfs-runs'

/** An attribute list names at most this many extension records (a real one needs a few dozen). */
const MAX_EXTENSIONS = 256
/** Largest attribute list read (Windows caps it at 256 KiB). */
const MAX_ATTRIBUTE_LIST = 256 * 1024
/** Attribute flags. */
export const ATTR_COMPRESSED = 0x0001
export const ATTR_ENCRYPTED = 0x4000
export const ATTR_SPARSE = 0x8000

/**
 * One attribute of a file with all its extents joined: resident (`value`) or non-resident
 * (`runs`, in virtual cluster order, and the sizes of its first extent).
 */
export interface Attribute {
  readonly type: number
  readonly id: number
  readonly name: string
  readonly flags: number
  readonly value: Buffer | null
  /** Record and byte offset of a resident value (to locate it on the media). */
  readonly record: number
  readonly valueOffset: number
  readonly runs: readonly ClusterRun[]
  readonly dataSize: number
  readonly initializedSize: number
  /** Log2 of the compression unit in clusters, 0 when not compressed. */
  readonly compressionUnit: number
  readonly problem: string | null
}

/** An MFT entry with the attributes of its base record and of every extension record. */
export interface NtfsFile {
  readonly number: number
  readonly sequence: number
  readonly inUse: boolean
  readonly directory: boolean
  readonly attributes: readonly Attribute[]
  /** What could not be read (an extension record, a damaged attribute…). */
  readonly problems: readonly string[]
}

/**
 * The file whose base record is `base`: its attributes, extended through its attribute list.
 * `source` reads non-resident attribute lists.
 */
export async function loadFile(
  mft: MftReader,
  source: ByteSource,
  clusterSize: number,
  base: MftRecord,
): Promise<NtfsFile> {
  const problems: string[] = base.problem === null ? [] : [base.problem]
  const raw: RawAttribute[] = [...base.attributes]
  const list = base.attributes.find((a) => a.type === ATTR.attributeList)
  if (list !== undefined) {
    const bytes = await attributeListBytes(list, source, clusterSize)
    for (const number of extensionRecords(bytes, base.number)) {
      const read = await mft.read(number)
      if (read.kind !== 'record' || read.record.baseRecord !== base.number) {
        problems.push(`Its extension record ${number} could not be read.`)
        continue
      }
      if (read.record.problem !== null) problems.push(read.record.problem)
      raw.push(...read.record.attributes)
    }
  }
  const attributes = joinExtents(raw)
  for (const a of attributes) if (a.problem !== null) problems.push(a.problem)
  return {
    number: base.number,
    sequence: base.sequence,
    inUse: (base.flags & 0x01) !== 0,
    directory: (base.flags & 0x02) !== 0,
    attributes,
    problems,
  }
}

async function attributeListBytes(
  list: RawAttribute,
  source: ByteSource,
  clusterSize: number,
): Promise<Buffer> {
  if (list.value !== null) return list.value
  const extent = list.nonResident
  if (extent === null) return Buffer.alloc(0)
  const size = Math.min(extent.dataSize, MAX_ATTRIBUTE_LIST)
  const out = Buffer.alloc(size)
  let done = 0
  for (const run of extent.runs) {
    if (done >= size) break
    const length = Math.min(run.count * clusterSize, size - done)
    if (run.lcn !== null) (await source.read(run.lcn * clusterSize, length)).copy(out, done)
    done += length
  }
  return out
}

/** The records other than `base` that an attribute list names, in order, each once. */
function extensionRecords(bytes: Buffer, base: number): number[] {
  const out = new Set<number>()
  let at = 0
  while (at + 26 <= bytes.length && out.size < MAX_EXTENSIONS) {
    const length = bytes.readUInt16LE(at + 4)
    if (length < 26) break
    const record = bytes.readUIntLE(at + 16, 6)
    if (record !== base) out.add(record)
    at += length
  }
  return [...out]
}

/**
 * Attributes with the same type and name joined: a non-resident attribute split over several
 * records has its run lists concatenated in VCN order, the sizes taken from the first extent.
 */
function joinExtents(raw: readonly RawAttribute[]): Attribute[] {
  // Most files have no split attribute: then each raw attribute stands alone (and the walk
  // does this for every file, so the grouping below is skipped).
  if (!hasExtents(raw)) return raw.map((attribute) => joined([attribute]))
  const groups = new Map<string, RawAttribute[]>()
  for (const attribute of raw) {
    // Resident attributes are never split; keep each (several $FILE_NAMEs share type and name).
    const key =
      attribute.nonResident === null
        ? `r:${attribute.record}:${attribute.valueOffset}`
        : `n:${attribute.type}:${attribute.name}`
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [attribute])
    else group.push(attribute)
  }
  const out: Attribute[] = []
  for (const group of groups.values()) {
    group.sort((a, b) => (a.nonResident?.startVcn ?? 0) - (b.nonResident?.startVcn ?? 0))
    out.push(joined(group))
  }
  return out
}

/** Whether some non-resident attribute continues in another extent (or is listed twice). */
function hasExtents(raw: readonly RawAttribute[]): boolean {
  for (let i = 0; i < raw.length; i += 1) {
    const a = raw[i]
    if (a === undefined || a.nonResident === null) continue
    if (a.nonResident.startVcn !== 0) return true
    for (let j = i + 1; j < raw.length; j += 1) {
      const b = raw[j]
      if (b !== undefined && b.nonResident !== null && b.type === a.type && b.name === a.name)
        return true
    }
  }
  return false
}

/** One attribute from its extents, in VCN order (sizes from the first extent). */
function joined(group: readonly RawAttribute[]): Attribute {
  const first = group[0] as RawAttribute
  const extent = first.nonResident
  let problem: string | null = null
  for (const a of group) problem ??= a.problem
  return {
    type: first.type,
    id: first.id,
    name: first.name,
    flags: first.flags,
    value: first.value,
    record: first.record,
    valueOffset: first.valueOffset,
    runs:
      group.length === 1 ? (extent?.runs ?? []) : group.flatMap((a) => a.nonResident?.runs ?? []),
    dataSize: extent === null ? (first.value?.length ?? 0) : extent.dataSize,
    initializedSize: extent === null ? (first.value?.length ?? 0) : extent.initializedSize,
    compressionUnit: extent?.compressionUnit ?? 0,
    problem,
  }
}
