import type { ByteRange } from '../evidence/byte-source'
import type { OpenedImage, OpenedVolume } from '../evidence/image-layout'
import { openImage } from '../evidence/image-layout'
import type { FileEntry, FileSystem } from '../filesystems/file-system'
import { isWalkProblem } from '../filesystems/file-system'
import { AppError } from '../model/errors'
import type { Evidence, EvidenceLayout } from '../model/evidence'
import { blockCount, eachUnallocatedBlock, mergeRanges } from './unallocated-blocks'
import type { WorkItem } from './work-items'
import { entryFacts, entryExternals, windowsDrive } from './image-entry-facts'
import type { Accounts } from './image-accounts'
import { NO_ACCOUNTS, readAccounts } from './image-accounts'
import { scanPriority } from './scan-priority'

/** Block size and overlap for unallocated space and unread volumes. */
export interface BlockPlan {
  readonly blockBytes: number
  readonly overlapBytes: number
}

/** Default: 16 MiB blocks overlapping by 64 KiB (longer than any pattern match we keep). */
export const DEFAULT_BLOCKS: BlockPlan = { blockBytes: 16 * 1024 * 1024, overlapBytes: 64 * 1024 }

/**
 * The plan of an image: every entry of every file system (allocated, and deleted ones whose
 * content is recoverable, are scanned; directories and overwritten deleted files are recorded),
 * then unallocated space of each file system, unpartitioned space, and volumes without a file
 * system Outpost reads, in overlapping blocks. On an OS volume the walk takes user content
 * first (scan-priority.ts); orphans and unallocated space keep their place after the tree.
 *
 * @throws AppError `EVIDENCE_FORMAT` when the image no longer has the layout recorded for it.
 */
export async function* imageItems(
  evidence: Evidence,
  layout: EvidenceLayout,
  blocks: BlockPlan = DEFAULT_BLOCKS,
): AsyncGenerator<WorkItem> {
  const image = await openImage(evidence.sourcePath)
  try {
    assertSameLayout(image, layout, evidence)
    let drive = 0
    for (const opened of image.volumes) {
      const recorded = layout.volumes.find((v) => v.index === opened.volume.index)
      const volumeId = recorded?.id ?? null
      const fileSystemId = recorded?.fileSystem?.id ?? null
      const letter =
        opened.fileSystem && windowsDrive(opened.fileSystem.kind)
          ? String.fromCharCode(67 + drive++)
          : null
      if (opened.fileSystem !== null) {
        yield* fileSystemItems(evidence, opened, opened.fileSystem, {
          volumeId,
          fileSystemId,
          letter,
        })
      }
      yield* volumeSpaceItems(evidence, opened, { volumeId, fileSystemId }, blocks)
    }
    yield* rangeBlocks(
      evidence,
      image.layout.unpartitioned,
      { volumeId: null, fileSystemId: null, label: 'unpartitioned' },
      blocks,
    )
  } finally {
    await image.close()
  }
}

interface Place {
  readonly volumeId: number | null
  readonly fileSystemId: number | null
  readonly letter: string | null
}

async function* fileSystemItems(
  evidence: Evidence,
  opened: OpenedVolume,
  fs: FileSystem,
  place: Place,
): AsyncGenerator<WorkItem> {
  const accounts = isUnix(fs) ? await readAccounts(fs) : NO_ACCOUNTS
  for await (const item of fs.walk({ order: scanPriority })) {
    if (isWalkProblem(item)) {
      yield {
        kind: 'loose',
        entry: {
          evidenceId: evidence.id,
          path: item.path,
          reason: 'filesystem-damaged',
          detail: item.detail,
        },
      }
      continue
    }
    yield entryItem(evidence, opened, item, place, accounts)
  }
}

function isUnix(fs: FileSystem): boolean {
  return fs.kind === 'ext2' || fs.kind === 'ext3' || fs.kind === 'ext4'
}

