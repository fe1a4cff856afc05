/**
 * A piece of display text: plain characters, or the escape standing for one invisible or
 * dangerous character.
 */
export interface TextSegment {
  readonly kind: 'plain' | 'escape'
  readonly text: string
}

/**
 * True for a code point that must never reach the screen raw.
 *
 * C0 and C1 controls and DEL; bidi embedding, override and isolate controls (an RLO in a file name
 * makes `exe.txt` look like `txt.exe`); invisible separators and joiners; line and paragraph
 * separators; lone surrogates; and the BOM.
 */
export function isHiddenCodePoint(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0xad ||
    cp === 0x34f ||
    cp === 0x61c ||
    (cp >= 0x115f && cp <= 0x1160) ||
    (cp >= 0x180b && cp <= 0x180e) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0x3164 ||
    (cp >= 0xd800 && cp <= 0xdfff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    (cp >= 0xfff0 && cp <= 0xfff8) ||
    (cp >= 0xe0000 && cp <= 0xe0fff)
  )
}

/**
 * The visible escape of one code point: `\xNN` below U+0100, `\uNNNN` in the BMP, `\u{NNNNN}`
 * above; hex digits upper-case.
 */
export function escapeCodePoint(cp: number): string {
  const hex = cp.toString(16).toUpperCase()
  if (cp < 0x100) return `\\x${hex.padStart(2, '0')}`
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`
  return `\\u{${hex}}`
}

/**
 * Split text into plain runs and escapes, so hostile strings (paths, rule meta) can be shown
 * with every control and bidi character visible as its escape and never rendered raw.
 */
export function escapeTextSegments(text: string): readonly TextSegment[] {
  const segments: TextSegment[] = []
  let runStart = 0
  let i = 0
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0
    const width = cp > 0xffff ? 2 : 1
    if (isHiddenCodePoint(cp)) {
      if (i > runStart) segments.push({ kind: 'plain', text: text.slice(runStart, i) })
      segments.push({ kind: 'escape', text: escapeCodePoint(cp) })
      runStart = i + width
    }
    i += width
  }
  if (text.length > runStart) segments.push({ kind: 'plain', text: text.slice(runStart) })
  return segments
}

/** The text with every hidden character replaced by its escape (see {@link escapeTextSegments}). */
export function escapeText(text: string): string {
  return escapeTextSegments(text)
    .map((s) => s.text)
    .join('')
}

/**
 * Shorten text to `max` UTF-16 units for a table cell, without splitting a surrogate pair.
 *
 * Returns the kept text and how many units were left out.
 */
export function truncateText(
  text: string,
  max: number,
): { readonly text: string; readonly omitted: number } {
  if (text.length <= max) return { text, omitted: 0 }
  let end = Math.max(0, max)
  const last = text.charCodeAt(end - 1)
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1
  return { text: text.slice(0, end), omitted: text.length - end }
}

/**
 * Hostile text made safe for an attribute (`title`, `aria-label`): cut to `max` units (an
 * ellipsis marks the cut) with every hidden character replaced by its escape.
 */
export function attributeText(text: string, max = 200): string {
  const { text: kept, omitted } = truncateText(text, max)
  return `${escapeText(kept)}${omitted > 0 ? '…' : ''}`
}
