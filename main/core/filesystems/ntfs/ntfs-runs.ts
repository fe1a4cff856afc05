import type { DataRun } from '../file-system'

/** A run of an attribute: `count` clusters from virtual cluster `vcn`, at `lcn` or sparse (null). */
export interface ClusterRun {
  readonly vcn: number
  readonly lcn: number | null
  readonly count: number
}

/** A decoded run list, and why decoding stopped early (null: it ended normally). */
export interface DecodedRuns {
  readonly runs: ClusterRun[]
  readonly problem: string | null
}

/**
 * Decode the mapping pairs (run list) in `bytes[start, end)` of an attribute that starts at
 * virtual cluster `startVcn`. Each pair is a header byte (low nibble: size of the length,
 * high nibble: size of the offset), an unsigned length and a signed LCN delta from the
 * previous run; no offset bytes make a sparse run. A run outside the volume
 * (`clusterCount` clusters), a length of 0 or over the volume, or fields past the end stop
 * the decoding with a problem; the runs before it are kept. `isBoot` lets the first run start
 * at LCN 0 ($Boot), which elsewhere would read as a sparse run.
 */
export function decodeRunList(
  bytes: Buffer,
  start: number,
  end: number,
  startVcn: number,
  clusterCount: number,
  isBoot = false,
): DecodedRuns {
  const runs: ClusterRun[] = []
  let at = start
  let vcn = startVcn
  let lcn = 0
  for (;;) {
    if (at >= end) return { runs, problem: 'the run list has no end mark' }
    const header = bytes[at] ?? 0
    if (header === 0) return { runs, problem: null }
    const lengthSize = header & 0x0f
    const offsetSize = header >> 4
    if (lengthSize === 0 || lengthSize > 8 || offsetSize > 8)
      return { runs, problem: `a run header (0x${header.toString(16)}) is invalid` }
    if (at + 1 + lengthSize + offsetSize > end)
      return { runs, problem: 'a run runs past the end of the run list' }
    const count = readUnsigned(bytes, at + 1, lengthSize)
    if (count === 0 || count > clusterCount)
      return { runs, problem: `a run length (${count} clusters) is impossible` }
    const delta = offsetSize === 0 ? 0 : readSigned(bytes, at + 1 + lengthSize, offsetSize)
    // NT 4 wrote -1 for a hole at the start; otherwise no offset (or a zero delta) is a hole.
    const sparse = offsetSize === 0 || (delta === 0 && !(isBoot && runs.length === 0))
    if (delta === -1 && lcn === 0) {
      runs.push({ vcn, lcn: null, count })
    } else if (sparse) {
      runs.push({ vcn, lcn: null, count })
    } else {
      lcn += delta
      if (lcn < 0 || lcn + count > clusterCount)
        return { runs, problem: `a run (clusters ${lcn}+${count}) lies outside the volume` }
      runs.push({ vcn, lcn, count })
    }
    vcn += count
    if (!Number.isSafeInteger(vcn)) return { runs, problem: 'the run list is impossibly long' }
    at += 1 + lengthSize + offsetSize
  }
}

/**
 * Cluster runs as byte runs of the volume, cut so that together they cover `size` bytes at
 * most; bytes from `initialized` on are a hole (NTFS reads them as zeros whatever the clusters
 * hold).
 */
export function clusterRunsToData(
  runs: readonly ClusterRun[],
  clusterSize: number,
  size: number,
  initialized = size,
): DataRun[] {
  const out: DataRun[] = []
  let position = 0
  for (const run of runs) {
    if (position >= size) break
    const length = Math.min(run.count * clusterSize, size - position)
    const real = run.lcn === null ? 0 : Math.max(0, Math.min(length, initialized - position))
    if (real > 0 && run.lcn !== null) push(out, { offset: run.lcn * clusterSize, length: real })
    if (length > real) push(out, { offset: null, length: length - real })
    position += length
  }
  return out
}

/** Append a run, merging it with the previous one when they are contiguous. */
function push(out: DataRun[], run: DataRun): void {
  const last = out[out.length - 1]
  if (last !== undefined && last.offset === null && run.offset === null) {
    out[out.length - 1] = { offset: null, length: last.length + run.length }
  } else if (
    last !== undefined &&
    last.offset !== null &&
    run.offset !== null &&
    last.offset + last.length === run.offset
  ) {
    out[out.length - 1] = { offset: last.offset, length: last.length + run.length }
  } else {
    out.push(run)
  }
}

function readUnsigned(bytes: Buffer, at: number, size: number): number {
  let value = 0
  for (let i = size - 1; i >= 0; i -= 1) value = value * 256 + (bytes[at + i] ?? 0)
  return value
}

function readSigned(bytes: Buffer, at: number, size: number): number {
  const unsigned = readUnsigned(bytes, at, size)
  const negative = ((bytes[at + size - 1] ?? 0) & 0x80) !== 0
  return negative ? unsigned - 2 ** (8 * size) : unsigned
}