function entryItem(
  evidence: Evidence,
  opened: OpenedVolume,
  entry: FileEntry,
  place: Place,
  accounts: Accounts,
): WorkItem {
  const facts = entryFacts(evidence.id, opened.volume.start, entry, place, accounts)
  if (entry.kind !== 'file') return { kind: 'record', facts, notes: [] }
  if (entry.encrypted === true) {
    return {
      kind: 'record',
      facts,
      notes: [
        {
          reason: 'encrypted',
          detail: 'encrypted with NTFS EFS: the content needs the owner’s key and was not scanned',
        },
      ],
    }
  }
  if (!entry.recoverable) {
    return {
      kind: 'record',
      facts,
      notes: [
        {
          reason: 'deleted-overwritten',
          detail: 'deleted; its clusters are in use by other data, so its content is gone',
        },
      ],
    }
  }
  const externals = entryExternals(entry, place.letter, accounts)
  if (entry.contentAccess === 'reader') {
    // Resident, compressed or inline content: only the file system can give it.
    return {
      kind: 'scan',
      facts,
      bytes: entry.size,
      job: {
        type: 'scanEntry',
        imagePath: evidence.sourcePath,
        volumeStart: opened.volume.start,
        volumeLength: opened.volume.length,
        entryId: entry.id,
        size: entry.size,
        externals,
      },
    }
  }
  return {
    kind: 'scan',
    facts,
    bytes: entry.size,
    job: {
      type: 'scanExtents',
      imagePath: evidence.sourcePath,
      extents: facts.image?.runs ?? [],
      size: entry.size,
      externals,
    },
  }
}

async function* volumeSpaceItems(
  evidence: Evidence,
  opened: OpenedVolume,
  place: Omit<Place, 'letter'>,
  blocks: BlockPlan,
): AsyncGenerator<WorkItem> {
  const { volume, fileSystem } = opened
  if (fileSystem === null) {
    const why = opened.problem ?? `no file system Outpost reads (${volume.type})`
    yield {
      kind: 'loose',
      entry: {
        evidenceId: evidence.id,
        path: `volume ${volume.slot || volume.index}`,
        reason: 'unknown-filesystem',
        detail: `${why}: scanned as raw blocks`,
      },
    }
    yield* rangeBlocks(
      evidence,
      [{ offset: volume.start, length: volume.length }],
      { ...place, label: `volume-${volume.index}` },
      blocks,
    )
    return
  }
  const free = (await fileSystem.unallocated()).map((r) => ({
    offset: volume.start + r.offset,
    length: r.length,
  }))
  yield* rangeBlocks(evidence, free, { ...place, label: `volume-${volume.index}` }, blocks)
}

function* rangeBlocks(
  evidence: Evidence,
  ranges: readonly ByteRange[],
  place: Omit<Place, 'letter'> & { readonly label: string },
  blocks: BlockPlan,
): Generator<WorkItem> {
  // Blocks are cut one at a time: a sparse image may declare far more media than fits in memory.
  const merged = mergeRanges(ranges)
  const count = blockCount(merged, blocks)
  if (count === 0) return
  yield {
    kind: 'loose',
    entry: {
      evidenceId: evidence.id,
      path: `$Unallocated/${place.label}`,
      reason: 'block-mode',
      detail: `${count} block(s) of up to ${blocks.blockBytes} bytes, each overlapping the next by ${blocks.overlapBytes} bytes`,
    },
  }
  for (const block of eachUnallocatedBlock(merged, blocks)) {
    const path = `$Unallocated/${place.label}/${block.start}-${block.start + block.owned}`
    yield {
      kind: 'scan',
      bytes: block.extents.reduce((n, [, length]) => n + length, 0),
      facts: {
        evidenceId: evidence.id,
        entryKey: `unalloc:${block.start}`,
        path,
        name: path.slice(path.lastIndexOf('/') + 1),
        kind: 'unallocated',
        linkTarget: null,
        sizeBytes: block.extents.reduce((n, [, length]) => n + length, 0),
        inode: null,
        mode: null,
        owner: null,
        times: { modified: null, accessed: null, changed: null, born: null },
        image: {
          volumeId: place.volumeId,
          filesystemId: place.fileSystemId,
          deleted: false,
          recoverable: true,
          imageOffset: block.start,
          runs: block.extents,
          timeNote: null,
          flags: ['unallocated'],
        },
      },
      job: {
        type: 'scanExtents',
        imagePath: evidence.sourcePath,
        extents: block.extents,
        size: block.extents.reduce((n, [, length]) => n + length, 0),
        externals: { filename: '', filepath: '', extension: '', owner: '' },
        ownedBytes: block.owned,
      },
    }
  }
}

function assertSameLayout(image: OpenedImage, layout: EvidenceLayout, evidence: Evidence): void {
  const same =
    image.container.size === (evidence.sizeBytes ?? image.container.size) &&
    layout.volumes.every((v) => {
      const now = image.volumes.find((o) => o.volume.index === v.index)?.volume
      return now !== undefined && now.start === v.startOffset && now.length === v.length
    })
  if (!same) {
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${evidence.sourcePath} no longer has the layout recorded when it was added: the image has changed. Verify it before going on.`,
    )
  }
}
