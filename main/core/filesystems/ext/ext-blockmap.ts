import type { ExtentContext } from './ext-extents'
import { RunCollector } from './ext-mapping'
import type { Mapping } from './ext-mapping'

/** Direct pointers in `i_block`, before the single, double and triple indirect ones. */
const DIRECT = 12

/** Thrown inside the walk to end it with a problem (caught below, never escapes). */
class Stop extends Error {
  constructor(readonly problem: string) {
    super(problem)
  }
}

/**
 * The block runs of a block-mapped (ext2/ext3-style) file: 12 direct pointers, then single,
 * double and triple indirect blocks, read until `blockCount` logical blocks are covered. A zero
 * pointer is a hole (a whole subtree of them when it is an indirect pointer). A pointer outside
 * the volume, or more stored blocks than the media holds, ends the reading with a problem (TSK
 * refuses such a file too); the runs read until then are kept.
 */
export async function readBlockMap(
  ctx: ExtentContext,
  iBlock: Buffer,
  blockCount: number,
): Promise<Mapping> {
  const collector = new RunCollector(ctx.maxBlocks)
  const perBlock = ctx.blockSize / 4
  let logical = 0
  let indirectBlocks = 0

  const data = (pointer: number): void => {
    if (pointer >= ctx.blocksCount)
      throw new Stop(`A block pointer (${pointer}) lies outside the file system.`)
    if (!collector.add(logical, pointer === 0 ? null : pointer, 1))
      throw new Stop('The block map maps more blocks than the volume holds.')
    logical += 1
  }

  /** Follow `pointer`, an indirect block `level` levels above the data (1 = single). */
  const indirect = async (pointer: number, level: number): Promise<void> => {
    const span = perBlock ** level
    if (pointer === 0) {
      const count = Math.min(span, blockCount - logical)
      collector.add(logical, null, count)
      logical += count
      return
    }
    if (pointer >= ctx.blocksCount)
      throw new Stop(`An indirect block pointer (${pointer}) lies outside the file system.`)
    // A volume's worth of indirect blocks for one file is damage (or a loop of pointers).
    if (++indirectBlocks > ctx.maxBlocks)
      throw new Stop('The block map reads more indirect blocks than the volume holds.')
    const block = await ctx.cache.bytes(pointer * ctx.blockSize, ctx.blockSize)
    if (block.length < ctx.blockSize)
      throw new Stop(`Indirect block ${pointer} lies past the end of the image.`)
    const pointers = Buffer.from(block)
    for (let i = 0; i < perBlock && logical < blockCount; i += 1) {
      const next = pointers.readUInt32LE(i * 4)
      if (level === 1) data(next)
      else await indirect(next, level - 1)
    }
  }

  try {
    for (let i = 0; i < DIRECT && logical < blockCount; i += 1) data(iBlock.readUInt32LE(i * 4))
    for (let level = 1; level <= 3 && logical < blockCount; level += 1)
      await indirect(iBlock.readUInt32LE((DIRECT + level - 1) * 4), level)
  } catch (error: unknown) {
    if (error instanceof Stop) return { runs: collector.runs, problem: error.problem }
    throw error
  }
  return { runs: collector.runs, problem: null }
}
