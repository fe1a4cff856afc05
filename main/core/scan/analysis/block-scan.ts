import type { BindingRuleMatch } from '../../engine/yara-binding'
import { EngineTimeoutError } from '../../engine/yara-engine'
import type {
  ChildScanLimits,
  CoverageNote,
  FileScanResult,
  PatternMatch,
  RuleHit,
} from '../child/protocol'
import type { AnalyzeOptions } from './analyze-file'
import { ContentStats } from './content-stats'
import type { ContentReader } from './content-reader'
import { LOKI_HEADER_BYTES, lokiFileType } from './loki-file-type'
import { detectMimeType } from './mime-type'
import { toRuleHits } from './rule-hits'
import type { ScratchBuffer } from './scratch-buffer'

/**
 * Bytes each block owns when content is over the whole-file limit. 16 MiB: large enough that
 * yara-x's fixed cost per scan (scanner set-up, module parsing of the block's head) is lost in
 * the pattern search, and the rule set's match cap is rarely reached inside one block; small
 * enough that a scan process holds ~17 MiB for the biggest file (N processes in parallel) and
 * one block scans in well under the per-file engine timeout the hard deadline is sized for.
 */
export const DEFAULT_BLOCK_BYTES = 16 * 1024 * 1024

/**
 * Bytes past its owned end each block also reads. 1 MiB: longer than any text or hex pattern of
 * the rule sets we ship or test against (the longest are a few KiB) and than most bounded
 * regex/jump spans, at 1/16 = ~6 % extra scanning. Unallocated space uses 64 KiB blocks' overlap
 * of its own (unallocated-blocks.ts).
 */
export const DEFAULT_OVERLAP_BYTES = 1024 * 1024

/** Leading bytes the MIME detection looks at. */
export const TYPE_PROBE_BYTES = 64 * 1024

/** Block and overlap sizes for these limits: the block at most `maxFileBytes`, the overlap at most a block. */
export function blockPlan(limits: ChildScanLimits): { blockBytes: number; overlapBytes: number } {
  const blockBytes = Math.max(
    1,
    Math.floor(Math.min(limits.blockBytes ?? DEFAULT_BLOCK_BYTES, limits.maxFileBytes)),
  )
  const overlap = Math.floor(limits.overlapBytes ?? DEFAULT_OVERLAP_BYTES)
  return { blockBytes, overlapBytes: Math.max(0, Math.min(overlap, blockBytes)) }
}

/** MIME type and LOKI label of content from its first bytes. */
export async function describeHead(
  head: Buffer,
): Promise<{ mime: string | null; fileType: string }> {
  return {
    mime: await detectMimeType(head.subarray(0, TYPE_PROBE_BYTES)),
    fileType: lokiFileType(head.subarray(0, LOKI_HEADER_BYTES)),
  }
}

