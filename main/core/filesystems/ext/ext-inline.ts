import type { DataRun } from '../file-system'
import type { ExtInode } from './ext-inode'

const XATTR_MAGIC = 0xea020000
/** Name index 7 is the `system.` namespace; inline data continues in `system.data`. */
const SYSTEM_INDEX = 7

/** Content kept inside the inode, and where its bytes lie in the volume. */
export interface InodeBytes {
  readonly bytes: Buffer
  readonly runs: readonly DataRun[]
}

/** `i_block` starts 40 bytes into the inode. */
const I_BLOCK = 40

/**
 * The inline data of an inode (ext4 inline_data): the 60 bytes of `i_block`, continued by the
 * value of the `system.data` extended attribute kept in the inode's extra space, cut to the
 * size. Never longer than the inode itself.
 */
export function inlineData(inode: ExtInode): InodeBytes {
  const head = inode.block.subarray(0, Math.min(inode.block.length, inode.size))
  const tail = systemData(inode.raw)
  const rest = tail.bytes.subarray(0, Math.max(0, inode.size - head.length))
  const runs: DataRun[] = [{ offset: inode.offset + I_BLOCK, length: head.length }]
  if (rest.length > 0) runs.push({ offset: inode.offset + tail.at, length: rest.length })
  return { bytes: Buffer.concat([head, rest]), runs: runs.filter((run) => run.length > 0) }
}

/** The value of the in-inode `system.data` attribute (empty when there is none), and where. */
function systemData(raw: Buffer): { readonly bytes: Buffer; readonly at: number } {
  const none = { bytes: Buffer.alloc(0), at: 0 }
  if (raw.length <= 132) return none
  const start = 128 + raw.readUInt16LE(128)
  if (start + 4 > raw.length || raw.readUInt32LE(start) !== XATTR_MAGIC) return none
  const base = start + 4
  let at = base
  // Each entry is at least 16 bytes, so this loop ends within the inode.
  while (at + 16 <= raw.length && raw.readUInt32LE(at) !== 0) {
    const nameLength = raw[at] ?? 0
    const nameIndex = raw[at + 1] ?? 0
    const valueOffset = raw.readUInt16LE(at + 2)
    const valueSize = raw.readUInt32LE(at + 8)
    const name = raw.toString('latin1', at + 16, Math.min(raw.length, at + 16 + nameLength))
    if (nameIndex === SYSTEM_INDEX && name === 'data') {
      const from = base + valueOffset
      if (from >= raw.length) return none
      return { bytes: raw.subarray(from, Math.min(raw.length, from + valueSize)), at: from }
    }
    at += (16 + nameLength + 3) & ~3
  }
  return none
}
