import { describe, expect, it } from 'vitest'
import { FILE_EXTERNALS, validateSource } from '../../../main/core/engine/yara-engine'
import { blankRules } from '../../../main/core/rules/drop-rules'
import { validateRuleFiles } from '../../../main/core/rules/validate-pack'
import type { RuleFileSource } from '../../../main/core/rules/validate-pack'
import { parseYaraSource } from '../../../main/core/rules/yara-source-parser'

const GOOD_BAD_GOOD = `rule Good_One
{
    strings:
        $a = "good-one-marker"
    condition:
        $a
}

rule Bad_Regex
{
    strings:
        $r = /unclosed(/
    condition:
        $r
}

rule Good_Two
{
    strings:
        $b = "good-two-marker"
    condition:
        $b and filesize < 10MB
}
`

const DEPENDENTS = `private rule Helper
{
    strings:
        $r = /also(unclosed/
    condition:
        $r
}

rule Uses_Helper
{
    condition:
        Helper
}

rule Uses_User
{
    condition:
        Uses_Helper or filesize == 0
}

rule Independent
{
    strings:
        $c = "independent-marker"
    condition:
        $c
}
`

function validate(files: Record<string, string>, dropInvalid = true) {
  const sources: RuleFileSource[] = Object.entries(files).map(([path, text]) => ({ path, text }))
  return validateRuleFiles(sources, { namespace: 'testpack', dropInvalid })
}

function errorsOf(file: RuleFileSource) {
  const diagnostics = validateSource(
    { namespace: 'testpack', source: file.text, displayName: file.path },
    FILE_EXTERNALS,
  )
  return diagnostics.filter((d) => d.severity === 'error')
}

