import type {
  BrowseEntry,
  Evidence,
  EvidenceLayout,
  EvidenceProgress,
  FileSystemInfo,
  VolumeInfo,
} from '../../main/core/model/evidence'
import type { Result } from '../../main/ipc/contract'
import type { ChannelOutput } from '../../main/ipc/contract'
import { ok } from './fake-bridge'
import { makeEvidence } from './fixtures'

/** An E01 image evidence item, hashed and verified by default. */
export function makeImage(overrides: Partial<Evidence> = {}): Evidence {
  return makeEvidence({
    id: 3,
    label: 'laptop.E01',
    kind: 'image',
    sourcePath: '/evidence/laptop.E01',
    sizeBytes: 64 * 1024 * 1024,
    containerFormat: 'ewf',
    containerFiles: ['/evidence/laptop.E01', '/evidence/laptop.E02'],
    md5: 'aa'.repeat(16),
    sha1: 'bb'.repeat(20),
    sha256: 'cc'.repeat(32),
    storedMd5: 'aa'.repeat(16),
    storedSha1: 'bb'.repeat(20),
    integrity: 'verified',
    hashedAt: '2024-05-01T10:06:00.000Z',
    ...overrides,
  })
}

/** A FAT32 file system. */
export function makeFileSystem(overrides: Partial<FileSystemInfo> = {}): FileSystemInfo {
  return {
    id: 11,
    kind: 'fat32',
    label: 'DATA',
    startOffset: 1_048_576,
    sizeBytes: 32 * 1024 * 1024,
    clusterSize: 4096,
    ...overrides,
  }
}

/** An MBR volume holding {@link makeFileSystem}. */
export function makeVolume(overrides: Partial<VolumeInfo> = {}): VolumeInfo {
  return {
    id: 21,
    index: 0,
    slot: '000:000',
    scheme: 'mbr',
    startOffset: 1_048_576,
    length: 32 * 1024 * 1024,
    type: 'FAT32 LBA (0x0c)',
    name: null,
    fileSystem: makeFileSystem(),
    problem: null,
    ...overrides,
  }
}

/** The layout of {@link makeImage}: one FAT32 volume and one with no file system read. */
export function makeLayout(overrides: Partial<EvidenceLayout> = {}): EvidenceLayout {
  return {
    evidenceId: 3,
    containerFormat: 'ewf',
    containerDetails: { segments: 2, bytesPerSector: 512, isPhysical: true },
    mediaSize: 64 * 1024 * 1024,
    scheme: 'mbr',
    sectorSize: 512,
    warnings: [],
    volumes: [
      makeVolume(),
      makeVolume({
        id: 22,
        index: 1,
        slot: '000:001',
        startOffset: 34 * 1024 * 1024,
        length: 16 * 1024 * 1024,
        type: 'Linux (0x83)',
        fileSystem: null,
      }),
    ],
    ...overrides,
  }
}

/** A file of the browser. */
export function makeEntry(overrides: Partial<BrowseEntry> = {}): BrowseEntry {
  return {
    fileId: 100,
    name: 'a.txt',
    path: '/a.txt',
    kind: 'file',
    sizeBytes: 1234,
    inode: '5',
    deleted: false,
    recoverable: true,
    modified: '2024-04-30T08:15:30Z',
    accessed: '2024-04-30T00:00:00Z',
    changed: null,
    born: '2024-04-29T07:00:00.5Z',
    timeNote: 'FAT stores local time: shown as if it were UTC',
    sha256: 'dd'.repeat(32),
    findings: 0,
    metadata: {
      owner: null,
      group: null,
      mode: null,
      linkTarget: null,
      stream: null,
      fileNameTimes: null,
      encrypted: false,
      flags: [],
    },
    ...overrides,
  }
}

/** A folder of the browser. */
export function makeFolder(name: string, path: string, fileId: number): BrowseEntry {
  return makeEntry({ fileId, name, path, kind: 'directory', sizeBytes: 0, sha256: null })
}

/** An `evidence:progress` event for {@link makeImage}. */
export function makeEvidenceProgress(overrides: Partial<EvidenceProgress> = {}): EvidenceProgress {
  return { evidenceId: 3, phase: 'hashing', done: 0, total: 0, integrity: 'hashing', ...overrides }
}

/**
 * An `evidence:files` responder over a fixed tree, `fileSystemId|parent` → entries, paged like
 * main pages (offset, limit).
 */
export function filesResponder(
  tree: Readonly<Record<string, readonly BrowseEntry[]>>,
): (input: unknown) => Result<ChannelOutput<'evidence:files'>> {
  return (input) => {
    const {
      fileSystemId,
      parent,
      offset = 0,
      limit = 200,
    } = input as {
      fileSystemId: number | null
      parent: string
      offset?: number
      limit?: number
    }
    const rows = tree[`${fileSystemId ?? 'null'}|${parent}`] ?? []
    return ok({ total: rows.length, rows: rows.slice(offset, offset + limit) })
  }
}
