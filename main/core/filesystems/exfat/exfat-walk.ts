import type { ByteSource } from '../../evidence/byte-source'
import { describeChainEnd } from '../chain-problems'
import { followChain } from '../cluster-chain'
import type { ClusterRange } from '../cluster-chain'
import { clusterRegions, rangesToRuns, recoverDeleted } from '../cluster-runs'
import type { ClusterGeometry } from '../cluster-runs'
import type { DirRegion } from '../dir-slots'
import type { DataRun, FileEntry } from '../file-system'
import { freeOrNull } from '../free-clusters'
import type { FreeClusters } from '../free-clusters'
import { joinPath } from '../names'
import type { DirHandle, ListEvent } from '../walk-tree'
import type { ExfatBoot } from './exfat-boot'
import { MAX_EXFAT_DIR_BYTES, readExfatDirectory } from './exfat-directory'
import type { ExfatSet } from './exfat-directory'
import { exfatTimes, setFlags } from './exfat-entry'
import type { ExfatFat } from './exfat-tables'
import type { UpcaseTable } from './exfat-upcase'

/** What an exFAT walk needs. */
export interface ExfatContext {
  readonly source: ByteSource
  readonly boot: ExfatBoot
  readonly fat: ExfatFat
  /** The free clusters per the allocation bitmap (scanned once); null without a usable bitmap. */
  readonly free: () => Promise<FreeClusters | null>
  readonly upcase: UpcaseTable
  readonly geometry: ClusterGeometry
}

/** An exFAT directory handle. */
export interface ExfatDir extends DirHandle {
  readonly regions: readonly DirRegion[]
}

/** TSK's slot number: 3 for the first slot of the cluster heap, counting 32-byte slots. */
export function exfatSlotId(boot: ExfatBoot, offset: number): number {
  return 3 + Math.floor((offset - boot.heapSector * boot.sectorSize) / 32)
}

/** The root directory (always a FAT chain), and a problem when it is damaged. */
export async function exfatRoot(
  ctx: ExfatContext,
): Promise<{ readonly dir: ExfatDir; readonly problem: string | null }> {
  const first = ctx.boot.rootCluster
  if (first < 2 || first > ctx.boot.lastCluster) {
    return {
      dir: { path: '/', clusters: [], regions: [] },
      problem: `The root directory's first cluster (${first}) is outside the cluster heap.`,
    }
  }
  const chain = await followChain(ctx.fat, first, maxDirClusters(ctx))
  const problem = chain.end === 'eof' ? null : `Root directory: ${describeChainEnd(chain.end)}`
  return {
    dir: {
      path: '/',
      clusters: chain.ranges,
      regions: clusterRegions(ctx.geometry, chain.ranges, true),
    },
    problem,
  }
}

/** Lists one exFAT directory. */
export async function* listExfatDirectory(
  ctx: ExfatContext,
  dir: ExfatDir,
): AsyncGenerator<ListEvent<ExfatDir>> {
  const slotId = (offset: number): number => exfatSlotId(ctx.boot, offset)
  for await (const event of readExfatDirectory(ctx.source, dir.regions, slotId)) {
    if ('problem' in event) yield event
    else if ('label' in event && dir.path === '/')
      yield { entry: labelEntry(event.label, event.id) }
    else if ('set' in event) yield* setEvents(ctx, dir.path, event.set)
  }
}

function labelEntry(label: string, id: number): FileEntry {
  const name = `${label} (Volume Label Entry)`
  const times = { modified: null, accessed: null, changed: null, born: null }
  return {
    path: `/${name}`,
    name,
    id: String(id),
    kind: 'other',
    size: 0,
    deleted: false,
    recoverable: true,
    times,
    timeNote: null,
    runs: [],
    flags: ['volume-label'],
  }
}

