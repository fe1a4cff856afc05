/** What an evidence item is on the host. Disk images arrive with the image readers. */
export type EvidenceKind = 'folder' | 'file'

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
}
