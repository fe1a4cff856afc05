import type { ByteSource } from '../evidence/byte-source'
import { AppError } from '../model/errors'
import type { DataRun } from './file-system'

/**
 * A file's content as a source: its runs stitched together in order, sparse runs read as
 * zeros. Its size is the sum of the run lengths. Reading a run whose bytes are not in the
 * parent (an image cut short) fails with `EVIDENCE_READ` rather than returning made-up bytes.
 * Closing it does not close the parent.
 */
export function runsSource(parent: ByteSource, runs: readonly DataRun[]): ByteSource {
  const starts: number[] = []
  let size = 0
  for (const run of runs) {
    starts.push(size)
    size += run.length
  }
  return {
    size,
    async read(offset: number, wanted: number): Promise<Buffer> {
      if (offset >= size || wanted <= 0 || offset < 0) return Buffer.alloc(0)
      return readSpan(parent, runs, starts, offset, Math.min(wanted, size - offset))
    },
    close: () => Promise.resolve(),
  }
}

async function readSpan(
  parent: ByteSource,
  runs: readonly DataRun[],
  starts: readonly number[],
  offset: number,
  length: number,
): Promise<Buffer> {
  const out = Buffer.alloc(length)
  let done = 0
  let index = runIndex(starts, offset)
  while (done < length) {
    const run = runs[index]
    const start = starts[index]
    if (run === undefined || start === undefined) break
    const inner = offset + done - start
    const n = Math.min(run.length - inner, length - done)
    if (run.offset !== null) {
      const bytes = await parent.read(run.offset + inner, n)
      if (bytes.length < n) {
        throw new AppError(
          'EVIDENCE_READ',
          `File data at byte ${run.offset + inner + bytes.length} of the file system lies past the end of the image (is it truncated?).`,
        )
      }
      bytes.copy(out, done)
    }
    done += n
    index += 1
  }
  return out
}

/** Index of the run holding `offset` (binary search over the run start offsets). */
function runIndex(starts: readonly number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((starts[mid] ?? 0) <= offset) low = mid
    else high = mid - 1
  }
  return low
}
