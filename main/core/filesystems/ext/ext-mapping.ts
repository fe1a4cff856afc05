import type { DataRun } from '../file-system'

/**
 * A stretch of a file in blocks: `count` blocks from logical block `logical`, stored from
 * physical block `physical`, or null (a hole, or an uninitialized extent: both read as zeros).
 */
export interface BlockRun {
  readonly logical: number
  readonly physical: number | null
  readonly count: number
}

/** A file's block map as read: its runs, and what stopped the reading early, if anything. */
export interface Mapping {
  readonly runs: readonly BlockRun[]
  readonly problem: string | null
}

/** More runs than this in one file is damage, not fragmentation (memory stays bounded). */
export const MAX_FILE_RUNS = 262_144

/**
 * Collects block runs in logical order, merging neighbours, and refusing more than
 * {@link MAX_FILE_RUNS} or more than `maxBlocks` stored blocks (a file cannot hold more blocks
 * than its volume, whatever its pointers say).
 */
export class RunCollector {
  readonly runs: BlockRun[] = []
  private stored = 0

  constructor(private readonly maxBlocks: number) {}

  /** Add a run; false (and nothing added) when a limit is reached. */
  add(logical: number, physical: number | null, count: number): boolean {
    if (count <= 0) return true
    if (physical !== null) {
      this.stored += count
      if (this.stored > this.maxBlocks) return false
    }
    const last = this.runs[this.runs.length - 1]
    if (
      last !== undefined &&
      last.logical + last.count === logical &&
      (last.physical === null
        ? physical === null
        : physical !== null && last.physical + last.count === physical)
    ) {
      this.runs[this.runs.length - 1] = { ...last, count: last.count + count }
      return true
    }
    if (this.runs.length >= MAX_FILE_RUNS) return false
    this.runs.push({ logical, physical, count })
    return true
  }
}

/**
 * Byte runs covering exactly `size` bytes: the block runs in logical order (overlaps dropped),
 * gaps and the tail past the last mapped block as holes (sparse files read as zeros there).
 */
export function blockRunsToDataRuns(
  runs: readonly BlockRun[],
  blockSize: number,
  size: number,
): DataRun[] {
  const sorted = [...runs].sort((a, b) => a.logical - b.logical)
  const out: DataRun[] = []
  let at = 0
  const push = (offset: number | null, length: number): void => {
    const n = Math.min(length, size - at)
    if (n <= 0) return
    const last = out[out.length - 1]
    if (last !== undefined && last.offset === null && offset === null)
      out[out.length - 1] = { offset: null, length: last.length + n }
    else if (
      last !== undefined &&
      last.offset !== null &&
      offset !== null &&
      last.offset + last.length === offset
    )
      out[out.length - 1] = { offset: last.offset, length: last.length + n }
    else out.push(offset === null ? { offset: null, length: n } : { offset, length: n })
    at += n
  }
  for (const run of sorted) {
    if (at >= size) break
    const start = run.logical * blockSize
    const end = start + run.count * blockSize
    if (end <= at) continue
    if (start > at) push(null, start - at)
    const skip = at - start
    push(run.physical === null ? null : run.physical * blockSize + skip, end - at)
  }
  if (at < size) push(null, size - at)
  return out
}
