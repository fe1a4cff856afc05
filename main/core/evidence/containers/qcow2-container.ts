import { statSync } from 'node:fs'
import { AppError } from '../../model/errors'
import { describeError, inflateBounded } from './binary'
import type { Container } from './container'
import type { ImageFile } from './image-file'
import { closeAll, makeContainer } from './media-runs'
import type { MediaRun } from './media-runs'
import type { OpenContext } from './open-context'
import { quoteName, referencedCandidates } from './open-context'
import { readQcow2Header } from './qcow2-header'
import type { Qcow2Header } from './qcow2-header'

/** L1 entries read at a time (4 KiB). */
const L1_PIECE = 512
const SUBCLUSTERS = 32

interface Qcow2 {
  readonly file: ImageFile
  readonly header: Qcow2Header
  readonly ctx: OpenContext
  readonly clusterSize: number
  readonly l2Entries: number
  readonly backing: Container | null
}

/**
 * A QEMU QCOW2 image, version 2 or 3: L1/L2 tables read on demand, deflate-compressed
 * clusters, zero clusters, extended L2 entries (subclusters) and a backing file (looked up
 * in the image's folder; `backing_fmt=raw` is never probed). Encrypted images are refused.
 */
export async function qcow2Container(file: ImageFile, ctx: OpenContext): Promise<Container> {
  const header = await readQcow2Header(file)
  const backing = header.backingName === null ? null : await openBacking(file, header, ctx)
  const clusterSize = 2 ** header.clusterBits
  const qcow: Qcow2 = {
    file,
    header,
    ctx,
    clusterSize,
    l2Entries: clusterSize / (header.extendedL2 ? 16 : 8),
    backing,
  }
  return makeContainer({
    format: 'qcow2',
    size: header.size,
    files: [file.path, ...(backing?.files ?? [])],
    sectorSize: null,
    details: {
      qcowVersion: header.version,
      clusterSize,
      snapshots: header.snapshots,
      ...(header.extendedL2 ? { extendedL2: true } : {}),
      ...(header.dirty ? { dirty: true } : {}),
      ...(header.corrupt ? { corruptFlag: true } : {}),
      ...(header.backingName === null ? {} : { backingFile: header.backingName }),
    },
    resolve: (offset, maxLength) => clusterRun(qcow, offset, maxLength),
    release: () => closeAll(backing === null ? [file] : [file, backing]),
  })
}

async function openBacking(
  file: ImageFile,
  header: Qcow2Header,
  ctx: OpenContext,
): Promise<Container> {
  const name = header.backingName ?? ''
  const path = referencedCandidates(file.path, name).find(
    (c) => statSync(c, { throwIfNoEntry: false })?.isFile() === true,
  )
  if (path === undefined)
    throw new AppError(
      'EVIDENCE_SEGMENT_MISSING',
      `The backing file ${quoteName(name)} of ${file.path} is missing; copy it beside the image.`,
    )
  const rawOnly = header.backingFormat === 'raw'
  const backing = await ctx.openReferenced(path, { rawOnly })
  const expected = header.backingFormat === 'vpc' ? 'vhd' : header.backingFormat
  if (expected !== null && !rawOnly && backing.format !== expected) {
    await backing.close()
    throw new AppError(
      'EVIDENCE_FORMAT',
      `The backing file ${path} of ${file.path} should be ${expected} but is ${backing.format}.`,
    )
  }
  return backing
}

function unallocated(qcow: Qcow2, offset: number, length: number): MediaRun {
  return qcow.backing === null
    ? { kind: 'zero', length }
    : { kind: 'source', length, source: qcow.backing, offset }
}

async function clusterRun(qcow: Qcow2, offset: number, maxLength: number): Promise<MediaRun> {
  const { clusterSize, l2Entries } = qcow
  const cluster = Math.floor(offset / clusterSize)
  const within = offset - cluster * clusterSize
  const length = Math.min(maxLength, clusterSize - within)
  const l2At = await l2TableOffset(qcow, Math.floor(cluster / l2Entries))
  if (l2At === 0) return unallocated(qcow, offset, length)
  const l2 = await qcow.ctx.cache.get(`${qcow.file.id}:qcow-l2:${l2At}`, () =>
    qcow.file.readRequired(l2At, clusterSize, `L2 table of cluster ${cluster}`),
  )
  const at = (cluster % l2Entries) * (qcow.header.extendedL2 ? 16 : 8)
  const high = l2.readUInt32BE(at)
  const low = l2.readUInt32BE(at + 4)
  if ((high & 0x40000000) !== 0) {
    const data = await compressedCluster(qcow, cluster, high, low)
    return { kind: 'buffer', length, data, start: within }
  }
  const host = (high & 0x00ffffff) * 2 ** 32 + (low & 0xfffffe00)
  if (host % clusterSize !== 0)
    throw damaged(qcow, cluster, `its data offset ${host} is not cluster-aligned`)
  if (qcow.header.extendedL2)
    return subclusterRun(qcow, { offset, within, length, host, bitmap: l2, at })
  if (qcow.header.version === 3 && (low & 1) !== 0) return { kind: 'zero', length }
  if (host === 0) return unallocated(qcow, offset, length)
  return { kind: 'file', length, file: qcow.file, position: host + within }
}

