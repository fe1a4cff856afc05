import type { ByteRange, ByteSource } from '../../evidence/byte-source'
import { isAppError } from '../../model/errors'
import type { ClusterGeometry } from '../cluster-runs'
import { clusterOffset, lastClusterInMedia } from '../cluster-runs'
import type { FreeClusters } from '../free-clusters'
import type { FileEntry, FileSystem, WalkProblem } from '../file-system'
import { runsSource } from '../runs-source'
import { walkFromRoot } from '../walk-tree'
import type { WalkOptions } from '../walk-order'
import { parseFatBoot, trimLabel } from './fat-boot'
import type { FatBoot } from './fat-boot'
import { readFatDirectory } from './fat-directory'
import { FatTable } from './fat-table'
import { fatRoot, listFatDirectory } from './fat-walk'
import type { FatContext } from './fat-walk'

/**
 * Open the FAT12/16/32 file system whose boot sector is `sector` (recognised by `isFatBpb`).
 *
 * @throws AppError `FILESYSTEM_CORRUPT` when the boot sector cannot describe a file system.
 */
export async function openFat(source: ByteSource, sector: Buffer): Promise<FileSystem> {
  const boot = parseFatBoot(sector, source.size)
  const geometry: ClusterGeometry = {
    heapOffset: boot.firstDataSector * boot.sectorSize,
    clusterSize: boot.clusterSize,
    lastCluster: boot.lastCluster,
  }
  const table = new FatTable(source, boot)
  let free: Promise<FreeClusters> | null = null
  const ctx: FatContext = {
    source,
    boot,
    table,
    geometry,
    free: () => (free ??= table.freeClusters(lastClusterInMedia(geometry, source.size))),
  }
  const rootLabel = await readRootLabel(ctx)
  return {
    kind: boot.kind,
    label: rootLabel ?? boot.bootLabel,
    clusterSize: boot.clusterSize,
    source,
    walk: (options?: WalkOptions) => walkFat(ctx, options),
    open: (entry: FileEntry) => runsSource(source, entry.runs),
    unallocated: () => fatUnallocated(ctx),
    details: { ...fatDetails(boot, rootLabel), ...(await readFsInfo(source, boot, sector)) },
  }
}

function walkFat(ctx: FatContext, options?: WalkOptions): AsyncGenerator<FileEntry | WalkProblem> {
  return walkFromRoot(
    ctx.boot.warnings,
    () => fatRoot(ctx),
    (dir) => listFatDirectory(ctx, dir),
    options?.order,
  )
}

/** The label entry of the root directory (the one Windows shows), when there is one. */
async function readRootLabel(ctx: FatContext): Promise<string | null> {
  try {
    const root = await fatRoot(ctx)
    for await (const event of readFatDirectory(ctx.source, ctx.boot, root.dir.regions)) {
      if ('item' in event && event.item.label && !event.item.deleted)
        return trimLabel(event.item.raw.subarray(0, 11))
    }
  } catch (error: unknown) {
    if (!isAppError(error)) throw error
  }
  return null
}

/**
 * The FAT32 FSInfo sector's free-cluster count and next-free hint, when its signatures are
 * there: advisory values (the FAT is the truth), shown for comparison like `fsstat` does.
 */
async function readFsInfo(
  source: ByteSource,
  boot: FatBoot,
  sector: Buffer,
): Promise<Record<string, number>> {
  if (boot.kind !== 'fat32') return {}
  const info = await source.read(sector.readUInt16LE(48) * boot.sectorSize, 512)
  if (
    info.length < 512 ||
    info.toString('latin1', 0, 4) !== 'RRaA' ||
    info.toString('latin1', 484, 488) !== 'rrAa'
  ) {
    return {}
  }
  const fields: Record<string, number> = {}
  if (info.readUInt32LE(488) !== 0xffffffff) fields.fsInfoFreeClusters = info.readUInt32LE(488)
  if (info.readUInt32LE(492) !== 0xffffffff) fields.fsInfoNextFreeCluster = info.readUInt32LE(492)
  return fields
}

/** Free clusters, and the sectors after the last cluster, as byte ranges inside the source. */
async function fatUnallocated(ctx: FatContext): Promise<ByteRange[]> {
  const { boot, geometry, source } = ctx
  const ranges: ByteRange[] = []
  for (const range of (await ctx.free()).ranges()) {
    pushClipped(
      ranges,
      clusterOffset(geometry, range.first),
      range.count * geometry.clusterSize,
      source.size,
    )
  }
  const heapEnd = clusterOffset(geometry, boot.lastCluster + 1)
  pushClipped(ranges, heapEnd, boot.totalSectors * boot.sectorSize - heapEnd, source.size)
  return ranges
}

function pushClipped(ranges: ByteRange[], offset: number, length: number, size: number): void {
  const clipped = Math.min(length, size - offset)
  if (clipped > 0) ranges.push({ offset, length: clipped })
}

function fatDetails(
  boot: FatBoot,
  rootLabel: string | null,
): Record<string, string | number | boolean> {
  const details: Record<string, string | number | boolean> = {
    type: boot.kind.toUpperCase(),
    oemName: boot.oemName,
    sectorSize: boot.sectorSize,
    clusterSize: boot.clusterSize,
    clusterRange: `2 - ${boot.lastCluster}`,
    totalSectors: boot.totalSectors,
    reservedSectors: boot.reservedSectors,
    fatCount: boot.fatCount,
    fatSectors: boot.fatSectors,
    activeFat: boot.activeFat,
    dataStartSector: boot.firstDataSector,
  }
  if (boot.kind === 'fat32') details.rootCluster = boot.rootCluster
  else
    details.rootDirectorySectors = `${boot.rootSector} - ${boot.rootSector + boot.rootSectors - 1}`
  if (boot.volumeId !== null) details.volumeId = boot.volumeId
  if (boot.bootLabel !== null) details.bootSectorLabel = boot.bootLabel
  if (rootLabel !== null) details.rootDirectoryLabel = rootLabel
  if (boot.typeLabel !== null) details.typeLabel = boot.typeLabel
  if (boot.warnings.length > 0) details.warnings = boot.warnings.join(' ')
  return details
}
