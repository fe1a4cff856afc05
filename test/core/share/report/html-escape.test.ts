import { describe, expect, it } from 'vitest'
import type { SafeHtml } from '../../../../main/core/share/report/html-escape'
import {
  escapeHtml,
  html,
  isSafeHtml,
  joinHtml,
  multilineText,
} from '../../../../main/core/share/report/html-escape'

describe('escapeHtml', () => {
  it.each([
    ['plain text', 'plain text'],
    [
      `<a href="x" title='y'>&</a>`,
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    ],
    ['bell\u0007', 'bell\\x07'],
    ['new\nline\ttab', 'new\\x0aline\\x09tab'],
    ['del\u007f c1\u0085', 'del\\x7f c1\\x85'],
    ['rlo\u202Egnp.exe', 'rlo\\u202egnp.exe'],
    ['zw\u200Bsp bom\uFEFF', 'zw\\u200bsp bom\\ufeff'],
    ['lone \ud800 high', 'lone \ufffd high'],
    ['lone \udc00 low', 'lone \ufffd low'],
    ['pair \u{1F600} ok', 'pair \u{1F600} ok'],
    ['é ñ 中文', 'é ñ 中文'],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected)
  })
})

describe('html', () => {
  it('escapes interpolated strings and numbers, keeps its own markup', () => {
    const name = '<img src=x onerror=alert(1)>'
    const inner = html`<b>${name}</b>`
    expect(html`<p>${inner} ${42} ${null}${undefined}</p>`.markup).toBe(
      '<p><b>&lt;img src=x onerror=alert(1)&gt;</b> 42 </p>',
    )
  })

  it('renders arrays item by item', () => {
    const items = ['<a>', html`<i>ok</i>`, ['&', 1]]
    expect(html`${items}`.markup).toBe('&lt;a&gt;<i>ok</i>&amp;1')
  })

  it('does not trust a look-alike object', () => {
    const forged = { markup: '<script>alert(1)</script>' } as unknown as SafeHtml
    expect(isSafeHtml(forged)).toBe(false)
    expect(html`${forged}`.markup).not.toContain('<script>')
    expect(isSafeHtml(html`x`)).toBe(true)
  })

  it('keeps line breaks in multiline text and escapes the rest', () => {
    expect(multilineText('a<b>\r\nc\rd\ne\u0001').markup).toBe('a&lt;b&gt;\nc\nd\ne\\x01')
  })

  it('joins fragments with an escaped separator', () => {
    expect(joinHtml(['<x>', html`<y />`], ' & ').markup).toBe('&lt;x&gt; &amp; <y />')
  })
})
