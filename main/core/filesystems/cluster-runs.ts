import type { DirRegion } from './dir-slots'
import type { ClusterRange } from './cluster-chain'
import type { DataRun } from './file-system'
import type { FreeClusters } from './free-clusters'

/** Where the clusters of a FAT-family file system are. */
export interface ClusterGeometry {
  /** Byte offset of cluster 2 (the first data cluster) in the file system's source. */
  readonly heapOffset: number
  readonly clusterSize: number
  /** Highest valid cluster number (cluster count + 1). */
  readonly lastCluster: number
}

/** How a deleted file's content was recovered. */
export interface Recovery {
  readonly runs: readonly DataRun[]
  /** False when the content could not be recovered (TSK then shows the first cluster only). */
  readonly recoverable: boolean
}

/** Byte offset of `cluster` in the source. */
export function clusterOffset(geometry: ClusterGeometry, cluster: number): number {
  return geometry.heapOffset + (cluster - 2) * geometry.clusterSize
}

/** Cluster ranges as byte runs, cut so that together they cover at most `size` bytes. */
export function rangesToRuns(
  geometry: ClusterGeometry,
  ranges: readonly ClusterRange[],
  size: number,
): DataRun[] {
  const runs: DataRun[] = []
  let left = size
  for (const range of ranges) {
    if (left <= 0) break
    const length = Math.min(range.count * geometry.clusterSize, left)
    runs.push({ offset: clusterOffset(geometry, range.first), length })
    left -= length
  }
  return runs
}

/** A recovery needing more separate free ranges than this is not a recovery but noise. */
export const MAX_RECOVERED_RANGES = 4096

/**
 * The last cluster whose bytes lie entirely within a source of `size` bytes: clusters past it
 * cannot be read, so scans of the allocation table stop there (a header cannot make them
 * longer than the media).
 */
export function lastClusterInMedia(geometry: ClusterGeometry, size: number): number {
  const inMedia = 1 + Math.floor((size - geometry.heapOffset) / geometry.clusterSize)
  return Math.max(1, Math.min(geometry.lastCluster, inMedia))
}

/**
 * The Sleuth Kit's recovery rule for a deleted FAT or exFAT file, reproduced so that the
 * content (and its SHA-256) is what TSK's `icat` gives: from the first cluster onwards, take
 * the free clusters (skipping allocated ones) until the size is covered. When the first
 * cluster is allocated again, or the free clusters run out before the size is covered, the
 * file is not recoverable and the content is its first cluster only (cut to the size) —
 * which now holds some other file's data; `recoverable` says so. `free` is null when the
 * allocation state is unknown (no usable allocation bitmap): nothing is recoverable then.
 */
export function recoverDeleted(
  geometry: ClusterGeometry,
  free: FreeClusters | null,
  first: number,
  size: number,
): Recovery {
  if (size <= 0) return { runs: [], recoverable: true }
  if (first < 2 || first > geometry.lastCluster) return { runs: [], recoverable: false }
  const firstOnly: Recovery = {
    runs: rangesToRuns(geometry, [{ first, count: 1 }], size),
    recoverable: false,
  }
  if (free === null || !free.isFree(first)) return firstOnly
  const ranges = free.take(first, Math.ceil(size / geometry.clusterSize), MAX_RECOVERED_RANGES)
  return ranges === null
    ? firstOnly
    : { runs: rangesToRuns(geometry, ranges, size), recoverable: true }
}

/** Cluster ranges as byte regions of a directory (see {@link DirRegion}), all `allocated` or not. */
export function clusterRegions(
  geometry: ClusterGeometry,
  ranges: readonly ClusterRange[],
  allocated: boolean,
): DirRegion[] {
  return ranges.map((range) => ({
    offset: clusterOffset(geometry, range.first),
    length: range.count * geometry.clusterSize,
    allocated,
  }))
}