async function* setEvents(
  ctx: ExfatContext,
  parent: string,
  set: ExfatSet,
): AsyncGenerator<ListEvent<ExfatDir>> {
  const path = joinPath(parent, set.name)
  const directory = ((set.file[4] ?? 0) & 0x10) !== 0
  const content = await setContent(ctx, set, directory)
  if (content.problem !== null) yield { problem: content.problem, path }
  const { times, note } = exfatTimes(set.file)
  const entry: FileEntry = {
    path,
    name: set.name,
    id: String(set.id),
    kind: directory ? 'directory' : 'file',
    size: content.size,
    deleted: set.deleted,
    recoverable: content.recoverable,
    times,
    timeNote: note,
    runs: content.runs,
    flags: setFlags(set, ctx.upcase, content.recoverable),
  }
  // A deleted directory whose first cluster is in use again holds someone else's data: not listed.
  if (!directory || content.runs.length === 0 || !content.recoverable) yield { entry }
  else yield { entry, child: childDir(ctx.geometry, path, content.runs, !set.deleted) }
}

function childDir(
  geometry: ClusterGeometry,
  path: string,
  runs: readonly DataRun[],
  allocated: boolean,
): ExfatDir {
  const regions = runs.flatMap((run) =>
    run.offset === null ? [] : [{ offset: run.offset, length: run.length, allocated }],
  )
  return { path, clusters: runClusters(geometry, runs), regions }
}

interface Content {
  readonly size: number
  readonly runs: readonly DataRun[]
  readonly recoverable: boolean
  readonly problem: string | null
}

async function setContent(ctx: ExfatContext, set: ExfatSet, directory: boolean): Promise<Content> {
  const size = Number(set.stream.readBigUInt64LE(24))
  const first = set.stream.readUInt32LE(20)
  const heapBytes = ctx.boot.clusterCount * ctx.boot.clusterSize
  // Bit 0 of the stream flags: clusters were allocated at all; without it there is no content.
  if (size === 0 || ((set.stream[1] ?? 0) & 1) === 0)
    return { size: 0, runs: [], recoverable: true, problem: null }
  if (size > heapBytes || (directory && size > MAX_EXFAT_DIR_BYTES)) {
    const problem = `The recorded size (${size} bytes) is larger than the volume; the content is not read.`
    return { size, runs: [], recoverable: !set.deleted, problem }
  }
  if (set.deleted)
    return {
      size,
      ...recoverDeleted(ctx.geometry, await freeOrNull(ctx.free), first, size),
      problem: null,
    }
  if (first < 2 || first > ctx.boot.lastCluster) {
    const problem = `First cluster ${first} is outside the cluster heap; the content cannot be read.`
    return { size, runs: [], recoverable: true, problem }
  }
  const wanted = Math.ceil(size / ctx.geometry.clusterSize)
  if (((set.stream[1] ?? 0) & 2) !== 0) return contiguous(ctx, first, wanted, size)
  return chained(ctx, first, wanted, size)
}

/** A file whose clusters are chained in the FAT. */
async function chained(
  ctx: ExfatContext,
  first: number,
  wanted: number,
  size: number,
): Promise<Content> {
  const chain = await followChain(ctx.fat, first, wanted)
  const runs = rangesToRuns(ctx.geometry, chain.ranges, size)
  const covered = runs.reduce((sum, run) => sum + run.length, 0)
  const problem =
    covered < size
      ? `Only ${covered} of ${size} bytes are reachable: ${describeChainEnd(chain.end)}`
      : null
  return { size, runs, recoverable: true, problem }
}

/** A NoFatChain file: `wanted` consecutive clusters from `first`, cut at the end of the heap. */
function contiguous(ctx: ExfatContext, first: number, wanted: number, size: number): Content {
  const count = Math.min(wanted, ctx.boot.lastCluster - first + 1)
  const runs = rangesToRuns(ctx.geometry, [{ first, count }], size)
  const problem =
    count < wanted
      ? `The file runs past the last cluster; only ${count} of ${wanted} clusters are read.`
      : null
  return { size, runs, recoverable: true, problem }
}

function maxDirClusters(ctx: ExfatContext): number {
  return Math.max(1, Math.floor(MAX_EXFAT_DIR_BYTES / ctx.boot.clusterSize))
}

/** The clusters byte runs cover (for cycle detection). */
function runClusters(geometry: ClusterGeometry, runs: readonly DataRun[]): ClusterRange[] {
  return runs.flatMap((run) =>
    run.offset === null
      ? []
      : [
          {
            first: 2 + Math.floor((run.offset - geometry.heapOffset) / geometry.clusterSize),
            count: Math.ceil(run.length / geometry.clusterSize),
          },
        ],
  )
}
