import type { ByteRange } from '../../evidence/byte-source'
import { isAppError } from '../../model/errors'
import type { FileEntry, WalkProblem } from '../file-system'
import { MAX_DEPTH } from '../walk-tree'
import { listingOrderer } from '../walk-order'
import type { ListingOrderer, WalkOrder } from '../walk-order'
import type { ExtCache } from './ext-cache'
import { freeBlockRanges, insideRanges } from './ext-free'
import { inodeContent } from './ext-content'
import type { ExtContent } from './ext-content'
import { parseDirBlock } from './ext-directory'
import type { DirName } from './ext-directory'
import { extEntry, modeKind } from './ext-entry'
import type { NamedInode } from './ext-entry'
import type { ExtentContext } from './ext-extents'
import type { ExtGroups } from './ext-groups'
import { BG_INODE_UNINIT } from './ext-groups'
import { S_IFLNK, S_IFMT } from './ext-inode'
import type { ExtInode, InodeReader } from './ext-inode'
import type { ExtSuperblock } from './ext-superblock'
import { INCOMPAT_FILETYPE } from './ext-superblock'

/** Everything a walk reads through. */
export interface ExtContext {
  readonly cache: ExtCache
  readonly sb: ExtSuperblock
  readonly groups: ExtGroups
  readonly inodes: InodeReader
  readonly extent: ExtentContext
}

/** The root directory's inode number. */
export const ROOT_INODE = 2
/** Where TSK lists inodes no name reaches. */
export const ORPHAN_DIR = '/$OrphanFiles'

type ListEvent = { readonly named: NamedInode } | { readonly problem: string }

/** A directory being listed. */
interface DirFrame {
  readonly path: string
  readonly events: AsyncGenerator<ListEvent>
}

/**
 * What a walk remembers: directories listed, free inodes some name reached, and (read when the
 * first deleted file needs it) the free blocks.
 */
interface WalkState {
  readonly listed: Set<number>
  readonly named: Set<number>
  free: Promise<readonly ByteRange[]> | null
}

/**
 * Every name from the root, depth first (each directory right after its own entry, as `fls
 * -r`), then the orphans TSK lists under `/$OrphanFiles`: free inodes that were in use (their
 * ctime is set) and that no name reached, each as `OrphanFile-N`, an orphan directory with its
 * contents. A directory is listed once: a name leading to one already listed (a cycle, a hard
 * link to a directory) is reported, not entered. `order` reorders the tree's children
 * (walk-order.ts); the orphans stay last: they are known only once every name has been read.
 */
export async function* walkExt(
  ctx: ExtContext,
  order?: WalkOrder,
): AsyncGenerator<FileEntry | WalkProblem> {
  const state: WalkState = { listed: new Set([ROOT_INODE]), named: new Set(), free: null }
  const root = await ctx.inodes.read(ROOT_INODE)
  if (root === null || modeKind(root.mode) !== 'directory') {
    yield { kind: 'problem', path: '/', detail: 'The root directory inode (2) is not a directory.' }
  } else {
    const orderer = listingOrderer(order)
    const events = orderer.root(listDirectory(ctx, '', root), nameOf)
    yield* walkFrom(ctx, { path: '', events }, state, orderer)
  }
  yield* walkOrphans(ctx, state)
}

