import type { ByteSource } from '../../evidence/byte-source'
import { describeChainEnd } from '../chain-problems'
import { followChain } from '../cluster-chain'
import type { ChainEnd, ClusterRange } from '../cluster-chain'
import { clusterOffset, clusterRegions, rangesToRuns, recoverDeleted } from '../cluster-runs'
import type { ClusterGeometry } from '../cluster-runs'
import type { DirRegion } from '../dir-slots'
import type { DataRun, FileEntry } from '../file-system'
import { freeOrNull } from '../free-clusters'
import type { FreeClusters } from '../free-clusters'
import { joinPath } from '../names'
import type { DirHandle, ListEvent } from '../walk-tree'
import type { FatBoot } from './fat-boot'
import { ATTR, fatTimes, firstCluster } from './fat-dirent'
import { MAX_FAT_DIR_BYTES, readFatDirectory } from './fat-directory'
import type { FatDirItem } from './fat-directory'
import type { FatTable } from './fat-table'

/** What a FAT walk needs. */
export interface FatContext {
  readonly source: ByteSource
  readonly boot: FatBoot
  readonly table: FatTable
  readonly geometry: ClusterGeometry
  /** The free clusters (scanned once, on first use). */
  readonly free: () => Promise<FreeClusters>
}

/** How FAT times are to be read (`FileEntry.timeNote`). */
export const FAT_TIME_NOTE =
  'FAT stores local time without a time zone: read as UTC. Access time is a date only; creation time has 10 ms steps; there is no change time.'

/** A FAT directory handle: its regions on top of the generic handle. */
export interface FatDir extends DirHandle {
  readonly regions: readonly DirRegion[]
}

/** The root directory: the fixed area on FAT12/16, a cluster chain on FAT32. */
export async function fatRoot(
  ctx: FatContext,
): Promise<{ readonly dir: FatDir; readonly problem: string | null }> {
  const { boot } = ctx
  if (boot.kind !== 'fat32') {
    const regions = [
      {
        offset: boot.rootSector * boot.sectorSize,
        length: boot.rootSectors * boot.sectorSize,
        allocated: true,
      },
    ]
    return { dir: { path: '/', clusters: [], regions }, problem: null }
  }
  if (boot.rootCluster < 2 || boot.rootCluster > boot.lastCluster) {
    return {
      dir: { path: '/', clusters: [], regions: [] },
      problem: `The root directory's first cluster (${boot.rootCluster}) is outside the cluster heap: nothing can be listed.`,
    }
  }
  const chain = await followChain(ctx.table, boot.rootCluster, maxDirClusters(boot))
  const problem = dirChainProblem(chain.end)
  return {
    dir: {
      path: '/',
      clusters: chain.ranges,
      regions: clusterRegions(ctx.geometry, chain.ranges, true),
    },
    problem,
  }
}

/** Lists one FAT directory: entries, problems, and handles of subdirectories. */
export async function* listFatDirectory(
  ctx: FatContext,
  dir: FatDir,
): AsyncGenerator<ListEvent<FatDir>> {
  for await (const event of readFatDirectory(ctx.source, ctx.boot, dir.regions)) {
    if ('problem' in event) {
      yield event
      continue
    }
    yield* itemEvents(ctx, dir.path, event.item)
  }
}

async function* itemEvents(
  ctx: FatContext,
  parent: string,
  item: FatDirItem,
): AsyncGenerator<ListEvent<FatDir>> {
  const path = joinPath(parent, item.name)
  const content = await itemContent(ctx, item)
  if (content.problem !== null) yield { problem: content.problem, path }
  const entry: FileEntry = {
    path,
    name: item.name,
    id: String(item.id),
    kind: item.label ? 'other' : item.directory ? 'directory' : 'file',
    size: content.size,
    deleted: item.deleted,
    recoverable: content.recoverable,
    times: fatTimes(item.raw),
    timeNote: FAT_TIME_NOTE,
    runs: content.runs,
    flags: itemFlags(item, content.recoverable),
  }
  if (content.child === null) {
    yield { entry }
  } else {
    const child: FatDir = { path, clusters: content.child.clusters, regions: content.child.regions }
    yield { entry, child }
  }
}

interface Content {
  readonly size: number
  readonly runs: readonly DataRun[]
  readonly recoverable: boolean
  readonly problem: string | null
  readonly child: {
    readonly clusters: readonly ClusterRange[]
    readonly regions: readonly DirRegion[]
  } | null
}

