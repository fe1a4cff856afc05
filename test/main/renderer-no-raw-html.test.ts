import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/launcher'

/**
 * Values from evidence, rules and partners reach the screen as text only: no renderer source
 * may parse a string as HTML or run one as script (security-checks D7). React's JSX text is
 * the only way in; this scan keeps it that way.
 */
const FORBIDDEN: readonly (readonly [RegExp, string])[] = [
  [/dangerouslySetInnerHTML/, 'dangerouslySetInnerHTML'],
  [/\binnerHTML\b/, 'innerHTML'],
  [/\bouterHTML\b/, 'outerHTML'],
  [/\binsertAdjacentHTML\b/, 'insertAdjacentHTML'],
  [/\bdocument\s*\.\s*write(ln)?\b/, 'document.write'],
  [/\bcreateContextualFragment\b/, 'createContextualFragment'],
  [/\bsetHTMLUnsafe\b/, 'setHTMLUnsafe'],
  [/\bsrcDoc\b/i, 'srcdoc'],
  [/\bnew\s+Function\s*\(/, 'new Function'],
  [/(^|[^.\w])eval\s*\(/, 'eval'],
]

/** Every source file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(tsx?|jsx?|mjs|html)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** `file:line: construct` for every forbidden construct in `text`. */
export function rawHtmlUses(file: string, text: string): string[] {
  const hits: string[] = []
  text.split('\n').forEach((line, i) => {
    for (const [pattern, name] of FORBIDDEN) {
      if (pattern.test(line)) hits.push(`${file}:${i + 1}: ${name}`)
    }
  })
  return hits
}

describe('the renderer never parses strings as HTML', () => {
  it('has no innerHTML, dangerouslySetInnerHTML, document.write or eval anywhere', () => {
    const files = sources(join(ROOT, 'renderer'))
    expect(files.length).toBeGreaterThan(50)
    const hits = files.flatMap((file) =>
      rawHtmlUses(relative(ROOT, file), readFileSync(file, 'utf8')),
    )
    expect(hits).toEqual([])
  })

  it('finds each construct when it is there', () => {
    const planted = [
      '<div dangerouslySetInnerHTML={{ __html: name }} />',
      'el.innerHTML = name',
      'el.outerHTML = name',
      "el.insertAdjacentHTML('beforeend', name)",
      'document.write(name)',
      'range.createContextualFragment(name)',
      'el.setHTMLUnsafe(name)',
      '<iframe srcDoc={name} />',
      "new Function('return 1')",
      'eval(name)',
    ]
    for (const line of planted) expect(rawHtmlUses('x.tsx', line), line).toHaveLength(1)
    expect(rawHtmlUses('x.tsx', 'const evaluate = retrieval(name); el.textContent = name')).toEqual(
      [],
    )
  })
})
