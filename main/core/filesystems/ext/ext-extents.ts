import type { ExtCache } from './ext-cache'
import { RunCollector } from './ext-mapping'
import type { Mapping } from './ext-mapping'

const EXTENT_MAGIC = 0xf30a
/** The kernel allows depth 5 at most; deeper is damage. */
const MAX_DEPTH = 5
/** An extent length above this marks an uninitialized (preallocated) extent. */
const INIT_MAX_LEN = 32_768
/** Index and leaf blocks visited per file at most (each holds hundreds of extents). */
const MAX_NODES = 65_536

/** Where a file's extent tree is and how far its blocks may reach. */
export interface ExtentContext {
  readonly cache: ExtCache
  readonly blockSize: number
  /** Blocks in the file system: pointers at or past it are damage. */
  readonly blocksCount: number
  /** Stored blocks one file may have at most (the media's block count). */
  readonly maxBlocks: number
}

/**
 * The block runs of an extent-mapped file from the tree rooted in `root` (the inode's
 * `i_block`). Index nodes are followed depth first; uninitialized extents become holes (they
 * read as zeros, as the kernel returns them). A bad magic number, a depth over 5 or not
 * decreasing by one, a node visited twice (a cycle), or a block outside the volume ends the
 * reading with a problem; the runs read until then are kept.
 */
export async function readExtentTree(ctx: ExtentContext, root: Buffer): Promise<Mapping> {
  const collector = new RunCollector(ctx.maxBlocks)
  const seen = new Set<number>()
  let problem: string | null = null
  let nodes = 0

  const visit = async (node: Buffer, expectedDepth: number | null): Promise<boolean> => {
    if (node.length < 12 || node.readUInt16LE(0) !== EXTENT_MAGIC) {
      problem = 'An extent tree node has no 0xF30A magic number.'
      return false
    }
    const entries = node.readUInt16LE(2)
    const depth = node.readUInt16LE(6)
    if (depth > MAX_DEPTH || (expectedDepth !== null && depth !== expectedDepth)) {
      problem = `An extent tree node has depth ${depth}, which is impossible here.`
      return false
    }
    const count = Math.min(entries, Math.floor((node.length - 12) / 12))
    for (let i = 0; i < count; i += 1) {
      const at = 12 + i * 12
      const ok = depth === 0 ? leaf(node, at) : await index(node, at, depth)
      if (!ok) return false
    }
    return true
  }

  const leaf = (node: Buffer, at: number): boolean => {
    const logical = node.readUInt32LE(at)
    let length = node.readUInt16LE(at + 4)
    const uninit = length > INIT_MAX_LEN
    if (uninit) length -= INIT_MAX_LEN
    const physical = node.readUInt16LE(at + 6) * 2 ** 32 + node.readUInt32LE(at + 8)
    if (physical + length > ctx.blocksCount) {
      problem = `An extent points at block ${physical}, outside the file system.`
      return false
    }
    if (!collector.add(logical, uninit ? null : physical, length)) {
      problem = 'The extent tree maps more blocks than the volume holds.'
      return false
    }
    return true
  }

  const index = async (node: Buffer, at: number, depth: number): Promise<boolean> => {
    const child = node.readUInt32LE(at + 4) + node.readUInt16LE(at + 8) * 2 ** 32
    if (child === 0 || child >= ctx.blocksCount) {
      problem = `An extent index points at block ${child}, outside the file system.`
      return false
    }
    if (seen.has(child) || ++nodes > MAX_NODES) {
      problem = `The extent tree reaches block ${child} twice (a cycle); not followed again.`
      return false
    }
    seen.add(child)
    const block = await ctx.cache.bytes(child * ctx.blockSize, ctx.blockSize)
    if (block.length < ctx.blockSize) {
      problem = `Extent index block ${child} lies past the end of the image.`
      return false
    }
    return visit(Buffer.from(block), depth - 1)
  }

  await visit(root, null)
  return { runs: collector.runs, problem }
}
