import type { ByteRange, ByteSource } from '../../evidence/byte-source'
import { isAppError } from '../../model/errors'
import { clusterOffset, lastClusterInMedia } from '../cluster-runs'
import type { ClusterGeometry } from '../cluster-runs'
import type { FileEntry, FileSystem, WalkProblem } from '../file-system'
import type { FreeClusters } from '../free-clusters'
import { runsSource } from '../runs-source'
import { walkFromRoot } from '../walk-tree'
import type { WalkOptions } from '../walk-order'
import { readExfatBoot } from './exfat-boot'
import type { ExfatBoot } from './exfat-boot'
import { readExfatDirectory } from './exfat-directory'
import { ExfatBitmap, ExfatFat } from './exfat-tables'
import { MAX_UPCASE_BYTES, UpcaseTable } from './exfat-upcase'
import { exfatRoot, exfatSlotId, listExfatDirectory } from './exfat-walk'
import type { ExfatContext } from './exfat-walk'

/** What the root directory says about the volume. */
interface RootFacts {
  label: string | null
  bitmap: Buffer | null
  upcase: Buffer | null
}

/**
 * Open the exFAT file system of `source` (its boot sector names it `EXFAT`).
 *
 * @throws AppError `FILESYSTEM_CORRUPT` when the boot sector cannot describe a file system.
 */
export async function openExfat(source: ByteSource): Promise<FileSystem> {
  const boot = await readExfatBoot(source)
  const geometry: ClusterGeometry = {
    heapOffset: boot.heapSector * boot.sectorSize,
    clusterSize: boot.clusterSize,
    lastCluster: boot.lastCluster,
  }
  const fat = new ExfatFat(source, boot)
  const draft: ExfatContext = {
    source,
    boot,
    fat,
    free: () => Promise.resolve(null),
    upcase: UpcaseTable.fallback(),
    geometry,
  }
  const facts = await rootFacts(draft)
  const warnings = [...boot.warnings]
  const bitmap = openBitmap(draft, facts.bitmap, warnings)
  let free: Promise<FreeClusters | null> | null = null
  const ctx: ExfatContext = {
    ...draft,
    free: () =>
      (free ??=
        bitmap === null
          ? Promise.resolve(null)
          : bitmap.freeClusters(lastClusterInMedia(geometry, source.size))),
    upcase: await readUpcase(draft, facts.upcase, warnings),
  }
  return {
    kind: 'exfat',
    label: facts.label,
    clusterSize: boot.clusterSize,
    source,
    walk: (options?: WalkOptions) => walkExfat(ctx, warnings, options),
    open: (entry: FileEntry) => runsSource(source, entry.runs),
    unallocated: () => exfatUnallocated(ctx),
    details: exfatDetails(boot, ctx, warnings),
  }
}

function walkExfat(
  ctx: ExfatContext,
  warnings: readonly string[],
  options?: WalkOptions,
): AsyncGenerator<FileEntry | WalkProblem> {
  return walkFromRoot(
    warnings,
    () => exfatRoot(ctx),
    (dir) => listExfatDirectory(ctx, dir),
    options?.order,
  )
}

/** The label, allocation bitmap and up-case table entries of the root directory. */
async function rootFacts(ctx: ExfatContext): Promise<RootFacts> {
  const facts: RootFacts = { label: null, bitmap: null, upcase: null }
  try {
    const root = await exfatRoot(ctx)
    const slotId = (offset: number): number => exfatSlotId(ctx.boot, offset)
    for await (const event of readExfatDirectory(ctx.source, root.dir.regions, slotId)) {
      if ('label' in event) facts.label ??= event.label
      // With two FATs (TexFAT) each has its bitmap; bit 0 of the flags says which.
      else if ('bitmap' in event && ((event.bitmap[1] ?? 0) & 1) === ctx.boot.activeFat)
        facts.bitmap ??= event.bitmap
      else if ('upcase' in event) facts.upcase ??= event.upcase
      if (facts.label !== null && facts.bitmap !== null && facts.upcase !== null) break
    }
  } catch (error: unknown) {
    if (!isAppError(error)) throw error
  }
  return facts
}

function openBitmap(
  ctx: ExfatContext,
  entry: Buffer | null,
  warnings: string[],
): ExfatBitmap | null {
  const first = entry?.readUInt32LE(20) ?? 0
  const length = Number(entry?.readBigUInt64LE(24) ?? 0n)
  if (
    entry === null ||
    first < 2 ||
    first > ctx.boot.lastCluster ||
    length < Math.ceil(ctx.boot.clusterCount / 8)
  ) {
    warnings.push(
      'The allocation bitmap is missing or damaged: deleted files cannot be recovered and free space is not listed.',
    )
    return null
  }
  return new ExfatBitmap(ctx.source, clusterOffset(ctx.geometry, first), length)
}

async function readUpcase(
  ctx: ExfatContext,
  entry: Buffer | null,
  warnings: string[],
): Promise<UpcaseTable> {
  const first = entry?.readUInt32LE(20) ?? 0
  const length = Number(entry?.readBigUInt64LE(24) ?? 0n)
  if (
    entry === null ||
    first < 2 ||
    first > ctx.boot.lastCluster ||
    length === 0 ||
    length > MAX_UPCASE_BYTES
  ) {
    warnings.push(
      'The up-case table is missing or damaged: name hashes are checked with ASCII case folding only.',
    )
    return UpcaseTable.fallback()
  }
  const table = UpcaseTable.decode(
    await ctx.source.read(clusterOffset(ctx.geometry, first), length),
    entry.readUInt32LE(4),
  )
  if (!table.verified) warnings.push('The up-case table fails its checksum.')
  return table
}

/** Free clusters per the allocation bitmap, and the volume's sectors after the last cluster. */
async function exfatUnallocated(ctx: ExfatContext): Promise<ByteRange[]> {
  const ranges: ByteRange[] = []
  const size = ctx.source.size
  const push = (offset: number, length: number): void => {
    const clipped = Math.min(length, size - offset)
    if (clipped > 0) ranges.push({ offset, length: clipped })
  }
  const free = await ctx.free()
  for (const range of free?.ranges() ?? [])
    push(clusterOffset(ctx.geometry, range.first), range.count * ctx.boot.clusterSize)
  const heapEnd = clusterOffset(ctx.geometry, ctx.boot.lastCluster + 1)
  push(heapEnd, ctx.boot.volumeSectors * ctx.boot.sectorSize - heapEnd)
  return ranges
}

function exfatDetails(
  boot: ExfatBoot,
  ctx: ExfatContext,
  warnings: readonly string[],
): Record<string, string | number | boolean> {
  const details: Record<string, string | number | boolean> = {
    type: 'exFAT',
    serial: boot.serial,
    revision: boot.revision,
    sectorSize: boot.sectorSize,
    clusterSize: boot.clusterSize,
    clusterRange: `2 - ${boot.lastCluster}`,
    volumeSectors: boot.volumeSectors,
    fatCount: boot.fatCount,
    fatSectors: `${boot.fatSector} - ${boot.fatSector + boot.fatSectors - 1}`,
    clusterHeapStartSector: boot.heapSector,
    rootCluster: boot.rootCluster,
    bootRegion: boot.region,
    upcaseTableVerified: ctx.upcase.verified,
  }
  if (warnings.length > 0) details.warnings = warnings.join(' ')
  return details
}