async function* walkFrom(
  ctx: ExtContext,
  start: DirFrame,
  state: WalkState,
  orderer: ListingOrderer = listingOrderer(undefined),
): AsyncGenerator<FileEntry | WalkProblem> {
  const stack: DirFrame[] = [start]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]
    if (top === undefined) break
    const next = await nextEvent(top)
    if (next === null) {
      stack.pop()
      continue
    }
    if ('problem' in next) {
      yield { kind: 'problem', path: top.path || '/', detail: next.problem }
      continue
    }
    const { named } = next
    if (named.inode !== null && !named.inode.allocated) state.named.add(named.inodeNumber)
    yield await unlessReused(ctx, state, extEntry(named))
    // A damaged map of a file in use is worth saying; a deleted file's is expected.
    if (!named.deleted && named.content?.where === 'runs' && named.content.problem !== null)
      yield { kind: 'problem', path: named.path, detail: named.content.problem }
    if (!entersDirectory(named)) continue
    if (state.listed.has(named.inodeNumber) || stack.length >= MAX_DEPTH) {
      // A stale deleted name of a directory listed elsewhere is common, not damage.
      if (!named.deleted || stack.length >= MAX_DEPTH)
        yield { kind: 'problem', path: named.path, detail: refusal(named, stack.length) }
      continue
    }
    state.listed.add(named.inodeNumber)
    if (named.inode !== null) {
      const events = listDirectory(ctx, named.path, named.inode)
      stack.push({ path: named.path, events: orderer.below(events, named.path, nameOf) })
    }
  }
}

function nameOf(event: ListEvent): string | null {
  return 'named' in event ? event.named.name : null
}

/**
 * TSK's rule for entering a directory: the name says directory (or nothing), the inode is one,
 * and the name is allocated or both name and inode are free (a deleted name whose inode now
 * belongs to something else is not followed).
 */
function entersDirectory(named: NamedInode): boolean {
  const { inode } = named
  return (
    inode !== null &&
    (named.nameType === 'directory' || named.nameType === 'unknown') &&
    modeKind(inode.mode) === 'directory' &&
    (!named.deleted || !inode.allocated)
  )
}

function refusal(named: NamedInode, depth: number): string {
  return depth >= MAX_DEPTH
    ? `The directory is nested more than ${MAX_DEPTH} levels deep; not entered.`
    : `Directory inode ${named.inodeNumber} was already listed (a directory cycle or a hard link to a directory); not entered again.`
}

async function nextEvent(frame: DirFrame): Promise<ListEvent | null> {
  try {
    const result = await frame.events.next()
    return result.done === true ? null : result.value
  } catch (error: unknown) {
    if (!isAppError(error)) throw error
    await frame.events.return(undefined)
    return { problem: `The directory could not be read further: ${error.message}` }
  }
}

/** The names of directory `dir`, block by block, with their inodes. */
async function* listDirectory(
  ctx: ExtContext,
  path: string,
  dir: ExtInode,
): AsyncGenerator<ListEvent> {
  const content = await inodeContent(ctx.extent, dir)
  if (content.where === 'runs' && content.problem !== null) yield { problem: content.problem }
  const options = {
    hasFileType: (ctx.sb.incompat & INCOMPAT_FILETYPE) !== 0,
    // TSK accepts one number past the last inode (its virtual $OrphanFiles directory).
    lastInode: ctx.sb.inodesCount + 1,
    inDeletedDir: !dir.allocated,
  }
  const seen = new Set<string>()
  for await (const block of directoryBlocks(ctx, content)) {
    for (const name of parseDirBlock(block, options)) {
      // The same name for the same inode twice (a copy left in the slack): listed once.
      const key = `${name.inode}/${name.name}`
      if (seen.has(key)) continue
      seen.add(key)
      yield { named: await describeName(ctx, `${path}/${name.name}`, name) }
    }
  }
}

/** A directory's content block by block; holes (no names) are skipped, inline data padded. */
async function* directoryBlocks(ctx: ExtContext, content: ExtContent): AsyncGenerator<Buffer> {
  const size = ctx.sb.blockSize
  if (content.where === 'inode') {
    const padded = Buffer.alloc(Math.max(size, content.bytes.length))
    content.bytes.copy(padded)
    yield padded
    return
  }
  for (const run of content.runs) {
    if (run.offset === null) continue
    for (let at = 0; at < run.length; at += size) {
      const block = await ctx.cache.bytes(run.offset + at, size)
      if (block.length === 0) return
      yield Buffer.from(block)
    }
  }
}

/** A name with its inode, content and link target read. */
async function describeName(ctx: ExtContext, path: string, name: DirName): Promise<NamedInode> {
  const inode = name.inode === 0 ? null : await ctx.inodes.read(name.inode)
  return described(ctx, {
    path,
    name: name.name,
    nameType: name.type,
    deleted: name.deleted,
    inodeNumber: name.inode,
    inode,
  })
}

