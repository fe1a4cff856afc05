import type { ByteRange } from '../../../main/core/evidence/byte-source'
import { structureRanges } from '../../core/filesystems/fs-mutations'

/**
 * Where an image's structures are, found by a small independent parse of the pristine bytes
 * (not the product's readers, so a reader bug cannot hide a range): E01 section headers and
 * tables, VHD footer/header/BAT, VMDK header/descriptor/grain directory and tables, QCOW2
 * header/L1/L2/refcount table; for raw media the partition tables, boot sectors, FATs, MFT
 * records, inode tables and directories (fs-mutations.ts). Always the first and last 4 KiB too.
 */
export async function imageStructures(name: string, image: Buffer): Promise<ByteRange[]> {
  const ranges: ByteRange[] = [
    { offset: 0, length: Math.min(4096, image.length) },
    { offset: Math.max(0, image.length - 4096), length: Math.min(4096, image.length) },
  ]
  if (/\.E\d\d$/i.test(name)) ranges.push(...ewfRanges(image))
  else if (name.endsWith('.vhd')) ranges.push(...vhdRanges(image))
  else if (name.endsWith('.qcow2')) ranges.push(...qcow2Ranges(image))
  else if (name.endsWith('.vmdk') && image.toString('latin1', 0, 4) === 'KDMV')
    ranges.push(...vmdkRanges(image))
  else if (name.endsWith('.vmdk')) ranges.push({ offset: 0, length: image.length })
  else ranges.push(...(await structureRanges(image).catch(() => [])))
  return ranges.filter((r) => r.length > 0 && r.offset >= 0 && r.offset + r.length <= image.length)
}

function clamp(image: Buffer, offset: number | bigint, length: number): ByteRange {
  const at = Number(offset)
  if (!Number.isSafeInteger(at) || at < 0 || at >= image.length) return { offset: 0, length: 0 }
  return { offset: at, length: Math.min(length, image.length - at) }
}

/** Every section header of the segment, plus the bodies of its table and volume sections. */
function ewfRanges(image: Buffer): ByteRange[] {
  const out: ByteRange[] = [{ offset: 0, length: 13 }]
  let at = 13
  for (let i = 0; i < 1000 && at + 76 <= image.length; i++) {
    out.push({ offset: at, length: 76 })
    const type = image.toString('latin1', at, at + 16).replace(/\0.*$/s, '')
    if (
      ['table', 'table2', 'volume', 'disk', 'data', 'header', 'header2', 'hash', 'digest'].includes(
        type,
      )
    )
      out.push(clamp(image, at + 76, 4096))
    const next = Number(image.readBigUInt64LE(at + 16))
    if (next <= at || next > image.length) break
    at = next
  }
  return out
}

/** Footer (both copies), dynamic header, block allocation table, parent locators. */
function vhdRanges(image: Buffer): ByteRange[] {
  if (image.length < 512) return []
  const out = [clamp(image, image.length - 512, 512), clamp(image, 0, 512)]
  const header = image.readBigUInt64BE(image.length - 512 + 16)
  if (header < BigInt(image.length) && Number(header) + 1024 <= image.length) {
    const h = Number(header)
    out.push({ offset: h, length: 1024 })
    const bat = image.readBigUInt64BE(h + 16)
    out.push(clamp(image, bat, image.readUInt32BE(h + 28) * 4))
    for (let i = 0; i < 8; i++) {
      const locator = h + 576 + i * 24
      if (image.readUInt32BE(locator) !== 0)
        out.push(clamp(image, image.readBigUInt64BE(locator + 16), image.readUInt32BE(locator + 8)))
    }
  }
  return out
}

/** Header (and extensions), L1 table, the first L2 tables, the refcount table. */
function qcow2Ranges(image: Buffer): ByteRange[] {
  if (image.length < 104) return []
  const clusterBits = image.readUInt32BE(20)
  const cluster = clusterBits >= 9 && clusterBits <= 21 ? 2 ** clusterBits : 65_536
  const out = [clamp(image, 0, cluster)]
  const l1At = image.readBigUInt64BE(40)
  const l1Count = image.readUInt32BE(36)
  out.push(clamp(image, l1At, l1Count * 8))
  out.push(clamp(image, image.readBigUInt64BE(48), cluster))
  const l1 = clamp(image, l1At, l1Count * 8)
  for (let i = 0; i + 8 <= l1.length && i < 64; i += 8) {
    const l2 = image.readBigUInt64BE(l1.offset + i) & 0x00fffffffffffe00n
    if (l2 !== 0n) out.push(clamp(image, l2, cluster))
  }
  return out
}

/** Sparse/stream header, embedded descriptor, grain directory and the first grain tables. */
function vmdkRanges(image: Buffer): ByteRange[] {
  if (image.length < 512) return []
  const out = [clamp(image, 0, 512)]
  out.push(clamp(image, image.readBigUInt64LE(28) * 512n, Number(image.readBigUInt64LE(36)) * 512))
  const gtes = image.readUInt32LE(44)
  const gdSector = image.readBigUInt64LE(56)
  // Stream-optimized: the directory is in the footer near the end (the last 4 KiB range).
  if (gdSector === 0xffffffffffffffffn) return out
  const gd = clamp(image, gdSector * 512n, 2048)
  out.push(gd)
  for (let i = 0; i + 4 <= gd.length && i < 64; i += 4) {
    const gt = image.readUInt32LE(gd.offset + i)
    if (gt !== 0) out.push(clamp(image, gt * 512, Math.min(gtes, 4096) * 4))
  }
  return out
}
