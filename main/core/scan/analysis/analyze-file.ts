import type { BigIntStats } from 'node:fs'
import { ReadOnlyFile } from '../../evidence/read-only-file'
import type { CompiledRules } from '../../engine/yara-engine'
import { EngineTimeoutError } from '../../engine/yara-engine'
import type {
  ChildScanLimits,
  CoverageNote,
  FileExternals,
  FileScanResult,
  RuleHit,
} from '../child/protocol'
import { ContentStats } from './content-stats'
import { LOKI_HEADER_BYTES, lokiFileType } from './loki-file-type'
import { detectMimeType } from './mime-type'
import { toRuleHits } from './rule-hits'

const STREAM_CHUNK = 4 * 1024 * 1024

/**
 * One read buffer reused from file to file (a scan process handles one file at a time, and YARA
 * and every hash are done with it before the next): allocating a fresh buffer per file made the
 * garbage collector a measurable share of scan time. Content above `KEEP_BYTES` gets a one-off
 * buffer, so a huge file does not pin its memory for the rest of the scan.
 */
class ScratchBuffer {
  private static readonly KEEP_BYTES = 64 * 1024 * 1024
  private buffer = Buffer.alloc(0)
  private inUse = false

  /** A buffer of `size` bytes, yours until {@link ScratchBuffer.release}. */
  take(size: number): Buffer {
    // Overlapping analyses (not the scan process, which goes one file at a time) get their own.
    if (this.inUse || size > ScratchBuffer.KEEP_BYTES) return Buffer.allocUnsafe(size)
    this.inUse = true
    if (this.buffer.length < size)
      this.buffer = Buffer.allocUnsafe(
        Math.max(size, Math.min(2 * this.buffer.length, ScratchBuffer.KEEP_BYTES), 64 * 1024),
      )
    return this.buffer.subarray(0, size)
  }

  /** Give back a buffer from {@link ScratchBuffer.take}. */
  release(buffer: Buffer): void {
    if (buffer.buffer === this.buffer.buffer) this.inUse = false
  }
}

const scratch = new ScratchBuffer()
const TYPE_PROBE_BYTES = 64 * 1024

/** What the analysis needs besides the file. */
export interface AnalyzeOptions {
  readonly limits: ChildScanLimits
  readonly rules: CompiledRules
  readonly externals: FileExternals
  /** Called when the content is in memory and YARA is about to run (arms the hard deadline). */
  readonly onYaraStart: () => void
}

/**
 * One read pass over an evidence file: hashes, entropy, MIME type, LOKI type, then YARA over the
 * whole buffer with the per-file externals.
 *
 * Never throws for a bad file: an unreadable one comes back with coverage `unreadable`.
 */
export async function analyzeFile(path: string, options: AnalyzeOptions): Promise<FileScanResult> {
  let file: ReadOnlyFile
  try {
    file = ReadOnlyFile.open(path)
  } catch (error: unknown) {
    return unreadable(0, error)
  }
  try {
    const before = file.stat()
    const size = Number(before.size)
    if (size > options.limits.maxFileBytes) return await hashOnly(file, size, options.limits)
    return await readAndScan(file, size, before, options)
  } catch (error: unknown) {
    return unreadable(0, error)
  } finally {
    file.close()
  }
}

async function readAndScan(
  file: ReadOnlyFile,
  size: number,
  before: BigIntStats,
  options: AnalyzeOptions,
): Promise<FileScanResult> {
  const buffer = scratch.take(size)
  try {
    return await scanBuffer(file, buffer, size, before, options)
  } finally {
    scratch.release(buffer)
  }
}