async function described(
  ctx: ExtContext,
  base: Omit<NamedInode, 'content' | 'linkTarget' | 'extraFlags'>,
  extraFlags: readonly string[] = [],
): Promise<NamedInode> {
  const { inode } = base
  const content = inode === null ? null : await inodeContent(ctx.extent, inode)
  const isLink = inode !== null && (inode.mode & S_IFMT) === S_IFLNK
  const linkTarget = isLink && content !== null ? await readTarget(ctx.cache, content) : null
  return { ...base, content, linkTarget, extraFlags }
}

/** A symbolic link's target: its content, at most 4 KiB. */
async function readTarget(cache: ExtCache, content: ExtContent): Promise<string> {
  if (content.where === 'inode') return content.bytes.toString('utf8')
  const parts: Buffer[] = []
  let left = 4096
  for (const run of content.runs) {
    if (left <= 0) break
    const n = Math.min(run.length, left)
    parts.push(run.offset === null ? Buffer.alloc(n) : await cache.bytes(run.offset, n))
    left -= n
  }
  return Buffer.concat(parts).toString('utf8')
}

/** TSK's orphan files: free, once-used inodes no name reached. */
async function* walkOrphans(
  ctx: ExtContext,
  state: WalkState,
): AsyncGenerator<FileEntry | WalkProblem> {
  const { sb } = ctx
  // Inode tables lie in the media: no more inodes than it can hold are scanned.
  let budget = Math.floor(ctx.cache.size / sb.inodeSize)
  for (let group = 0; group < sb.groupCount && budget > 0; group += 1) {
    const desc = await ctx.groups.descriptor(group)
    if (desc === null) break
    if ((desc.flags & BG_INODE_UNINIT) !== 0) continue
    const first = group * sb.inodesPerGroup + 1
    const last = Math.min(sb.inodesCount, first + sb.inodesPerGroup - 1)
    const scanned = Math.min(last, first + budget - 1)
    budget -= scanned - first + 1
    const { numbers } = await ctx.inodes.freeButUsedIn(first, scanned)
    for (const number of numbers) {
      // Checked now, not when the group was read: an orphan directory walked just before may
      // have reached this inode.
      if (state.named.has(number) || state.listed.has(number)) continue
      const inode = await ctx.inodes.read(number)
      if (inode === null) break
      const name = `OrphanFile-${number}`
      const path = `${ORPHAN_DIR}/${name}`
      const base = {
        path,
        name,
        nameType: 'unknown' as const,
        deleted: true,
        inodeNumber: number,
        inode,
      }
      const named = await described(ctx, base, ['orphan'])
      state.listed.add(number)
      yield await unlessReused(ctx, state, extEntry(named))
      // Its contents count as reached, as TSK's orphan_subdir_list makes them.
      if (modeKind(inode.mode) === 'directory')
        yield* walkFrom(ctx, { path, events: listDirectory(ctx, path, inode) }, state)
    }
  }
}

/**
 * A deleted file is recoverable only while every block of its map is still free (the contract's
 * rule, as on FAT and NTFS): a block given to another file since holds that file's bytes, and
 * scanning them as the deleted file's would attribute a finding to the wrong file. TSK's `icat`
 * reads such blocks anyway; `open()` still gives them, flagged `blocks-reused`.
 */
async function unlessReused(
  ctx: ExtContext,
  state: WalkState,
  entry: FileEntry,
): Promise<FileEntry> {
  if (!entry.deleted || !entry.recoverable || entry.contentAccess === 'reader') return entry
  const placed = entry.runs.filter((run) => run.offset !== null)
  if (placed.length === 0) return entry
  state.free ??= freeBlockRanges(ctx)
  const free = await state.free
  if (placed.every((run) => insideRanges(free, run.offset, run.length))) return entry
  return { ...entry, recoverable: false, flags: [...entry.flags, 'blocks-reused'] }
}
