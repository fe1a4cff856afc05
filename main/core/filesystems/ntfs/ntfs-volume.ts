import type { ByteSource } from '../../evidence/byte-source'
import { AppError } from '../../model/errors'
import { FreeClustersBuilder } from '../free-clusters'
import type { FreeClusters } from '../free-clusters'
import { loadFile } from './ntfs-attributes'
import type { Attribute, NtfsFile } from './ntfs-attributes'
import { readNtfsBoot } from './ntfs-boot'
import type { NtfsBoot } from './ntfs-boot'
import { ntfsName } from './ntfs-bytes'
import { attributeContent } from './ntfs-content'
import { MftReader } from './ntfs-mft'
import { ATTR, parseRecord } from './ntfs-record'
import type { MftRecord } from './ntfs-record'

/** MFT entries of the metadata files Outpost reads. */
export const MFT_ENTRY = { mft: 0, volume: 3, root: 5, bitmap: 6, secure: 9 } as const

/** An opened NTFS volume: geometry, the MFT, and what the metadata files say. */
export interface NtfsVolume {
  readonly source: ByteSource
  readonly boot: NtfsBoot
  readonly mft: MftReader
  readonly label: string | null
  /** NTFS version from $Volume (`3.1`), null when unreadable. */
  readonly version: string | null
  /** Problems met while opening (shown at the start of the walk). */
  readonly warnings: readonly string[]
}

/**
 * Open the NTFS volume on `source`: boot sector, $MFT (its run list read from its own record,
 * extended through its attribute list), and the label and version from $Volume.
 *
 * @throws AppError `FILESYSTEM_CORRUPT` when the boot sector or the $MFT's own record cannot be
 *   read.
 */
export async function openNtfsVolume(source: ByteSource): Promise<NtfsVolume> {
  const boot = readNtfsBoot(await source.read(0, 512))
  const corrupt = (why: string): AppError =>
    new AppError('FILESYSTEM_CORRUPT', `The NTFS $MFT cannot be read: ${why}.`)
  const warnings: string[] = []
  let own = await ownRecord(source, boot, boot.mftCluster)
  if (typeof own === 'string') {
    // $MFTMirr holds a copy of the first records: good enough to find the MFT's runs.
    const mirror = await ownRecord(source, boot, boot.mftMirrorCluster)
    if (typeof mirror === 'string') throw corrupt(`its first record ${own}`)
    warnings.push(`The $MFT's own record ${own}; its copy in $MFTMirr was used.`)
    own = mirror
  }
  const record = own
  const first = record.attributes.find((a) => a.type === ATTR.data && a.name === '')
  if (first?.nonResident === null || first?.nonResident === undefined)
    throw corrupt('its own record has no non-resident $DATA attribute')
  const bootstrap = new MftReader(source, boot, first.nonResident.runs, first.nonResident.dataSize)
  const file = await loadFile(bootstrap, source, boot.clusterSize, record)
  const data = file.attributes.find((a) => a.type === ATTR.data && a.name === '')
  const mft =
    data === undefined || data.runs.length <= first.nonResident.runs.length
      ? bootstrap
      : new MftReader(source, boot, data.runs, data.dataSize)
  if (mft.recordCount <= MFT_ENTRY.root)
    throw corrupt(`it holds ${mft.recordCount} records, too few for the root directory`)
  const volume = { source, boot, mft, label: null, version: null, warnings }
  const facts = await volumeFacts(volume)
  return { ...volume, ...facts }
}

/** MFT record 0 read at `cluster`, or why it cannot be used. */
async function ownRecord(
  source: ByteSource,
  boot: NtfsBoot,
  cluster: number,
): Promise<MftRecord | string> {
  const raw = await source.read(cluster * boot.clusterSize, boot.recordSize)
  if (raw.length < boot.recordSize) return 'lies past the end of the volume'
  const parsed = parseRecord(raw, MFT_ENTRY.mft, boot)
  if (parsed.kind === 'empty') return 'is empty'
  if (parsed.kind === 'damaged') return `is damaged (${parsed.reason})`
  return parsed.record
}

/** A file by MFT entry, or null when its record is empty, damaged or an extension record. */
export async function readFile(volume: NtfsVolume, entry: number): Promise<NtfsFile | null> {
  const read = await volume.mft.read(entry)
  if (read.kind !== 'record' || read.record.baseRecord !== 0) return null
  return loadFile(volume.mft, volume.source, volume.boot.clusterSize, read.record)
}

/** The unnamed $DATA attribute (or the named stream `name`) of a file. */
export function dataAttribute(file: NtfsFile, name = ''): Attribute | undefined {
  return file.attributes.find((a) => a.type === ATTR.data && a.name === name)
}

/** Label ($VOLUME_NAME) and version ($VOLUME_INFORMATION) of record 3. */
async function volumeFacts(
  volume: NtfsVolume,
): Promise<{ label: string | null; version: string | null }> {
  const file = await readFile(volume, MFT_ENTRY.volume).catch(() => null)
  const name = file?.attributes.find((a) => a.type === ATTR.volumeName)?.value ?? null
  const info = file?.attributes.find((a) => a.type === ATTR.volumeInformation)?.value ?? null
  return {
    label: name === null || name.length === 0 ? null : ntfsName(name),
    version: info === null || info.length < 10 ? null : `${info[8] ?? 0}.${info[9] ?? 0}`,
  }
}

/** Bitmap bytes read at a time. */
const BITMAP_PAGE = 65_536

/**
 * The free clusters per $Bitmap, or null when it cannot be read. Clusters the bitmap does not
 * cover count as in use.
 */
export async function freeClusters(volume: NtfsVolume): Promise<FreeClusters | null> {
  const file = await readFile(volume, MFT_ENTRY.bitmap)
  const data = file === null ? undefined : dataAttribute(file)
  if (data === undefined) return null
  const content = attributeContent(volume.source, volume.boot.clusterSize, data)
  // Clusters past the end of the source hold nothing to recover or list.
  const clusters = Math.min(
    volume.boot.clusterCount,
    Math.ceil(volume.source.size / volume.boot.clusterSize),
  )
  const builder = new FreeClustersBuilder()
  const bytes = Math.min(content.size, Math.ceil(clusters / 8))
  for (let offset = 0; offset < bytes; offset += BITMAP_PAGE) {
    const page = await content.read(offset, Math.min(BITMAP_PAGE, bytes - offset))
    for (let i = 0; i < page.length; i += 1) {
      const byte = page[i] ?? 0xff
      for (let bit = 0; bit < 8; bit += 1) {
        const cluster = (offset + i) * 8 + bit
        if (cluster >= clusters) break
        builder.mark(cluster, (byte & (1 << bit)) === 0)
      }
    }
  }
  return builder.finish(Math.min(clusters, bytes * 8))
}
