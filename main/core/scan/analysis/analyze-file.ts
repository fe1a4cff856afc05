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
import type { ContentReader } from './content-reader'
import { openHostFile } from './content-reader'
import { LOKI_HEADER_BYTES, lokiFileType } from './loki-file-type'
import { detectMimeType } from './mime-type'
import { toRuleHits } from './rule-hits'
import { ScratchBuffer } from './scratch-buffer'

const STREAM_CHUNK = 4 * 1024 * 1024
const TYPE_PROBE_BYTES = 64 * 1024
const scratch = new ScratchBuffer()

/** What the analysis needs besides the content. */
export interface AnalyzeOptions {
  readonly limits: ChildScanLimits
  readonly rules: CompiledRules
  readonly externals: FileExternals
  /** Called when the content is in memory and YARA is about to run (arms the hard deadline). */
  readonly onYaraStart: () => void
  /**
   * Block mode (unallocated space): matches starting at or after this many bytes belong to the
   * next block (they are in the overlap), so hits made only of such matches are dropped.
   */
  readonly ownedBytes?: number
}

/**
 * One read pass over a host file: hashes, entropy, MIME type, LOKI type, then YARA over the
 * whole buffer with the per-file externals. Never throws for a bad file: an unreadable one
 * comes back with coverage `unreadable`.
 */
export async function analyzeFile(path: string, options: AnalyzeOptions): Promise<FileScanResult> {
  let reader: ContentReader
  try {
    reader = openHostFile(path)
  } catch (error: unknown) {
    return unreadable(error, true)
  }
  try {
    return await analyzeContent(reader, options)
  } finally {
    reader.close()
  }
}

/** The same analysis over any content (a host file, a file or block inside an image). */
export async function analyzeContent(
  reader: ContentReader,
  options: AnalyzeOptions,
): Promise<FileScanResult> {
  try {
    if (reader.size > options.limits.maxFileBytes) return await hashOnly(reader, options.limits)
    const buffer = scratch.take(reader.size)
    try {
      return await scanBuffer(reader, buffer, options)
    } finally {
      scratch.release(buffer)
    }
  } catch (error: unknown) {
    return unreadable(error, reader.atimeProtected)
  }
}

async function scanBuffer(
  reader: ContentReader,
  buffer: Buffer,
  options: AnalyzeOptions,
): Promise<FileScanResult> {
  const read = await reader.read(buffer, 0)
  const content = buffer.subarray(0, read)
  const stats = new ContentStats()
  stats.update(content)
  const digest = stats.finish()
  const coverage: CoverageNote[] = []
  if (reader.changed(read)) {
    coverage.push({
      reason: 'changed-during-read',
      detail: `size ${reader.size} before, ${read} bytes read`,
    })
  }
  const fileType = lokiFileType(content.subarray(0, LOKI_HEADER_BYTES))
  const mime = await detectMimeType(content.subarray(0, TYPE_PROBE_BYTES))
  options.onYaraStart()
  const externals = { ...options.externals, filetype: fileType, md5: digest.md5 }
  const { hits, scanned } = runYara(content, externals, options, reader, coverage)
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
    atimeProtected: reader.atimeProtected,
    scanned,
  }
}

function runYara(
  content: Buffer,
  externals: Readonly<Record<string, string>>,
  options: AnalyzeOptions,
  reader: ContentReader,
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
    const hits = toRuleHits(outcome.matches, content, options.limits.excerptBytes, (offset) =>
      reader.imageOffset(offset),
    )
    return { hits: ownedHits(hits, options.ownedBytes), scanned: true }
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

/** Drop hits whose every match lies in the overlap that the next block also scans. */
function ownedHits(hits: RuleHit[], ownedBytes: number | undefined): RuleHit[] {
  if (ownedBytes === undefined) return hits
  return hits.filter(
    (hit) => hit.matches.length === 0 || hit.matches.some((m) => m.offset < ownedBytes),
  )
}

/** Above the whole-file limit: hash in bounded memory, record why YARA did not run. */
async function hashOnly(reader: ContentReader, limits: ChildScanLimits): Promise<FileScanResult> {
  const stats = new ContentStats()
  const chunk = scratch.take(STREAM_CHUNK)
  let position = 0
  let head: Buffer | null = null
  try {
    for (;;) {
      const n = await reader.read(chunk, position)
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
        detail: `${reader.size} bytes is over the ${limits.maxFileBytes}-byte whole-file limit: hashed, not scanned`,
      },
    ],
    atimeProtected: reader.atimeProtected,
    scanned: false,
  }
}

function unreadable(error: unknown, atimeProtected: boolean): FileScanResult {
  const code = (error as NodeJS.ErrnoException).code
  const message = error instanceof Error ? error.message : String(error)
  return {
    sizeBytes: 0,
    md5: null,
    sha1: null,
    sha256: null,
    mime: null,
    fileType: '',
    entropy: null,
    hits: [],
    coverage: [{ reason: 'unreadable', detail: code ? `${code}: ${message}` : message }],
    atimeProtected,
    scanned: false,
  }
}
