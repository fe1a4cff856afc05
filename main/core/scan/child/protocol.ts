import type { CoverageReason } from '../../model/coverage'
import type { RuleDiagnostic } from '../../model/rules'
import type { WorkaroundSummary } from '../../engine/yara-engine'
import type { PackValidation, RuleFileSource } from '../../rules/validate-pack'

/** One rule file to compile, in the namespace of its pack. */
export interface RuleSourceRef {
  readonly namespace: string
  /** Absolute path of the `.yar` file. */
  readonly path: string
  /** The name diagnostics use (the path inside its pack). */
  readonly displayName: string
}

/** Per-file externals the scanner passes (LOKI/THOR semantics; see ENGINE.md). */
export interface FileExternals {
  readonly filename: string
  readonly filepath: string
  readonly extension: string
  readonly owner: string
}

/** The limits a scan process applies to each file. */
export interface ChildScanLimits {
  readonly maxFileBytes: number
  readonly engineTimeoutMs: number
  readonly matchCapPerPattern: number
  readonly excerptBytes: number
  /**
   * Block mode (content above `maxFileBytes`): bytes each block owns, capped at `maxFileBytes`.
   * Default `DEFAULT_BLOCK_BYTES` (analysis/block-scan.ts).
   */
  readonly blockBytes?: number
  /**
   * Block mode: bytes past its owned end each block also reads, so a match across the edge is
   * whole (capped at the block size). Default `DEFAULT_OVERLAP_BYTES` (analysis/block-scan.ts).
   */
  readonly overlapBytes?: number
}

/**
 * What a scan process looks up before giving content to YARA: the case (opened read-only) for
 * content already scanned under the same profile, and the case's known-good hash sets.
 */
export interface ChildLookups {
  readonly casePath: string
  readonly profileKey: string
  /** The path externals the rule set reads (part of the dedup key). */
  readonly pathExternals: readonly string[]
}

/**
 * Content below this size is read, hashed and scanned under one deadline, the hard deadline,
 * armed when its job starts (reading and hashing 16 MiB takes well under a second): no
 * `yaraStarted` message for it, which saves a message per file where files are many and small.
 * At or above it, the read has its own (long) deadline and the process says when YARA starts.
 */
export const YARA_STARTED_MIN_BYTES = 16 * 1024 * 1024

/** Messages to a scan process. */
export type ChildRequest =
  | {
      readonly type: 'compile'
      readonly requestId: number
      readonly sources: readonly RuleSourceRef[]
      readonly externals: readonly string[]
      /** Where to write the serialized rules. */
      readonly outPath: string
    }
  | {
      /** Validate a pack's rule files (texts read once by the parent), optionally dropping. */
      readonly type: 'validate'
      readonly requestId: number
      readonly files: readonly RuleFileSource[]
      readonly namespace: string
      readonly externals: readonly string[]
      readonly dropInvalid: boolean
    }
  | {
      readonly type: 'load'
      readonly requestId: number
      readonly compiledPath: string
      readonly limits: ChildScanLimits
      /** Where to look up content already scanned and the known-good hash sets. */
      readonly lookups?: ChildLookups
    }
  | {
      readonly type: 'scanFile'
      readonly jobId: number
      readonly path: string
      readonly externals: FileExternals
    }
  | {
      readonly type: 'scanExtents'
      readonly jobId: number
      /** The image's first file (the scan process opens and caches the image itself). */
      readonly imagePath: string
      /** `[offset in the image | null for a hole, length]`, in content order. */
      readonly extents: readonly (readonly [number | null, number])[]
      readonly size: number
      readonly externals: FileExternals
      /** Block mode: bytes this block owns (the rest is overlap with the next block). */
      readonly ownedBytes?: number
    }
  | {
      /**
       * An entry whose content only its file system can give (NTFS resident or compressed data,
       * ext4 inline data): the scan process opens the file system on the volume (once, cached)
       * and reads the entry by id.
       */
      readonly type: 'scanEntry'
      readonly jobId: number
      readonly imagePath: string
      /** The volume holding the file system, in image bytes. */
      readonly volumeStart: number
      readonly volumeLength: number
      readonly entryId: string
      readonly size: number
      readonly externals: FileExternals
    }
  | {
      readonly type: 'hashImage'
      readonly jobId: number
      readonly imagePath: string
    }

/** One pattern match, with the first bytes of the match re-read from the buffer. */
export interface PatternMatch {
  readonly identifier: string
  readonly offset: number
  readonly length: number
  readonly excerptHex: string
  /** Offset of the match's first byte in the image, for content read from an image. */
  readonly imageOffset?: number | null
}

/** One matching rule. */
export interface RuleHit {
  readonly namespace: string
  readonly rule: string
  readonly tags: readonly string[]
  readonly meta: Readonly<Record<string, string | number | boolean>>
  readonly matches: readonly PatternMatch[]
}

/** A coverage note about the file just scanned. */
export interface CoverageNote {
  readonly reason: CoverageReason
  readonly detail: string
}

/** What one read pass and one YARA scan learned about a file. */
export interface FileScanResult {
  readonly sizeBytes: number
  readonly md5: string | null
  readonly sha1: string | null
  readonly sha256: string | null
  readonly mime: string | null
  /** LOKI-style magic label (`EXE`, `ZIP`, …) or '' — the `filetype` external. */
  readonly fileType: string
  readonly entropy: number | null
  readonly hits: readonly RuleHit[]
  readonly coverage: readonly CoverageNote[]
  /** False when the file had to be opened without O_NOATIME (its atime may have changed). */
  readonly atimeProtected: boolean
  /** True when YARA ran over the whole content (or its results were reused). */
  readonly scanned: boolean
  /** How the results were obtained; absent = `scanned` (YARA ran here). */
  readonly origin?: 'scanned' | 'same-content' | 'known-good'
  /**
   * Dedup key of the content (`contentKeyOf`); for `same-content`, the key whose earlier
   * results apply (the writer finds them: committed, or earlier in the same batch).
   */
  readonly contentKey?: string | null
}

/** Messages from a scan process. */
export type ChildResponse =
  | { readonly type: 'ready' }
  | {
      readonly type: 'compiled'
      readonly requestId: number
      readonly ok: boolean
      readonly diagnostics: readonly RuleDiagnostic[]
      /** What the compile did around yara-x 1.20's shared-pattern bugs (absent on failure). */
      readonly workaround?: WorkaroundSummary
    }
  | { readonly type: 'validated'; readonly requestId: number; readonly result: PackValidation }
  | { readonly type: 'loaded'; readonly requestId: number }
  | { readonly type: 'requestFailed'; readonly requestId: number; readonly message: string }
  /**
   * Sent when content of at least {@link YARA_STARTED_MIN_BYTES} is in memory and YARA starts
   * (and before each block in block mode): the hard deadline is armed from here.
   */
  | { readonly type: 'yaraStarted'; readonly jobId: number }
  | { readonly type: 'fileResult'; readonly jobId: number; readonly result: FileScanResult }
  | {
      readonly type: 'hashProgress'
      readonly jobId: number
      readonly done: number
      readonly total: number
    }
  | {
      readonly type: 'hashResult'
      readonly jobId: number
      readonly md5: string
      readonly sha1: string
      readonly sha256: string
      readonly size: number
    }
  | {
      readonly type: 'jobFailed'
      readonly jobId: number
      readonly code: string
      readonly message: string
    }
