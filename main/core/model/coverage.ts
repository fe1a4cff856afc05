/**
 * Why a file (or a part of the evidence) was not fully scanned.
 *
 * Every file a scan did not scan completely gets one of these: never a silent skip.
 */
export const COVERAGE_REASONS = [
  /** Written by scans made before block mode: larger than the whole-file limit, hashed only. */
  'too-large',
  /** The engine's timeout or the hard per-file deadline stopped the scan of this file. */
  'timeout',
  /** The scan process died while scanning this file (it was restarted and the scan went on). */
  'process-crashed',
  /** The file could not be opened or read (permissions, I/O error, vanished). */
  'unreadable',
  /** A symbolic link: recorded with its target, not followed. */
  'symlink',
  /** A device, socket or FIFO: recorded, never read. */
  'special-file',
  /** A folder that could not be listed. */
  'unlistable-folder',
  /** Some per-file external variables could not be passed (yara-x type-sniffs string values). */
  'externals-incomplete',
  /** The file changed while it was being read; its hashes may not match its content. */
  'changed-during-read',
  /** The YARA engine reported an error on this file. */
  'engine-error',
  /** Encrypted content (NTFS EFS): listed with its metadata, never decrypted, not scanned. */
  'encrypted',
  /** A deleted file whose clusters were reused: listed, its old content is gone. */
  'deleted-overwritten',
  /** Part of a file system could not be read (a bad cluster chain, a directory loop, …). */
  'filesystem-damaged',
  /** A volume whose file system Outpost does not read (or could not open): scanned as raw blocks. */
  'unknown-filesystem',
  /**
   * Scanned in blocks (unallocated space, unread volumes): rules see one block at a time, so
   * `filesize` and module data describe the block, not a file.
   */
  'block-mode',
  /** In a known-good hash set (e.g. NSRL): hashed, not given to YARA. */
  'known-good',
] as const

/** One of {@link COVERAGE_REASONS}. */
export type CoverageReason = (typeof COVERAGE_REASONS)[number]

/** A coverage entry as the UI lists it. */
export interface CoverageEntry {
  readonly id: number
  readonly scanId: number
  readonly evidenceLabel: string
  readonly path: string
  readonly reason: CoverageReason
  readonly detail: string | null
}

/** Counts per reason for one scan. */
export type CoverageSummary = Readonly<Partial<Record<CoverageReason, number>>>
