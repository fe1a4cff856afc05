/**
 * A small markdown subset for notes, parsed into a tree of plain data (never HTML):
 * paragraphs with line breaks, `#` headings, fenced code, `-`/`*` and `1.` lists, `>` quotes,
 * and inline `**bold**`, `*italic*`, `` `code` `` and `[text](url)`. Anything else is text.
 */

/** An inline piece of a line. */
export type MdInline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'strong' | 'em'; readonly children: readonly MdInline[] }
  | { readonly kind: 'link'; readonly children: readonly MdInline[]; readonly url: string }

/** One line of a block, as inline pieces. */
export type MdLine = readonly MdInline[]

/** A block of a note. */
export type MdBlock =
  | { readonly kind: 'paragraph' | 'heading'; readonly lines: readonly MdLine[] }
  | { readonly kind: 'code'; readonly lines: readonly string[] }
  | { readonly kind: 'list'; readonly start: number | null; readonly items: readonly MdLine[][] }
  | { readonly kind: 'quote'; readonly blocks: readonly MdBlock[] }

// Deeper quotes and emphasis are shown as text: a hostile note cannot blow the stack.
const MAX_QUOTE_DEPTH = 4
const MAX_INLINE_DEPTH = 6

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const HEADING = /^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/
const ORDERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/
const QUOTE = /^ {0,3}>[ ]?(.*)$/
const CONTINUATION = /^ {2,}\S/

/** Parse a note into blocks. */
export function parseMarkdown(source: string): MdBlock[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'), 0)
}

function parseBlocks(lines: readonly string[], depth: number): MdBlock[] {
  const blocks: MdBlock[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i] ?? ''
    if (line.trim() === '') {
      i += 1
      continue
    }
    const fence = FENCE.exec(line)
    if (fence?.[1] !== undefined) {
      const close = lines.findIndex((l, j) => j > i && l.trim().startsWith(fence[1] ?? ''))
      const end = close === -1 ? lines.length : close
      blocks.push({ kind: 'code', lines: lines.slice(i + 1, end) })
      i = end + 1
      continue
    }
    const heading = HEADING.exec(line)
    if (heading !== null) {
      blocks.push({ kind: 'heading', lines: [parseInline(heading[1] ?? '')] })
      i += 1
      continue
    }
    if (depth < MAX_QUOTE_DEPTH && QUOTE.test(line)) {
      const inner: string[] = []
      for (; i < lines.length && QUOTE.test(lines[i] ?? ''); i += 1) {
        inner.push(QUOTE.exec(lines[i] ?? '')?.[1] ?? '')
      }
      blocks.push({ kind: 'quote', blocks: parseBlocks(inner, depth + 1) })
      continue
    }
    if (BULLET.test(line) || ORDERED.test(line)) {
      i = parseList(lines, i, blocks)
      continue
    }
    const paragraph: MdLine[] = []
    for (; i < lines.length && !startsBlock(lines[i] ?? '', depth); i += 1) {
      paragraph.push(parseInline((lines[i] ?? '').trim()))
    }
    blocks.push({ kind: 'paragraph', lines: paragraph })
  }
  return blocks
}

function startsBlock(line: string, depth: number): boolean {
  return (
    line.trim() === '' ||
    FENCE.test(line) ||
    HEADING.test(line) ||
    (depth < MAX_QUOTE_DEPTH && QUOTE.test(line)) ||
    BULLET.test(line) ||
    ORDERED.test(line)
  )
}

/** One list (bullets or numbers, whichever its first line is); returns the next line index. */
function parseList(lines: readonly string[], from: number, blocks: MdBlock[]): number {
  const first = lines[from] ?? ''
  const ordered = ORDERED.exec(first)
  const pattern = ordered === null ? BULLET : ORDERED
  const items: MdLine[][] = []
  let i = from
  while (i < lines.length) {
    const match = pattern.exec(lines[i] ?? '')
    if (match === null) break
    const item: MdLine[] = [parseInline(match[ordered === null ? 1 : 2] ?? '')]
    i += 1
    // Indented lines below an item continue it (a line break inside the item).
    for (; i < lines.length && CONTINUATION.test(lines[i] ?? ''); i += 1) {
      item.push(parseInline((lines[i] ?? '').trim()))
    }
    items.push(item)
  }
  blocks.push({ kind: 'list', start: ordered === null ? null : Number(ordered[1]), items })
  return i
}

