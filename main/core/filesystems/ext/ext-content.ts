import type { DataRun } from '../file-system'
import { readBlockMap } from './ext-blockmap'
import type { ExtentContext } from './ext-extents'
import { readExtentTree } from './ext-extents'
import { inlineData } from './ext-inline'
import { INODE_EXTENTS, INODE_INLINE_DATA, S_IFLNK, S_IFMT } from './ext-inode'
import type { ExtInode } from './ext-inode'
import { blockRunsToDataRuns } from './ext-mapping'

/** Where an inode's content is. */
export type ExtContent =
  /** In blocks: `runs` cover the size (holes and uninitialized extents as sparse runs). */
  | { readonly where: 'runs'; readonly runs: readonly DataRun[]; readonly problem: string | null }
  /** Inside the inode (inline data, a fast symlink's target); `runs` locate the bytes. */
  | { readonly where: 'inode'; readonly bytes: Buffer; readonly runs: readonly DataRun[] }

/**
 * A fast symlink keeps its target (under 60 bytes) in `i_block`, with no data block: its
 * `i_blocks` counts at most the extended-attribute block (as the kernel decides).
 */
export function isFastSymlink(inode: ExtInode, blockSize: number): boolean {
  const xattrSectors = inode.raw.readUInt32LE(104) !== 0 ? blockSize / 512 : 0
  return (
    (inode.mode & S_IFMT) === S_IFLNK &&
    inode.size < 60 &&
    (inode.flags & (INODE_INLINE_DATA | INODE_EXTENTS)) === 0 &&
    inode.raw.readUInt32LE(28) - xattrSectors <= 0
  )
}

/** The content of `inode`: inline, fast-symlink, extent-mapped or block-mapped. */
export async function inodeContent(ctx: ExtentContext, inode: ExtInode): Promise<ExtContent> {
  if ((inode.flags & INODE_INLINE_DATA) !== 0) return { where: 'inode', ...inlineData(inode) }
  if (isFastSymlink(inode, ctx.blockSize)) {
    const bytes = inode.block.subarray(0, inode.size)
    return { where: 'inode', bytes, runs: [{ offset: inode.offset + 40, length: bytes.length }] }
  }
  if (inode.size === 0) return { where: 'runs', runs: [], problem: null }
  const mapping =
    (inode.flags & INODE_EXTENTS) !== 0
      ? await readExtentTree(ctx, inode.block)
      : await readBlockMap(ctx, inode.block, Math.ceil(inode.size / ctx.blockSize))
  const runs = blockRunsToDataRuns(mapping.runs, ctx.blockSize, inode.size)
  // A map that broke off does not go on as a hole: the content ends where the reading did.
  if (mapping.problem !== null && runs[runs.length - 1]?.offset === null) runs.pop()
  return { where: 'runs', runs, problem: mapping.problem }
}
