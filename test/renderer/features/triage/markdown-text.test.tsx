import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { MarkdownText } from '../../../../renderer/features/triage/MarkdownText'
import { parseMarkdown } from '../../../../renderer/features/triage/markdown-parse'
import { expectInert, HOSTILE } from '../../hostile'

/** Elements the subset may create, and the only attributes they may carry. */
const SUBSET = new Set([
  'DIV',
  'P',
  'SPAN',
  'STRONG',
  'EM',
  'CODE',
  'PRE',
  'UL',
  'OL',
  'LI',
  'BLOCKQUOTE',
])
const ATTRIBUTES = new Set(['class', 'start'])

function shown(value: string) {
  return render(<MarkdownText value={value} />).container
}

function expectSubsetOnly(container: HTMLElement) {
  for (const element of container.querySelectorAll('*')) {
    expect(SUBSET.has(element.tagName), element.tagName).toBe(true)
    for (const attribute of element.attributes) expect(ATTRIBUTES.has(attribute.name)).toBe(true)
  }
}

describe('MarkdownText', () => {
  it('renders the subset: emphasis, code, lists, quotes, headings, fences, line breaks', () => {
    const c = shown(
      [
        '# Summary',
        'Seen **twice** on *this* host: `run.ps1`',
        'second line',
        '',
        '- one',
        '- two',
        '',
        '3. third',
        '4. fourth',
        '',
        '> quoted **text**',
        '',
        '```',
        'IEX (New-Object Net.WebClient)',
        '  indented',
        '```',
      ].join('\n'),
    )
    expect(c.querySelector('.md-heading strong')?.textContent).toBe('Summary')
    expect(c.querySelector('p.md-paragraph strong')?.textContent).toBe('twice')
    expect(c.querySelector('p.md-paragraph em')?.textContent).toBe('this')
    expect(c.querySelector('p.md-paragraph code')?.textContent).toBe('run.ps1')
    const lines = c.querySelectorAll('.markdown > p.md-paragraph .note-line')
    expect(Array.from(lines, (l) => l.textContent)).toEqual([
      'Seen twice on this host: run.ps1',
      'second line',
    ])
    expect(Array.from(c.querySelectorAll('ul li'), (li) => li.textContent)).toEqual(['one', 'two'])
    expect(c.querySelector('ol')?.getAttribute('start')).toBe('3')
    expect(Array.from(c.querySelectorAll('ol li'), (li) => li.textContent)).toEqual([
      'third',
      'fourth',
    ])
    expect(c.querySelector('blockquote strong')?.textContent).toBe('text')
    expect(c.querySelector('pre code')?.textContent).toBe(
      'IEX (New-Object Net.WebClient)\n  indented',
    )
    expectSubsetOnly(c)
  })

  it('shows a link as its text and url, never as a live link', () => {
    const c = shown('See [the report](https://intel.example/r?id=1) now')
    expect(c.querySelector('a')).toBeNull()
    expect(c.textContent).toBe('See the report (https://intel.example/r?id=1) now')
  })

  it('keeps markup inside code literal and honours backslash escapes', () => {
    const c = shown('`**not bold**` and \\*not italic\\*')
    expect(c.querySelector('strong,em')).toBeNull()
    expect(c.textContent).toBe('**not bold** and *not italic*')
  })

  it('shows HTML, script and javascript: payloads literally, creating no element of theirs', () => {
    const payloads = [
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '[x](javascript:alert(1))',
      '**<b>x</b>**',
    ]
    const c = shown(payloads.join('\n\n'))
    expectSubsetOnly(c)
    expect(c.querySelector('img,script,a,b')).toBeNull()
    const paragraphs = Array.from(c.querySelectorAll('p'), (p) => p.textContent)
    expect(paragraphs).toEqual([
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      'x (javascript:alert(1))',
      '<b>x</b>',
    ])
    expect(c.querySelector('strong')?.textContent).toBe('<b>x</b>')
  })

  it('renders the hostile payload set inert, escapes shown, in every construct', () => {
    const c = shown(
      [HOSTILE, `**${HOSTILE}**`, `- ${HOSTILE}`, `> ${HOSTILE}`, '```', HOSTILE, '```'].join('\n'),
    )
    expectInert(c)
    expectSubsetOnly(c)
  })

  it('parses pathological input fast and renders it shallow', () => {
    const hostile = [
      `${'>'.repeat(5000)} x`,
      '**'.repeat(5000),
      '*['.repeat(3000),
      '[](('.repeat(3000),
      '['.repeat(10000),
    ].join('\n')
    const started = performance.now()
    parseMarkdown(hostile)
    // Linear work takes milliseconds; a quadratic parser takes minutes on this input.
    expect(performance.now() - started).toBeLessThan(5_000)
    // jsdom is slow at building thousands of elements: render a shorter version.
    const c = shown(`${'>'.repeat(50)} x\n${'*['.repeat(100)}\n${'**'.repeat(100)}`)
    expect(c.querySelectorAll('blockquote').length).toBe(4)
    expectSubsetOnly(c)
  })
})