/** The coverage note for a scan the engine stopped or failed (`where` names a block). */
export function engineFailureNote(
  error: unknown,
  limits: ChildScanLimits,
  where?: string,
): CoverageNote {
  if (error instanceof EngineTimeoutError) {
    const seconds = Math.ceil(limits.engineTimeoutMs / 1000)
    return {
      reason: 'timeout',
      detail:
        where === undefined
          ? `the engine stopped after its ${seconds} s per-file timeout`
          : `the engine stopped after its ${seconds} s timeout on ${where}; the scan went on with the next blocks`,
    }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { reason: 'engine-error', detail: where === undefined ? message : `${where}: ${message}` }
}

/**
 * Block mode, for content over `maxFileBytes`: one pass in blocks through one reused buffer of
 * block + overlap bytes (memory does not grow with the file). Each block's owned bytes feed the
 * hashes and entropy (every byte once); YARA scans the block with its overlap, so a match that
 * starts in the block and crosses its edge is whole. A match starting in the overlap belongs to
 * the next block (which sees it at its start) and is dropped here, so each is reported once;
 * offsets are file offsets and hits are merged per rule across blocks.
 */
export async function scanInBlocks(
  reader: ContentReader,
  options: AnalyzeOptions,
  scratch: ScratchBuffer,
): Promise<FileScanResult> {
  const plan = blockPlan(options.limits)
  const buffer = scratch.take(plan.blockBytes + plan.overlapBytes)
  try {
    return await scanBlocks(reader, buffer, plan, options)
  } finally {
    scratch.release(buffer)
  }
}

async function scanBlocks(
  reader: ContentReader,
  buffer: Buffer,
  plan: { blockBytes: number; overlapBytes: number },
  options: AnalyzeOptions,
): Promise<FileScanResult> {
  const { blockBytes, overlapBytes } = plan
  const stats = new ContentStats()
  const merged = new MergedHits(options.limits.matchCapPerPattern)
  const coverage: CoverageNote[] = []
  const state = { droppedNoted: false }
  let head: { mime: string | null; fileType: string } = { mime: null, fileType: '' }
  let externals: Readonly<Record<string, string>> = {}
  let scanned = true
  let blocks = 0
  let start = 0
  let carried = 0
  for (;;) {
    // The overlap of the previous block is already at the front of the buffer: read the rest.
    const want = Math.min(blockBytes + overlapBytes, reader.size - start)
    const fresh =
      want > carried ? await reader.read(buffer.subarray(carried, want), start + carried) : 0
    const filled = carried + fresh
    if (filled === 0 && blocks > 0) break // the content shrank to a block edge: nothing left
    // The last block (the rest fits, or the content ended early) owns everything it holds.
    const last = filled < want || start + filled >= reader.size
    const owned = last ? filled : blockBytes
    const block = buffer.subarray(0, filled)
    stats.update(block.subarray(0, owned))
    if (blocks === 0) {
      head = await describeHead(block)
      // md5 is only known once every block is read: rules see it empty in block mode.
      externals = { ...options.externals, filetype: head.fileType, md5: '' }
    }
    options.onYaraStart()
    // Content that is itself a block of unallocated space owns only its first `ownedBytes`.
    const keep = Math.min(owned, (options.ownedBytes ?? Infinity) - start)
    const ok = scanBlock(block, start, keep, externals, options, reader, merged, coverage, state)
    scanned &&= ok
    blocks += 1
    start += owned
    if (last) break
    carried = filled - owned
    buffer.copyWithin(0, owned, filled)
  }
  const digest = stats.finish()
  coverage.unshift({
    reason: 'block-mode',
    detail:
      `${reader.size} bytes, over the ${options.limits.maxFileBytes}-byte whole-file limit: ` +
      `scanned in ${blocks} blocks of ${blockBytes} bytes, each also reading the next ` +
      `${overlapBytes} bytes (overlap). Rules see one block at a time: filesize, module data ` +
      `and offsets in conditions describe the block, the md5 external is empty, and a pattern ` +
      `longer than the overlap may be missed where it crosses a block edge.`,
  })
  if (reader.changed(start)) {
    coverage.push({
      reason: 'changed-during-read',
      detail: `size ${reader.size} before, ${start} bytes read`,
    })
  }
  return {
    sizeBytes: start,
    md5: digest.md5,
    sha1: digest.sha1,
    sha256: digest.sha256,
    mime: head.mime,
    fileType: head.fileType,
    entropy: digest.entropy,
    hits: merged.hits(),
    coverage,
    atimeProtected: reader.atimeProtected,
    scanned,
  }
}

/**
 * YARA over one block (with its overlap), keeping matches that start before `keep`; false when
 * the engine stopped or failed.
 */
function scanBlock(
  block: Buffer,
  start: number,
  keep: number,
  externals: Readonly<Record<string, string>>,
  options: AnalyzeOptions,
  reader: ContentReader,
  merged: MergedHits,
  coverage: CoverageNote[],
  state: { droppedNoted: boolean },
): boolean {
  try {
    const outcome = options.rules.scan(block, externals)
    if (outcome.droppedExternals.length > 0 && !state.droppedNoted) {
      state.droppedNoted = true
      coverage.push({
        reason: 'externals-incomplete',
        detail: `left empty because yara-x would read them as numbers or booleans: ${outcome.droppedExternals.join(', ')}`,
      })
    }
    const hits = toRuleHits(
      ownedMatches(outcome.matches, keep),
      block,
      options.limits.excerptBytes,
      (offset) => reader.imageOffset(start + offset),
    )
    merged.add(hits, start)
    return true
  } catch (error: unknown) {
    const where = `the block at bytes ${start}–${start + block.length} (with its overlap)`
    coverage.push(engineFailureNote(error, options.limits, where))
    return false
  }
}

/**
 * Matches starting in the overlap belong to the next block: drop them, and drop a rule left
 * with none (a rule that matched without any pattern match stays).
 */
function ownedMatches(matches: readonly BindingRuleMatch[], owned: number): BindingRuleMatch[] {
  const out: BindingRuleMatch[] = []
  for (const rule of matches) {
    if (rule.matches.length === 0) {
      out.push(rule)
      continue
    }
    const kept = rule.matches.filter((m) => m.offset < owned)
    if (kept.length > 0) out.push({ ...rule, matches: kept })
  }
  return out
}

/** Hits merged per rule across blocks: matches in file order, at most `cap` per identifier. */
class MergedHits {
  private readonly rules = new Map<
    string,
    { hit: Omit<RuleHit, 'matches'>; matches: PatternMatch[]; counts: Map<string, number> }
  >()

  constructor(private readonly cap: number) {}

  /** Add one block's hits; `start` is the block's offset in the content. */
  add(hits: readonly RuleHit[], start: number): void {
    for (const hit of hits) {
      const key = `${hit.namespace}\u0000${hit.rule}`
      let entry = this.rules.get(key)
      if (entry === undefined) {
        const { namespace, rule, tags, meta } = hit
        entry = { hit: { namespace, rule, tags, meta }, matches: [], counts: new Map() }
        this.rules.set(key, entry)
      }
      // Blocks come in order and a block keeps only matches in its owned bytes, so sorting
      // each block's matches keeps the whole list in file order.
      for (const m of [...hit.matches].sort((a, b) => a.offset - b.offset)) {
        const count = entry.counts.get(m.identifier) ?? 0
        if (count >= this.cap) continue
        entry.counts.set(m.identifier, count + 1)
        entry.matches.push({ ...m, offset: start + m.offset })
      }
    }
  }

  hits(): RuleHit[] {
    return [...this.rules.values()].map(({ hit, matches }) => ({ ...hit, matches }))
  }
}