describe('validating a rule folder', () => {
  it('reports every error with file, line, column, code and rule when not dropping', () => {
    const result = validate({ 'mixed.yar': GOOD_BAD_GOOD }, false)

    expect(result.errorCount).toBe(1)
    expect(result.dropped).toEqual([])
    expect(result.files[0]?.text).toBe(GOOD_BAD_GOOD)
    const error = result.diagnostics.find((d) => d.severity === 'error')
    expect(error).toMatchObject({ file: 'mixed.yar', line: 12, code: 'E014', rule: 'Bad_Regex' })
    expect(error?.column).toBeGreaterThan(10)
  })

  it('drops only the failing rule, keeps the others, and the rest compiles', () => {
    const result = validate({
      'mixed.yar': GOOD_BAD_GOOD,
      'clean.yar': 'rule Clean { strings: $x = "clean-x" condition: $x }\n',
    })

    expect(result.errorCount).toBe(0)
    expect(result.dropped).toEqual([
      {
        file: 'mixed.yar',
        rule: 'Bad_Regex',
        line: 9,
        code: 'E014',
        reason: 'invalid regular expression',
      },
    ])
    expect(result.ruleCount).toBe(3)
    const kept = result.files.find((f) => f.path === 'mixed.yar')!
    expect(errorsOf(kept)).toEqual([])
    expect(parseYaraSource(kept.text).rules.map((r) => r.name)).toEqual(['Good_One', 'Good_Two'])
  })

  it('keeps line numbers: what stays is where it was in the original file', () => {
    const result = validate({ 'mixed.yar': GOOD_BAD_GOOD })
    const kept = result.files[0]!.text

    expect(kept.length).toBe(GOOD_BAD_GOOD.length)
    expect(kept.split('\n')).toHaveLength(GOOD_BAD_GOOD.split('\n').length)
    const before = parseYaraSource(GOOD_BAD_GOOD).rules.find((r) => r.name === 'Good_Two')!
    const after = parseYaraSource(kept).rules.find((r) => r.name === 'Good_Two')!
    expect([after.startLine, after.endLine, after.start]).toEqual([
      before.startLine,
      before.endLine,
      before.start,
    ])
    expect(kept.split('\n')[11]).toMatch(/^\s*$/)
  })

  it('drops the rules that depend on a dropped private rule, saying which', () => {
    const result = validate({ 'deps.yar': DEPENDENTS })

    expect(result.dropped.map((d) => [d.rule, d.reason])).toEqual([
      ['Helper', 'invalid regular expression'],
      ['Uses_Helper', 'depends on dropped rule Helper'],
      ['Uses_User', 'depends on dropped rule Uses_Helper'],
    ])
    expect(result.ruleCount).toBe(1)
    expect(errorsOf(result.files[0]!)).toEqual([])
  })

  it('drops a whole file that includes another, and keeps the other files', () => {
    const result = validate({
      'index.yar': 'include "other.yar"\n\nrule In_Index { condition: filesize == 1 }\n',
      'other.yar': 'rule Other { strings: $o = "other-marker" condition: $o }\n',
    })

    expect(result.dropped).toEqual([
      {
        file: 'index.yar',
        rule: null,
        line: 1,
        code: 'E044',
        reason: 'include statements not allowed',
      },
    ])
    expect(result.files.map((f) => f.path)).toEqual(['other.yar'])
    expect(result.ruleCount).toBe(1)
  })

  it('drops a whole file with a syntax error outside any rule, or an unknown module', () => {
    const result = validate({
      'stray.yar': 'rule Fine { condition: filesize == 2 }\n\nthis is not yara\n',
      'module.yar': 'import "androguard"\n\nrule Apk { condition: androguard.package_name("x") }\n',
      'ok.yar': 'rule Ok { condition: filesize == 3 }\n',
    })

    const whole = result.dropped.map((d) => [d.file, d.rule, d.code])
    expect(whole).toEqual([
      ['stray.yar', null, 'E001'],
      ['module.yar', null, 'E010'],
    ])
    expect(result.dropped[1]?.reason).toMatch(/unknown module `androguard`/)
    expect(result.files.map((f) => f.path)).toEqual(['ok.yar'])
  })

  it('reports warnings (and keeps the rules that only warn)', () => {
    const result = validate({ 'warn.yar': 'rule Always\n{\n    condition:\n        true\n}\n' })

    expect(result.dropped).toEqual([])
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 4,
        code: 'invariant_expr',
        rule: 'Always',
      }),
    ])
  })

  it('treats a rule defined again in a later file as an error, dropping it and its dependents', () => {
    const files = {
      'a.yar': 'rule Twice { strings: $a = "twice-a" condition: $a }\n',
      'b.yar':
        'rule Twice { strings: $b = "twice-b" condition: $b }\nrule Needs_Twice { condition: Twice }\nrule Alone { condition: filesize == 4 }\n',
    }
    const checked = validate(files, false)
    const dropped = validate(files)

    expect(checked.errorCount).toBe(1)
    expect(checked.diagnostics[0]).toMatchObject({ file: 'b.yar', line: 1, code: 'duplicate-rule' })
    expect(dropped.dropped.map((d) => [d.file, d.rule, d.code])).toEqual([
      ['b.yar', 'Twice', 'duplicate-rule'],
      ['b.yar', 'Needs_Twice', 'depends-on'],
    ])
    expect(dropped.ruleCount).toBe(2)
  })
})

describe('blanking rules out of a source', () => {
  it('keeps length and every line break, and only the named rules go', () => {
    const source =
      'rule A { condition: filesize == 1 } rule B\n{\n condition: filesize == 2\n}\nrule C { condition: filesize == 3 }\n'
    const rules = parseYaraSource(source).rules
    const blanked = blankRules(
      source,
      rules.filter((r) => r.name === 'B'),
    )

    expect(blanked.length).toBe(source.length)
    expect(blanked.split('\n').length).toBe(source.split('\n').length)
    expect(parseYaraSource(blanked).rules.map((r) => [r.name, r.startLine])).toEqual([
      ['A', 1],
      ['C', 5],
    ])
  })
})
