import type { ByteSource } from '../../evidence/byte-source'
import { AppError } from '../../model/errors'
import { runsSource } from '../runs-source'
import { ATTR_COMPRESSED } from './ntfs-attributes'
import type { Attribute } from './ntfs-attributes'
import { decompressLznt1 } from './ntfs-lznt1'
import { clusterRunsToData } from './ntfs-runs'
import type { ClusterRun } from './ntfs-runs'

/** Compression units of more than 2^this clusters are refused (Windows writes 2^4). */
const MAX_COMPRESSION_UNIT_LOG = 8
/** Largest compression unit decoded, whatever the cluster size (bounds memory). */
const MAX_UNIT_BYTES = 4 * 1024 * 1024

/** Whether the attribute's content must be decoded (LZNT1) rather than read from its runs. */
export function isCompressed(attribute: Attribute): boolean {
  return (
    attribute.value === null &&
    (attribute.flags & ATTR_COMPRESSED) !== 0 &&
    attribute.compressionUnit > 0
  )
}

/**
 * The content of a data attribute: a resident value, LZNT1 compression units decoded, or the
 * runs stitched together (sparse runs and bytes past the initialized size as zeros).
 */
export function attributeContent(
  source: ByteSource,
  clusterSize: number,
  attribute: Attribute,
): ByteSource {
  if (attribute.value !== null) return bufferContent(attribute.value)
  if (isCompressed(attribute)) return compressedContent(source, clusterSize, attribute)
  return runsSource(
    source,
    clusterRunsToData(attribute.runs, clusterSize, attribute.dataSize, attribute.initializedSize),
  )
}

function bufferContent(bytes: Buffer): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) =>
      Promise.resolve(Buffer.from(bytes.subarray(Math.max(0, offset), offset + length))),
    close: () => Promise.resolve(),
  }
}

/**
 * LZNT1-compressed content, one compression unit at a time (the last one decoded is kept). A
 * unit whose clusters are all allocated is stored as is; one with none is a hole; otherwise its
 * allocated clusters hold the compressed data and the rest of the unit is a hole.
 */
function compressedContent(
  source: ByteSource,
  clusterSize: number,
  attribute: Attribute,
): ByteSource {
  const log = attribute.compressionUnit
  const unitClusters = 2 ** Math.min(log, MAX_COMPRESSION_UNIT_LOG)
  const unitBytes = unitClusters * clusterSize
  const size = attribute.dataSize
  let cached: { index: number; bytes: Buffer } | null = null
  const unit = async (index: number): Promise<Buffer> => {
    if (cached?.index === index) return cached.bytes
    if (log > MAX_COMPRESSION_UNIT_LOG || unitBytes > MAX_UNIT_BYTES) {
      throw new AppError(
        'FILESYSTEM_CORRUPT',
        `The compression unit of 2^${log} clusters is larger than NTFS allows.`,
      )
    }
    const bytes = await decodeUnit(source, clusterSize, attribute.runs, index, unitClusters)
    cached = { index, bytes }
    return bytes
  }
  return {
    size,
    async read(offset: number, wanted: number): Promise<Buffer> {
      if (offset >= size || wanted <= 0 || offset < 0) return Buffer.alloc(0)
      const length = Math.min(wanted, size - offset)
      const out = Buffer.alloc(length)
      let done = 0
      while (done < length) {
        const at = offset + done
        const index = Math.floor(at / unitBytes)
        const inner = at - index * unitBytes
        const n = Math.min(unitBytes - inner, length - done)
        ;(await unit(index)).copy(out, done, inner, inner + n)
        done += n
      }
      return out
    },
    close: () => Promise.resolve(),
  }
}

async function decodeUnit(
  source: ByteSource,
  clusterSize: number,
  runs: readonly ClusterRun[],
  index: number,
  unitClusters: number,
): Promise<Buffer> {
  const first = index * unitClusters
  const pieces: Buffer[] = []
  let allocated = 0
  for (const run of runs) {
    const from = Math.max(first, run.vcn)
    const to = Math.min(first + unitClusters, run.vcn + run.count)
    if (from >= to || run.lcn === null) continue
    const bytes = await source.read(
      (run.lcn + from - run.vcn) * clusterSize,
      (to - from) * clusterSize,
    )
    pieces.push(bytes)
    allocated += to - from
  }
  const out = Buffer.alloc(unitClusters * clusterSize)
  if (allocated === 0) return out
  const input = Buffer.concat(pieces)
  if (allocated >= unitClusters) {
    input.copy(out, 0, 0, out.length)
    return out
  }
  const produced = decompressLznt1(input, out)
  if (typeof produced === 'string') {
    throw new AppError(
      'FILESYSTEM_CORRUPT',
      `Compression unit ${index} of the file is not valid LZNT1 data: ${produced}.`,
    )
  }
  return out
}