async function itemContent(ctx: FatContext, item: FatDirItem): Promise<Content> {
  if (item.label) return { size: 0, runs: [], recoverable: true, problem: null, child: null }
  const cluster = firstCluster(item.raw, ctx.boot)
  if (item.directory)
    return item.deleted ? deletedDirContent(ctx, cluster) : dirContent(ctx, cluster)
  const size = item.raw.readUInt32LE(28)
  if (item.deleted) {
    const recovery = recoverDeleted(ctx.geometry, await freeOrNull(ctx.free), cluster, size)
    return { size, ...recovery, problem: null, child: null }
  }
  return fileContent(ctx, cluster, size)
}

async function fileContent(ctx: FatContext, cluster: number, size: number): Promise<Content> {
  if (size === 0) return { size, runs: [], recoverable: true, problem: null, child: null }
  if (cluster < 2 || cluster > ctx.boot.lastCluster) {
    return {
      size,
      runs: [],
      recoverable: true,
      problem: `First cluster ${cluster} is outside the cluster heap; the content cannot be read.`,
      child: null,
    }
  }
  const chain = await followChain(ctx.table, cluster, Math.ceil(size / ctx.geometry.clusterSize))
  const runs = rangesToRuns(ctx.geometry, chain.ranges, size)
  const covered = runs.reduce((sum, run) => sum + run.length, 0)
  const problem =
    covered < size
      ? `Only ${covered} of ${size} bytes are reachable: ${describeChainEnd(chain.end)}`
      : null
  return { size, runs, recoverable: true, problem, child: null }
}

async function dirContent(ctx: FatContext, cluster: number): Promise<Content> {
  if (cluster < 2 || cluster > ctx.boot.lastCluster) {
    return {
      size: 0,
      runs: [],
      recoverable: true,
      problem: `The directory's first cluster ${cluster} is outside the cluster heap; it cannot be listed.`,
      child: null,
    }
  }
  const chain = await followChain(ctx.table, cluster, maxDirClusters(ctx.boot))
  // FAT stores no directory size; like TSK, the size is the length of its cluster chain.
  const size = chain.clusters * ctx.geometry.clusterSize
  const problem = dirChainProblem(chain.end)
  const runs = rangesToRuns(ctx.geometry, chain.ranges, size)
  return {
    size,
    runs,
    recoverable: true,
    problem,
    child: { clusters: chain.ranges, regions: clusterRegions(ctx.geometry, chain.ranges, true) },
  }
}

/** TSK's rule for a deleted directory: one cluster when its first cluster is free, else none. */
async function deletedDirContent(ctx: FatContext, cluster: number): Promise<Content> {
  const free =
    cluster >= 2 &&
    cluster <= ctx.boot.lastCluster &&
    (await freeOrNull(ctx.free))?.isFree(cluster) === true
  if (!free) return { size: 0, runs: [], recoverable: false, problem: null, child: null }
  const size = ctx.geometry.clusterSize
  const runs: DataRun[] = [{ offset: clusterOffset(ctx.geometry, cluster), length: size }]
  const regions = [{ offset: clusterOffset(ctx.geometry, cluster), length: size, allocated: false }]
  return {
    size,
    runs,
    recoverable: true,
    problem: null,
    child: { clusters: [{ first: cluster, count: 1 }], regions },
  }
}

function dirChainProblem(end: ChainEnd): string | null {
  if (end === 'eof') return null
  if (end === 'limit')
    return `The directory is longer than FAT allows (${MAX_FAT_DIR_BYTES} bytes); the rest is not read.`
  return `Directory: ${describeChainEnd(end)}`
}

function maxDirClusters(boot: FatBoot): number {
  return Math.max(1, Math.floor(MAX_FAT_DIR_BYTES / boot.clusterSize))
}

function itemFlags(item: FatDirItem, recoverable: boolean): string[] {
  const attr = item.raw[11] ?? 0
  const flags: string[] = []
  if (attr & ATTR.readOnly) flags.push('read-only')
  if (attr & ATTR.hidden) flags.push('hidden')
  if (attr & ATTR.system) flags.push('system')
  if (attr & ATTR.archive) flags.push('archive')
  if (item.label) flags.push('volume-label')
  if (item.name !== item.shortName && !item.label) flags.push(`short-name:${item.shortName}`)
  if (item.orphanedLfn) flags.push('orphan-long-name-dropped')
  if (!recoverable) flags.push('content-overwritten')
  return flags
}
