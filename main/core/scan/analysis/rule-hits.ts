import type { BindingRuleMatch } from '../../engine/yara-binding'
import type { RuleHit } from '../child/protocol'

/**
 * Turn the engine's matches into ours, re-reading each match's first bytes from the content by
 * offset and length: the binding's own `data` is lossy UTF-8 (binary bytes become U+FFFD).
 */
export function toRuleHits(
  matches: readonly BindingRuleMatch[],
  content: Buffer,
  excerptBytes: number,
  imageOffset: (offset: number) => number | null = () => null,
): RuleHit[] {
  return matches.map((match) => ({
    namespace: match.namespace,
    rule: match.ruleIdentifier,
    tags: [...match.tags],
    meta: plainMeta(match.meta),
    matches: match.matches.map((m) => ({
      identifier: m.identifier,
      offset: m.offset,
      length: m.length,
      excerptHex: content
        .subarray(m.offset, m.offset + Math.min(m.length, excerptBytes))
        .toString('hex'),
      imageOffset: imageOffset(m.offset),
    })),
  }))
}

function plainMeta(meta: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = Object.create(null) as Record<
    string,
    string | number | boolean
  >
  for (const [key, value] of Object.entries(meta)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[key] = value
    else out[key] = JSON.stringify(value)
  }
  return out
}
