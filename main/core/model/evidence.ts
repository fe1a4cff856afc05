/** What an evidence item is on the host. */
export type EvidenceKind = 'folder' | 'file' | 'image'

/**
 * Where an evidence item's integrity check stands. Images are hashed in full when added:
 * `verified`/`mismatch` when the image stores an acquisition hash (E01), `computed` otherwise.
 */
export type IntegrityState =
  | 'not-applicable'
  | 'pending'
  | 'hashing'
  | 'computed'
  | 'verified'
  | 'mismatch'
  | 'cancelled'
  | 'failed'

/** One evidence item of a case. */
export interface Evidence {
  readonly id: number
  readonly uuid: string
  readonly label: string
  readonly kind: EvidenceKind
  /** Absolute path on the examiner's machine when it was added. */
  readonly sourcePath: string
  /** Size in bytes: the file's size, or the sum of a folder's regular files once scanned. */
  readonly sizeBytes: number | null
  readonly fileCount: number | null
  readonly sha256: string | null
  readonly md5: string | null
  readonly sha1: string | null
  /**
   * For a folder: SHA-256 over the sorted (path, size, SHA-256) list of its files, computed by the
   * first complete scan — the folder's fingerprint.
   */
  readonly manifestSha256: string | null
  readonly addedAt: string
  readonly addedBy: string
  /** For images: the container format (`ewf`, `vhd`, …) and every host file it is made of. */
  readonly containerFormat: string | null
  readonly containerFiles: readonly string[]
  /** Acquisition hashes stored in the image (EWF), lower-case hex. */
  readonly storedMd5: string | null
  readonly storedSha1: string | null
  readonly integrity: IntegrityState
  readonly integrityDetail: string | null
  readonly hashedAt: string | null
}

/** A volume of an image evidence item. */
export interface VolumeInfo {
  readonly id: number
  readonly index: number
  readonly slot: string
  readonly scheme: 'mbr' | 'gpt' | 'none'
  readonly startOffset: number
  readonly length: number
  readonly type: string
  readonly name: string | null
  readonly fileSystem: FileSystemInfo | null
  /** Why no file system was read on a volume that seemed to hold one. */
  readonly problem: string | null
}

/** A file system Outpost read on a volume. */
export interface FileSystemInfo {
  readonly id: number
  readonly kind: string
  readonly label: string | null
  readonly startOffset: number
  readonly sizeBytes: number
  readonly clusterSize: number
}

/** The layout of an image: container facts, volumes, file systems. */
export interface EvidenceLayout {
  readonly evidenceId: number
  readonly containerFormat: string | null
  readonly containerDetails: Readonly<Record<string, string | number | boolean>>
  readonly mediaSize: number | null
  readonly scheme: 'mbr' | 'gpt' | 'none' | null
  /** Sector size of the volume system (512 or 4096). */
  readonly sectorSize: number | null
  /** What the volume system reader had to work around (e.g. a damaged primary GPT). */
  readonly warnings: readonly string[]
  readonly volumes: readonly VolumeInfo[]
}

/** One entry of the evidence browser (a file-system entry of an image, or a file of a folder). */
export interface BrowseEntry {
  readonly fileId: number
  readonly name: string
  readonly path: string
  readonly kind: 'file' | 'directory' | 'symlink' | 'special' | 'unallocated'
  readonly sizeBytes: number
  readonly inode: string | null
  readonly deleted: boolean
  readonly recoverable: boolean
  readonly modified: string | null
  readonly accessed: string | null
  readonly changed: string | null
  readonly born: string | null
  readonly timeNote: string | null
  readonly sha256: string | null
  readonly findings: number
  readonly metadata: EntryMetadata
}

/**
 * What a file system records about an entry beyond name, size and the four times: shown in the
 * evidence browser and the finding detail.
 */
export interface EntryMetadata {
  /** NTFS owner SID (with its well-known name), ext `uid N` (or the name from the image). */
  readonly owner: string | null
  /** ext: `gid N` (or the group name from the image). */
  readonly group: string | null
  /** POSIX mode bits (ext). */
  readonly mode: number | null
  readonly linkTarget: string | null
  /** NTFS alternate data stream name, when the entry is one. */
  readonly stream: string | null
  /** NTFS $FILE_NAME times (the main times are $STANDARD_INFORMATION's). */
  readonly fileNameTimes: {
    readonly modified: string | null
    readonly accessed: string | null
    readonly changed: string | null
    readonly born: string | null
  } | null
  /** NTFS EFS: encrypted content, listed but not decrypted or scanned. */
  readonly encrypted: boolean
  /** Attribute flags for display (read-only, hidden, compressed, sparse, …). */
  readonly flags: readonly string[]
}

/** Progress of the work done when an image is added: listing its entries, hashing it. */
export interface EvidenceProgress {
  readonly evidenceId: number
  readonly phase: 'listing' | 'hashing' | 'done'
  /** Entries listed, or bytes hashed. */
  readonly done: number
  /** Bytes to hash (0 while listing: the count is unknown until the end). */
  readonly total: number
  readonly integrity: IntegrityState
}
