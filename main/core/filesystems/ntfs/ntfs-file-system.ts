import type { ByteRange, ByteSource } from '../../evidence/byte-source'
import { AppError } from '../../model/errors'
import type { FileEntry, FileSystem, WalkProblem } from '../file-system'
import { freeOrNull } from '../free-clusters'
import type { FreeClusters } from '../free-clusters'
import { runsSource } from '../runs-source'
import type { WalkOptions } from '../walk-order'
import { attributeContent } from './ntfs-content'
import { securityOwners } from './ntfs-security'
import type { OwnerLookup } from './ntfs-security'
import { walkNtfs } from './ntfs-walk'
import { dataAttribute, freeClusters, openNtfsVolume, readFile } from './ntfs-volume'
import type { NtfsVolume } from './ntfs-volume'

/**
 * Open the NTFS file system of `source` (its boot sector names it `NTFS    `).
 *
 * Entry ids are TSK's MFT entry numbers (`76`); an alternate data stream's id is the entry and
 * the stream name (`76:stream`), so that {@link FileSystem.openById} can find it.
 *
 * @throws AppError `FILESYSTEM_CORRUPT` when the boot sector or the $MFT cannot be read.
 */
export async function openNtfs(source: ByteSource): Promise<FileSystem> {
  const volume = await openNtfsVolume(source)
  let free: Promise<FreeClusters | null> | null = null
  const freeOnce = (): Promise<FreeClusters | null> =>
    (free ??= freeOrNull(() => freeClusters(volume)))
  let owners: Promise<OwnerLookup> | null = null
  const openById = (id: string): Promise<ByteSource> => contentById(volume, id)
  return {
    kind: 'ntfs',
    label: volume.label,
    clusterSize: volume.boot.clusterSize,
    source,
    walk: async function* (options?: WalkOptions): AsyncGenerator<FileEntry | WalkProblem> {
      owners ??= securityOwners(volume)
      const lookup = await owners
      yield* walkNtfs(volume, await freeOnce(), lookup, options?.order)
    },
    open: (entry: FileEntry) =>
      entry.contentAccess === 'reader'
        ? lazySource(entry.size, () => openById(entry.id))
        : runsSource(source, entry.runs),
    openById,
    unallocated: async () => unallocated(volume, await freeOnce()),
    details: ntfsDetails(volume),
  }
}

/** The content of entry `id` (`N` or `N:stream`), read from its MFT record. */
async function contentById(volume: NtfsVolume, id: string): Promise<ByteSource> {
  const colon = id.indexOf(':')
  const number = Number(colon < 0 ? id : id.slice(0, colon))
  const stream = colon < 0 ? '' : id.slice(colon + 1)
  const missing = (): AppError =>
    new AppError('NOT_FOUND', `The NTFS volume has no entry ${JSON.stringify(id)}.`)
  if (!Number.isSafeInteger(number) || number < 0) throw missing()
  const file = await readFile(volume, number)
  const data = file === null ? undefined : dataAttribute(file, stream)
  if (data === undefined) throw missing()
  return attributeContent(volume.source, volume.boot.clusterSize, data)
}

/** A source of `size` bytes opened on first read (open() must answer without waiting). */
function lazySource(size: number, open: () => Promise<ByteSource>): ByteSource {
  let opened: Promise<ByteSource> | null = null
  return {
    size,
    async read(offset: number, length: number): Promise<Buffer> {
      if (offset >= size || length <= 0) return Buffer.alloc(0)
      opened ??= open()
      return (await opened).read(offset, Math.min(length, size - offset))
    },
    close: () => Promise.resolve(),
  }
}

/** Free clusters per $Bitmap, as byte ranges of the volume. */
function unallocated(volume: NtfsVolume, free: FreeClusters | null): ByteRange[] {
  const clusterSize = volume.boot.clusterSize
  const size = volume.source.size
  const out: ByteRange[] = []
  for (const range of free?.ranges() ?? []) {
    const offset = range.first * clusterSize
    const length = Math.min(range.count * clusterSize, size - offset)
    if (length > 0) out.push({ offset, length })
  }
  return out
}

/** TSK's fsstat names NTFS versions after the Windows release that introduced them. */
const VERSION_NAMES: Readonly<Record<string, string>> = {
  '1.2': 'Windows NT',
  '3.0': 'Windows 2000',
  '3.1': 'Windows XP',
}

function ntfsDetails(volume: NtfsVolume): Record<string, string | number | boolean> {
  const boot = volume.boot
  const mftRuns = volume.mft.locate(0, volume.mft.recordCount * boot.recordSize)
  const details: Record<string, string | number | boolean> = {
    type: 'NTFS',
    serial: boot.serial,
    oemName: boot.oemName.trim(),
    version:
      volume.version === null ? 'unknown' : (VERSION_NAMES[volume.version] ?? volume.version),
    ntfsVersion: volume.version ?? 'unknown',
    sectorSize: boot.sectorSize,
    clusterSize: boot.clusterSize,
    clusterRange: `0 - ${boot.clusterCount - 1}`,
    volumeSectors: boot.totalSectors,
    mftRecordSize: boot.recordSize,
    indexRecordSize: boot.indexRecordSize,
    firstMftCluster: boot.mftCluster,
    firstMftMirrorCluster: boot.mftMirrorCluster,
    mftEntries: volume.mft.recordCount,
    mftOffset: mftRuns[0]?.offset ?? boot.mftCluster * boot.clusterSize,
    mftBytes: mftRuns.reduce((sum, run) => sum + run.length, 0),
  }
  if (volume.label !== null) details.label = volume.label
  if (volume.warnings.length > 0) details.warnings = volume.warnings.join(' ')
  return details
}
