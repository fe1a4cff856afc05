import { describe, expect, it } from 'vitest'
import { tokenizeYara, tokensByLine } from '../../../../renderer/features/rules/rule-editor-tokens'
import type { TokenKind } from '../../../../renderer/features/rules/rule-editor-tokens'

const RULE = `import "pe"
// a comment
rule Demo : tag1
{
    meta:
        author = "ana"
        score = 75
    strings:
        $hex = { 4D 5A [2-4] ?? }
        $re = /ab+c/i
        $s = "say \\"hi\\"" wide
    condition:
        uint16(0) == 0x5A4D and filesize < 2MB and #s > 1 and $re /* note */
}
`

function kindsOf(source: string, kind: TokenKind): string[] {
  return tokenizeYara(source)
    .filter((t) => t.kind === kind)
    .map((t) => t.text)
}

describe('the highlight tokenizer', () => {
  it('gives the source back exactly', () => {
    for (const source of [
      RULE,
      '',
      'rule X { strings: $a = "unterminated\n condition: $a }',
      '/*',
    ]) {
      expect(
        tokenizeYara(source)
          .map((t) => t.text)
          .join(''),
      ).toBe(source)
    }
  })

  it('classifies keywords, strings, hex, regex, comments, meta keys, numbers, variables', () => {
    expect(kindsOf(RULE, 'keyword')).toEqual(
      expect.arrayContaining(['import', 'rule', 'meta', 'strings', 'condition', 'wide', 'and']),
    )
    expect(kindsOf(RULE, 'keyword')).not.toContain('Demo')
    expect(kindsOf(RULE, 'string')).toEqual(['"pe"', '"ana"', '"say \\"hi\\""'])
    expect(kindsOf(RULE, 'hex')).toEqual(['{ 4D 5A [2-4] ?? }'])
    expect(kindsOf(RULE, 'regex')).toEqual(['/ab+c/i'])
    expect(kindsOf(RULE, 'comment')).toEqual(['// a comment', '/* note */'])
    expect(kindsOf(RULE, 'meta-key')).toEqual(['author', 'score'])
    expect(kindsOf(RULE, 'number')).toEqual(['75', '0', '0x5A4D', '2MB', '1'])
    expect(kindsOf(RULE, 'variable')).toEqual(['$hex', '$re', '$s', '#s', '$re'])
  })

  it('does not take a division or a rule body for a regex or hex string', () => {
    expect(kindsOf('rule A { condition: filesize / 2 > 1 }', 'regex')).toEqual([])
    expect(kindsOf('rule A { condition: true }', 'hex')).toEqual([])
  })

  it('cuts tokens at line breaks, one list per line', () => {
    const lines = tokensByLine(tokenizeYara('/* a\nb */ rule'))
    expect(lines).toEqual([
      [{ kind: 'comment', text: '/* a' }],
      [
        { kind: 'comment', text: 'b */' },
        { kind: 'plain', text: ' ' },
        { kind: 'keyword', text: 'rule' },
      ],
    ])
  })
})