async function scanBuffer(
  file: ReadOnlyFile,
  buffer: Buffer,
  size: number,
  before: BigIntStats,
  options: AnalyzeOptions,
): Promise<FileScanResult> {
  const read = file.readFully(buffer, 0)
  const content = buffer.subarray(0, read)
  const stats = new ContentStats()
  stats.update(content)
  const digest = stats.finish()
  const coverage: CoverageNote[] = []
  if (changedWhileReading(file, before, read)) {
    coverage.push({
      reason: 'changed-during-read',
      detail: `size ${size} before, ${read} bytes read`,
    })
  }
  const fileType = lokiFileType(content.subarray(0, LOKI_HEADER_BYTES))
  const mime = await detectMimeType(content.subarray(0, TYPE_PROBE_BYTES))
  options.onYaraStart()
  const { hits, scanned } = runYara(
    content,
    { ...options.externals, filetype: fileType, md5: digest.md5 },
    options,
    coverage,
  )
  return {
    sizeBytes: read,
    md5: digest.md5,
    sha1: digest.sha1,
    sha256: digest.sha256,
    mime,
    fileType,
    entropy: digest.entropy,
    hits,
    coverage,
    atimeProtected: file.atimeProtected,
    scanned,
  }
}

function runYara(
  content: Buffer,
  externals: Readonly<Record<string, string>>,
  options: AnalyzeOptions,
  coverage: CoverageNote[],
): { hits: RuleHit[]; scanned: boolean } {
  try {
    const outcome = options.rules.scan(content, externals)
    if (outcome.droppedExternals.length > 0) {
      coverage.push({
        reason: 'externals-incomplete',
        detail: `left empty because yara-x would read them as numbers or booleans: ${outcome.droppedExternals.join(', ')}`,
      })
    }
    return {
      hits: toRuleHits(outcome.matches, content, options.limits.excerptBytes),
      scanned: true,
    }
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error)
    if (error instanceof EngineTimeoutError) {
      const seconds = Math.ceil(options.limits.engineTimeoutMs / 1000)
      coverage.push({
        reason: 'timeout',
        detail: `the engine stopped after its ${seconds} s per-file timeout`,
      })
    } else {
      coverage.push({ reason: 'engine-error', detail: message })
    }
    return { hits: [], scanned: false }
  }
}

/** Above the whole-file limit: hash in bounded memory, record why YARA did not run. */
async function hashOnly(
  file: ReadOnlyFile,
  size: number,
  limits: ChildScanLimits,
): Promise<FileScanResult> {
  const stats = new ContentStats()
  const chunk = scratch.take(STREAM_CHUNK)
  let position = 0
  let head: Buffer | null = null
  try {
    for (;;) {
      const n = file.readFully(chunk, position)
      if (n === 0) break
      if (head === null) head = Buffer.from(chunk.subarray(0, Math.min(n, TYPE_PROBE_BYTES)))
      stats.update(chunk.subarray(0, n))
      position += n
    }
  } finally {
    scratch.release(chunk)
  }
  const digest = stats.finish()
  const header = head ?? Buffer.alloc(0)
  return {
    sizeBytes: position,
    md5: digest.md5,
    sha1: digest.sha1,
    sha256: digest.sha256,
    mime: await detectMimeType(header),
    fileType: lokiFileType(header),
    entropy: digest.entropy,
    hits: [],
    coverage: [
      {
        reason: 'too-large',
        detail: `${size} bytes is over the ${limits.maxFileBytes}-byte whole-file limit: hashed, not scanned`,
      },
    ],
    atimeProtected: file.atimeProtected,
    scanned: false,
  }
}

function changedWhileReading(file: ReadOnlyFile, before: BigIntStats, read: number): boolean {
  const after = file.stat()
  return (
    after.size !== before.size || after.mtimeNs !== before.mtimeNs || BigInt(read) !== before.size
  )
}

function unreadable(size: number, error: unknown): FileScanResult {
  const code = (error as NodeJS.ErrnoException).code
  const message = error instanceof Error ? error.message : String(error)
  return {
    sizeBytes: size,
    md5: null,
    sha1: null,
    sha256: null,
    mime: null,
    fileType: '',
    entropy: null,
    hits: [],
    coverage: [{ reason: 'unreadable', detail: code ? `${code}: ${message}` : message }],
    atimeProtected: true,
    scanned: false,
  }
}
