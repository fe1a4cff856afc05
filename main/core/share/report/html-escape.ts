/**
 * HTML escaping for the report: one escaper and a tagged template that cannot forget it.
 *
 * Every value interpolated into {@link html} is escaped unless it is itself a {@link SafeHtml}
 * made by {@link html}; so markup comes only from template literals written in this code, and
 * evidence strings (file names, rule meta, notes) always arrive as text.
 */

/**
 * Markup made by {@link html}: trusted because every part of it was escaped or literal.
 *
 * Only this module can make one (the constructor is private to it in practice: the class is
 * checked by a private field, which a look-alike object cannot have); see {@link isSafeHtml}.
 */
export class SafeHtml {
  readonly #brand = true
  /** The markup text. */
  readonly markup: string

  private constructor(markup: string) {
    this.markup = markup
  }

  /** Module-internal factory; call sites use {@link html}. */
  static fromTrusted(markup: string, token: symbol): SafeHtml {
    if (token !== MAKER) throw new Error('SafeHtml is made only by html``')
    return new SafeHtml(markup)
  }

  /** True when `value` was made by this module (the private field cannot be forged). */
  static isBranded(value: unknown): value is SafeHtml {
    return typeof value === 'object' && value !== null && #brand in value
  }
}

/**
 * What {@link html} accepts between `${…}`.
 *
 * Strings and numbers are escaped; `null`/`undefined` render nothing; arrays render each item.
 */
export type HtmlValue = string | number | SafeHtml | null | undefined | readonly HtmlValue[]

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

// Only holders of this symbol can make SafeHtml: it never leaves the module.
const MAKER = Symbol('SafeHtml maker')

// A quick test (any surrogate counts) before the exact replace below, as most values need nothing.
const ESCAPE_TEST =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[&<>"'\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/

// C0/C1 controls, DEL, zero-width and bidi controls (they can disguise a file name: "exe.txt"
// reversed), line/paragraph separators, the BOM, and lone surrogates.
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[&<>"'\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

function replaceOne(char: string): string {
  const entity = ENTITIES[char]
  if (entity !== undefined) return entity
  const code = char.charCodeAt(0)
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd'
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`
}

/**
 * Escape text for HTML element content or a quoted attribute value.
 *
 * `& < > " '` become entities; control characters (newline and tab included), bidi and
 * zero-width controls become visible `\x01` / `\u202e` text, and lone surrogates become U+FFFD,
 * so nothing in an evidence string is ever emitted raw or invisibly.
 */
export function escapeHtml(text: string): string {
  // Most values need nothing: test first, replace only when something matches.
  return ESCAPE_TEST.test(text) ? text.replace(NEEDS_ESCAPE, replaceOne) : text
}

function wrap(markup: string): SafeHtml {
  return SafeHtml.fromTrusted(markup, MAKER)
}

/**
 * True when `value` is markup made by {@link html} (not merely shaped like it).
 *
 * Used by the template to decide between trusting and escaping.
 */
export function isSafeHtml(value: unknown): value is SafeHtml {
  return SafeHtml.isBranded(value)
}

function isHtmlArray(value: HtmlValue): value is readonly HtmlValue[] {
  return Array.isArray(value)
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return escapeHtml(value)
  // A number's text is digits, `.`, `-`, `e`, `+`, `Infinity` or `NaN`: nothing to escape.
  if (typeof value === 'number') return String(value)
  if (isSafeHtml(value)) return value.markup
  if (isHtmlArray(value)) {
    let out = ''
    for (const item of value) out += render(item)
    return out
  }
  // A forged object (cast past the types): show it as text, never as markup.
  return escapeHtml(String(value))
}

/**
 * Tagged template for report markup: `html\`<td>${name}</td>\``.
 *
 * The literal parts are trusted (they are this code's own markup); every interpolated value is
 * escaped with {@link escapeHtml} unless it is a {@link SafeHtml} returned by `html` itself.
 * Indentation after a line break in the literal parts is dropped (see `literalParts`).
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  const parts = literalParts(strings)
  let out = parts[0] ?? ''
  for (let i = 0; i < values.length; i += 1) {
    out += render(values[i]) + (parts[i + 1] ?? '')
  }
  return wrap(out)
}

// One entry per call site: a template's strings array is the same object on every call.
const trimmedLiterals = new WeakMap<TemplateStringsArray, readonly string[]>()

/**
 * The literal parts with the source indentation after each line break removed.
 *
 * Prettier formats `html` templates as HTML and indents them; those spaces would otherwise be
 * repeated in every finding of a 10,000-finding report. Removing indentation after a newline does
 * not change rendering outside `<pre>`, and Prettier never breaks lines inside `<pre>`.
 */
function literalParts(strings: TemplateStringsArray): readonly string[] {
  let parts = trimmedLiterals.get(strings)
  if (parts === undefined) {
    parts = strings.map((part) => part.replace(/\n[ \t]+/g, '\n'))
    trimmedLiterals.set(strings, parts)
  }
  return parts
}

/**
 * Plain text with its line breaks kept, as markup for a `white-space: pre-wrap` element.
 *
 * Each line is escaped like any other value (so a CR or another control character inside a line
 * is still shown visibly); CRLF, CR and LF all become one line break.
 */
export function multilineText(text: string): SafeHtml {
  return wrap(
    text
      .split(/\r\n|\r|\n/)
      .map((line) => escapeHtml(line))
      .join('\n'),
  )
}

/**
 * Join markup fragments with a separator, both escaped or trusted like {@link html} values.
 *
 * A convenience for lists: `joinHtml(names, ', ')`.
 */
export function joinHtml(items: readonly HtmlValue[], separator: HtmlValue): SafeHtml {
  return wrap(items.map((item) => render(item)).join(render(separator)))
}
