import { openImage } from '../../../main/core/evidence/image-layout'
import type { OpenedImage } from '../../../main/core/evidence/image-layout'
import type { ContentReader } from '../../../main/core/scan/analysis/content-reader'
import { extentReader, sourceReader } from '../../../main/core/scan/analysis/content-reader'
import { FileSystemCache } from '../../../main/core/scan/child/file-system-cache'
import { ImageCache } from '../../../main/core/scan/child/image-cache'
import { imageItems } from '../../../main/core/scan/image-plan'
import type { WorkItem } from '../../../main/core/scan/work-items'
import { isAppError } from '../../../main/core/model/errors'
import type { Evidence, EvidenceLayout } from '../../../main/core/model/evidence'

/** Content read per scanned item at most: enough to cross chunk, grain and cluster edges. */
const READ_CAP = 2 * 1024 * 1024
const CHUNK = 256 * 1024

/**
 * Where a pass stops. A few-MiB sparse image may legitimately declare terabytes of media (all
 * holes); a scan then reads zeros for as long as the media is big — time that grows with the
 * declared size, not a hang. The fuzz checks the first items of such a plan, not all of them.
 */
export interface PassLimits {
  /** Plan items walked at most (default 20,000: every pristine fixture has far fewer). */
  readonly maxItems?: number
  /** Content bytes read at most over the pass (default 256 MiB); later items are only planned. */
  readonly maxBytes?: number
}

/** What one pass over an image did (for the report and to prove the pass went deep). */
export interface PassStats {
  /** The image opened down to its file systems (false: an AppError refused it). */
  opened: boolean
  fileSystems: number
  items: number
  scanned: number
  bytesRead: number
  /** AppErrors met and absorbed, as a scan absorbs them (per item, never for the whole image). */
  appErrors: number
}

/**
 * Everything a scan does with an image, in the scan's own code: open it (container → volumes →
 * file systems, as adding it does), plan it with `imageItems` (the walk in scan priority order,
 * accounts, entry facts, unallocated space and raw volumes in blocks), then read each item's
 * content the way the scan process does: extents through the image cache, by-id content through
 * the file-system cache. Any error but an `AppError` escapes (that is the failure the fuzz hunts).
 */
export async function scanPass(path: string, limits: PassLimits = {}): Promise<PassStats> {
  const maxItems = limits.maxItems ?? 20_000
  const maxBytes = limits.maxBytes ?? 256 * 1024 * 1024
  const stats: PassStats = {
    opened: false,
    fileSystems: 0,
    items: 0,
    scanned: 0,
    bytesRead: 0,
    appErrors: 0,
  }
  let image: OpenedImage
  try {
    image = await openImage(path)
  } catch (error: unknown) {
    return absorbed(error, stats)
  }
  const { evidence, layout } = recorded(path, image)
  stats.opened = true
  stats.fileSystems = image.volumes.filter((v) => v.fileSystem !== null).length
  await image.close()

  const images = new ImageCache()
  const fileSystems = new FileSystemCache(images)
  try {
    for await (const item of imageItems(evidence, layout)) {
      stats.items += 1
      if (stats.items >= maxItems) break
      if (item.kind !== 'scan' || stats.bytesRead >= maxBytes) continue
      stats.scanned += 1
      await readItem(item, images, fileSystems, stats).catch((error: unknown) =>
        absorbed(error, stats),
      )
    }
  } catch (error: unknown) {
    absorbed(error, stats)
  } finally {
    // The image cache keeps the container open for the next job: close it as the child does on exit.
    await (await images.get(path).catch(() => null))?.close()
  }
  return stats
}

async function readItem(
  item: Extract<WorkItem, { kind: 'scan' }>,
  images: ImageCache,
  fileSystems: FileSystemCache,
  stats: PassStats,
): Promise<void> {
  const { job } = item
  let reader: ContentReader
  if (job.type === 'scanExtents') {
    reader = extentReader(await images.get(job.imagePath), job.extents, job.size)
  } else if (job.type === 'scanEntry') {
    const fs = await fileSystems.get(job.imagePath, job.volumeStart, job.volumeLength)
    if (fs.openById === undefined) return
    reader = sourceReader(await fs.openById(job.entryId), job.size, job.volumeStart)
  } else return
  try {
    const buffer = Buffer.alloc(CHUNK)
    const end = Math.min(reader.size, READ_CAP)
    for (let at = 0; at < end; at += CHUNK) {
      const n = await reader.read(buffer.subarray(0, Math.min(CHUNK, end - at)), at)
      stats.bytesRead += n
      reader.imageOffset(at)
      if (n === 0) break
    }
  } finally {
    reader.close()
  }
}

function absorbed(error: unknown, stats: PassStats): PassStats {
  if (!isAppError(error)) throw error
  stats.appErrors += 1
  return stats
}

/** The evidence row and layout adding the image would record (only what `imageItems` reads). */
function recorded(
  path: string,
  image: OpenedImage,
): { evidence: Evidence; layout: EvidenceLayout } {
  const evidence: Evidence = {
    id: 1,
    uuid: '00000000-0000-4000-8000-000000000001',
    label: 'fuzz',
    kind: 'image',
    sourcePath: path,
    sizeBytes: image.container.size,
    fileCount: null,
    sha256: null,
    md5: null,
    sha1: null,
    manifestSha256: null,
    addedAt: '2026-01-01T00:00:00.000Z',
    addedBy: 'fuzz',
    containerFormat: image.container.format,
    containerFiles: [path],
    storedMd5: null,
    storedSha1: null,
    integrity: 'computed',
    integrityDetail: null,
    hashedAt: null,
  }
  const layout: EvidenceLayout = {
    evidenceId: 1,
    containerFormat: image.container.format,
    containerDetails: {},
    mediaSize: image.container.size,
    scheme: image.layout.scheme,
    sectorSize: image.layout.sectorSize,
    warnings: [],
    volumes: image.volumes.map((v, i) => ({
      id: i + 1,
      index: v.volume.index,
      slot: v.volume.slot,
      scheme: image.layout.scheme,
      startOffset: v.volume.start,
      length: v.volume.length,
      type: v.volume.type,
      name: null,
      fileSystem:
        v.fileSystem === null
          ? null
          : {
              id: i + 1,
              kind: v.fileSystem.kind,
              label: v.fileSystem.label,
              startOffset: v.volume.start,
              sizeBytes: v.fileSystem.source.size,
              clusterSize: v.fileSystem.clusterSize,
            },
      problem: v.problem,
    })),
  }
  return { evidence, layout }
}