interface Subcluster {
  readonly offset: number
  readonly within: number
  readonly length: number
  readonly host: number
  readonly bitmap: Buffer
  readonly at: number
}

/** Extended L2: each cluster is 32 subclusters, each allocated, zero, or left to the backing. */
function subclusterRun(qcow: Qcow2, sub: Subcluster): MediaRun {
  const size = qcow.clusterSize / SUBCLUSTERS
  const index = Math.floor(sub.within / size)
  const length = Math.min(sub.length, (index + 1) * size - sub.within)
  const zeroBits = sub.bitmap.readUInt32BE(sub.at + 8)
  const allocBits = sub.bitmap.readUInt32BE(sub.at + 12)
  if (((allocBits >>> index) & 1) !== 0) {
    if (sub.host === 0)
      throw damaged(
        qcow,
        Math.floor(sub.offset / qcow.clusterSize),
        'an allocated subcluster has no data offset',
      )
    return { kind: 'file', length, file: qcow.file, position: sub.host + sub.within }
  }
  if (((zeroBits >>> index) & 1) !== 0) return { kind: 'zero', length }
  return unallocated(qcow, sub.offset, length)
}

async function l2TableOffset(qcow: Qcow2, index: number): Promise<number> {
  const piece = Math.floor(index / L1_PIECE)
  const first = piece * L1_PIECE
  const count = Math.min(L1_PIECE, qcow.header.l1Count - first)
  const l1 = await qcow.ctx.cache.get(`${qcow.file.id}:qcow-l1:${piece}`, () =>
    qcow.file.readRequired(qcow.header.l1At + first * 8, count * 8, 'L1 table'),
  )
  const at = (index - first) * 8
  const offset =
    (l1.readUInt32BE(at) & 0x00ffffff) * 2 ** 32 + (l1.readUInt32BE(at + 4) & 0xfffffe00)
  if (offset % qcow.clusterSize !== 0)
    throw new AppError(
      'EVIDENCE_READ',
      `${qcow.file.path}: L1 entry ${index} is not cluster-aligned; the image is damaged.`,
    )
  return offset
}

async function compressedCluster(
  qcow: Qcow2,
  cluster: number,
  high: number,
  low: number,
): Promise<Buffer> {
  const { clusterBits } = qcow.header
  const descriptor = (BigInt(high & 0x3fffffff) << 32n) | BigInt(low)
  const offsetBits = BigInt(62 - (clusterBits - 8))
  const host = Number(descriptor & ((1n << offsetBits) - 1n))
  const sectors = Number(descriptor >> offsetBits)
  const stored = Math.min((sectors + 1) * 512 - (host % 512), qcow.file.size - host)
  if (host >= qcow.file.size || stored <= 0)
    throw damaged(qcow, cluster, `its compressed data offset ${host} is outside the file`)
  return qcow.ctx.cache.get(`${qcow.file.id}:qcow-z:${host}`, async () => {
    const packed = await qcow.file.readRequired(host, stored, `compressed cluster ${cluster}`)
    const expected = Math.min(qcow.clusterSize, qcow.header.size - cluster * qcow.clusterSize)
    let data: Buffer
    try {
      data = inflateBounded(packed, qcow.clusterSize, true)
    } catch (error: unknown) {
      throw damaged(
        qcow,
        cluster,
        `its compressed data does not inflate (${describeError(error)})`,
        error,
      )
    }
    if (data.length < expected)
      throw damaged(qcow, cluster, `it inflates to only ${data.length} bytes`)
    return data
  })
}

function damaged(qcow: Qcow2, cluster: number, why: string, cause?: unknown): AppError {
  return new AppError(
    'EVIDENCE_READ',
    `Cannot read cluster ${cluster} (media offset ${cluster * qcow.clusterSize}) of ${qcow.file.path}: ${why}.`,
    cause === undefined ? undefined : { cause },
  )
}