/** Parse one line's inline markup. */
export function parseInline(text: string, depth = 0): MdInline[] {
  const out: MdInline[] = []
  let plain = ''
  const flush = () => {
    if (plain !== '') out.push({ kind: 'text', text: plain })
    plain = ''
  }
  const stars = isolatedStars(text)
  let i = 0
  while (i < text.length) {
    const found = depth < MAX_INLINE_DEPTH ? inlineAt(text, i, depth, stars) : null
    if (found === null) {
      const ch = text[i] ?? ''
      // A backslash makes the next punctuation literal: \*not italic\*.
      if (ch === '\\' && /[\\`*_[\]()#>!-]/.test(text[i + 1] ?? '')) {
        plain += text[i + 1] ?? ''
        i += 2
      } else {
        plain += ch
        i += 1
      }
      continue
    }
    flush()
    out.push(found.node)
    i = found.end
  }
  flush()
  return out
}

function inlineAt(
  text: string,
  i: number,
  depth: number,
  stars: readonly number[],
): { node: MdInline; end: number } | null {
  const ch = text[i]
  if (ch === '`') {
    const close = text.indexOf('`', i + 1)
    if (close === -1) return null
    return { node: { kind: 'code', text: text.slice(i + 1, close) }, end: close + 1 }
  }
  if (ch === '*' && text[i + 1] === '*') {
    const close = text.indexOf('**', i + 2)
    if (close <= i + 2) return null
    const children = parseInline(text.slice(i + 2, close), depth + 1)
    return { node: { kind: 'strong', children }, end: close + 2 }
  }
  if (ch === '*' && text[i + 1] !== ' ' && text[i + 1] !== '*') {
    const close = firstAfter(stars, i + 1)
    if (close === -1) return null
    const children = parseInline(text.slice(i + 1, close), depth + 1)
    return { node: { kind: 'em', children }, end: close + 1 }
  }
  if (ch === '[') return linkAt(text, i, depth)
  return null
}

/**
 * Positions of the `*` that stand alone (not next to another `*`): the closers of `*italic*`.
 * Found once per text, so a line of 10,000 stars stays linear.
 */
function isolatedStars(text: string): number[] {
  const found: number[] = []
  for (let j = text.indexOf('*'); j !== -1; j = text.indexOf('*', j + 1)) {
    if (text[j - 1] !== '*' && text[j + 1] !== '*') found.push(j)
  }
  return found
}

/** The first of the sorted `positions` at or after `from`, or -1 (binary search). */
function firstAfter(positions: readonly number[], from: number): number {
  let low = 0
  let high = positions.length
  while (low < high) {
    const mid = (low + high) >> 1
    if ((positions[mid] ?? 0) < from) low = mid + 1
    else high = mid
  }
  return positions[low] ?? -1
}

/** `[text](url)`, the url's parentheses balanced (`javascript:alert(1)` stays whole). */
function linkAt(text: string, i: number, depth: number): { node: MdInline; end: number } | null {
  const close = text.indexOf('](', i + 1)
  if (close === -1) return null
  let level = 0
  // A url longer than 2,048 characters is not a link: the text stays text.
  for (let j = close + 1; j < Math.min(text.length, close + 2050); j += 1) {
    if (text[j] === '(') level += 1
    if (text[j] === ')') level -= 1
    if (level === 0) {
      const children = parseInline(text.slice(i + 1, close), depth + 1)
      return { node: { kind: 'link', children, url: text.slice(close + 2, j) }, end: j + 1 }
    }
  }
  return null
}
