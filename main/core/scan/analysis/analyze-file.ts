import type { CompiledRules } from '../../engine/yara-engine'
import { YARA_STARTED_MIN_BYTES } from '../child/protocol'
import type {
  ChildScanLimits,
  CoverageNote,
  FileExternals,
  FileScanResult,
  RuleHit,
} from '../child/protocol'
import { describeHead, engineFailureNote, scanInBlocks } from './block-scan'
import { ContentStats } from './content-stats'
import type { ContentReader } from './content-reader'
import { openHostFile } from './content-reader'
import { toRuleHits } from './rule-hits'
import { ScratchBuffer } from './scratch-buffer'
import type { GateVerdict } from '../child/content-gate'

const scratch = new ScratchBuffer()

/** What the analysis needs besides the content. */
export interface AnalyzeOptions {
  readonly limits: ChildScanLimits
  readonly rules: CompiledRules
  readonly externals: FileExternals
  /**
   * Called when content of at least `YARA_STARTED_MIN_BYTES` is in memory and YARA is about to
   * run (arms the hard deadline; smaller content runs under the deadline armed at its start);
   * in block mode, before each block.
   */
  readonly onYaraStart: () => void
  /**
   * Block mode (unallocated space): matches starting at or after this many bytes belong to the
   * next block (they are in the overlap), so hits made only of such matches are dropped.
   */
  readonly ownedBytes?: number
  /**
   * Whole contents only: asked once the content is hashed whether YARA must still run (dedup
   * and known-good hash sets, child/content-gate.ts).
   */
  readonly gate?: (digests: {
    readonly md5: string
    readonly sha1: string
    readonly sha256: string
  }) => GateVerdict
}

/**
 * One read pass over a host file: hashes, entropy, MIME type, LOKI type, then YARA over the
 * whole buffer with the per-file externals (in blocks above `maxFileBytes`: block-scan.ts).
 * Never throws for a bad file: an unreadable one comes back with coverage `unreadable`.
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

/**
 * The same analysis over any content (a host file, a file or block inside an image); content
 * over `maxFileBytes` is scanned in blocks (coverage `block-mode`).
 */
export async function analyzeContent(
  reader: ContentReader,
  options: AnalyzeOptions,
): Promise<FileScanResult> {
  try {
    if (reader.size > options.limits.maxFileBytes)
      return await scanInBlocks(reader, options, scratch)
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
  const { mime, fileType } = await describeHead(content)
  const facts = {
    sizeBytes: read,
    md5: digest.md5,
    sha1: digest.sha1,
    sha256: digest.sha256,
    mime,
    fileType,
    entropy: digest.entropy,
    atimeProtected: reader.atimeProtected,
  }
  const verdict = options.gate?.(digest)
  if (verdict !== undefined && !verdict.run) {
    if (verdict.note !== null) coverage.push(verdict.note)
    return {
      ...facts,
      hits: [],
      coverage,
      scanned: verdict.origin === 'same-content',
      origin: verdict.origin,
      contentKey: verdict.contentKey,
    }
  }
  if (read >= YARA_STARTED_MIN_BYTES) options.onYaraStart()
  const externals = { ...options.externals, filetype: fileType, md5: digest.md5 }
  const { hits, scanned } = runYara(content, externals, options, reader, coverage)
  return {
    ...facts,
    hits,
    coverage,
    scanned,
    ...(verdict === undefined ? {} : { contentKey: verdict.contentKey }),
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
    coverage.push(engineFailureNote(error, options.limits))
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
