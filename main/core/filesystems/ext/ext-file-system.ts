import type { ByteSource } from '../../evidence/byte-source'
import { AppError } from '../../model/errors'
import type { FileEntry, FileSystem } from '../file-system'
import { runsSource } from '../runs-source'
import type { WalkOptions } from '../walk-order'
import { ExtCache } from './ext-cache'
import { inodeContent } from './ext-content'
import { ExtGroups } from './ext-groups'
import { InodeReader } from './ext-inode'
import { freeBlockRanges } from './ext-free'
import { featureNames, parseSuperblock, SUPERBLOCK_OFFSET } from './ext-superblock'
import type { ExtSuperblock } from './ext-superblock'
import { walkExt } from './ext-walk'
import type { ExtContext } from './ext-walk'

/**
 * Open the ext2/3/4 file system of `source` (its superblock has the 0xEF53 magic). Read as
 * stored: the journal is not replayed.
 *
 * @throws AppError `FILESYSTEM_CORRUPT` when the superblock cannot describe a file system.
 */
export async function openExt(source: ByteSource): Promise<FileSystem> {
  const sb = parseSuperblock(await source.read(SUPERBLOCK_OFFSET, 1024))
  const cache = new ExtCache(source)
  const groups = new ExtGroups(cache, sb)
  const ctx: ExtContext = {
    cache,
    sb,
    groups,
    inodes: new InodeReader(cache, sb, groups),
    extent: {
      cache,
      blockSize: sb.blockSize,
      blocksCount: sb.blocksCount,
      maxBlocks: Math.max(1, Math.ceil(source.size / sb.blockSize)),
    },
  }
  return {
    kind: sb.kind,
    label: sb.label,
    clusterSize: sb.blockSize,
    source,
    walk: (options?: WalkOptions) => walkExt(ctx, options?.order),
    open: (entry: FileEntry) =>
      entry.contentAccess === 'reader'
        ? lazySource(entry.size, () => contentById(ctx, source, entry.id))
        : runsSource(source, entry.runs),
    openById: (id: string) => contentById(ctx, source, id),
    unallocated: () => freeBlockRanges(ctx),
    details: { ...extDetails(sb), ...(await inodeTableFacts(ctx)) },
  }
}

/** Where group 0's inode table is (for `inspect`, and where damage tests aim). */
async function inodeTableFacts(ctx: ExtContext): Promise<Record<string, number>> {
  const desc = await ctx.groups.descriptor(0)
  if (desc === null) return {}
  return {
    inodeTableOffset: desc.inodeTable * ctx.sb.blockSize,
    inodeTableBytes: ctx.sb.inodesPerGroup * ctx.sb.inodeSize,
  }
}

/**
 * The content of inode `id`, read without a walk.
 *
 * @throws AppError `NOT_FOUND` when the file system has no such inode.
 */
async function contentById(ctx: ExtContext, source: ByteSource, id: string): Promise<ByteSource> {
  const number = /^\d{1,12}$/.test(id) ? Number(id) : NaN
  const inode = Number.isNaN(number) ? null : await ctx.inodes.read(number)
  if (inode === null) throw new AppError('NOT_FOUND', `The file system has no inode ${id}.`)
  const content = await inodeContent(ctx.extent, inode)
  if (content.where === 'runs') return runsSource(source, content.runs)
  const bytes = content.bytes
  return {
    size: bytes.length,
    read: (offset: number, length: number) =>
      Promise.resolve(
        Buffer.from(bytes.subarray(Math.max(0, offset), Math.max(0, offset + length))),
      ),
    close: () => Promise.resolve(),
  }
}

/** A source of `size` bytes whose reader is found on first read. */
function lazySource(size: number, open: () => Promise<ByteSource>): ByteSource {
  let opened: Promise<ByteSource> | null = null
  return {
    size,
    async read(offset: number, length: number): Promise<Buffer> {
      opened ??= open()
      const inner = await opened
      return inner.read(offset, Math.min(length, size - offset))
    },
    close: () => Promise.resolve(),
  }
}

function extDetails(sb: ExtSuperblock): Record<string, string | number | boolean> {
  const when = (seconds: number): string =>
    seconds === 0 ? 'never' : new Date(seconds * 1000).toISOString()
  return {
    type: sb.kind,
    volumeName: sb.label ?? '',
    uuid: sb.uuid,
    blockSize: sb.blockSize,
    blockRange: `0 - ${sb.blocksCount - 1}`,
    freeBlocks: sb.freeBlocks,
    inodeRange: `1 - ${sb.inodesCount}`,
    freeInodes: sb.freeInodes,
    inodeSize: sb.inodeSize,
    blockGroups: sb.groupCount,
    blocksPerGroup: sb.blocksPerGroup,
    inodesPerGroup: sb.inodesPerGroup,
    features: featureNames(sb),
    journalInode: sb.journalInode,
    journalReplayed: false,
    lastMounted: when(sb.lastMountedAt),
    lastMountedOn: sb.lastMountedOn,
    lastWritten: when(sb.lastWrittenAt),
    cleanlyUnmounted: (sb.state & 1) === 1,
  }
}
