import { readFileSync } from 'node:fs'
import { basename, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileSources, FILE_EXTERNALS, validateSource } from '../../main/core/engine/yara-engine'
import { buildPlantedSamples } from '../../main/core/sample/planted-samples'
import { parseYaraSource } from '../../main/core/rules/yara-source-parser'
import { planSharedPatternWorkaround } from '../../main/core/engine/shared-pattern-workaround'
import { requireCorpus, ruleFiles } from './corpus-paths'

/**
 * Real-world rule sets (test data only, never copied into the project) through our engine
 * module and our parser, with the per-file externals LOKI/THOR rule sets expect.
 */
const SETS = [
  { name: 'signature-base', dir: 'rules/signature-base/yara', files: 741, mustAllCompile: true },
  { name: 'reversinglabs', dir: 'rules/reversinglabs', files: 274, mustAllCompile: true },
  { name: 'elastic', dir: 'rules/elastic/yara', files: 1040, mustAllCompile: true },
  { name: 'yara-rules', dir: 'rules/yara-rules', files: 0, mustAllCompile: false },
] as const

/** Files of Yara-Rules that only `include` others (includes are never followed). */
const isIndexFile = (path: string): boolean => /_index\.yar$|\/index(_w_mobile)?\.yar$/.test(path)

function sourcesOf(set: (typeof SETS)[number]) {
  const dir = requireCorpus(set.dir)
  return ruleFiles(dir)
    .filter((f) => !isIndexFile(f))
    .map((f) => ({
      path: f,
      displayName: relative(dir, f),
      namespace: set.name.replace(/-/g, '_'),
      source: readFileSync(f, 'utf8'),
    }))
}

describe('real-world rule sets through the engine module', () => {
  for (const set of SETS.filter((s) => s.mustAllCompile)) {
    it(`${set.name}: every file compiles with the declared externals`, () => {
      const sources = sourcesOf(set)
      expect(sources).toHaveLength(set.files)
      const errors = sources.flatMap((s) =>
        validateSource(s, FILE_EXTERNALS).filter((d) => d.severity === 'error'),
      )
      expect(errors).toEqual([])
    })
  }

  it('yara-rules: only the known incompatibilities fail, each for its known reason', () => {
    const failing = sourcesOf(SETS[3])
      .map((s) => ({
        file: s.displayName,
        first: validateSource(s, FILE_EXTERNALS).find((d) => d.severity === 'error'),
      }))
      .filter((r) => r.first !== undefined)
    const reasonOf = (message: string, code: string): string =>
      /androguard/.test(message)
        ? 'needs the androguard module (no yara-x build has it)'
        : /unknown identifier `is__elf`/.test(message)
          ? 'uses rule is__elf from another file (compiled per file, without the index include)'
          : code === 'E014'
            ? 'a regular expression yara-x rejects'
            : code === 'E002'
              ? 'a type error yara-x is stricter about'
              : `UNEXPECTED ${code}: ${message}`
    const byReason = new Map<string, number>()
    for (const f of failing) {
      const reason = reasonOf(f.first!.message, f.first!.code)
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1)
    }
    expect(Object.fromEntries(byReason)).toEqual({
      'needs the androguard module (no yara-x build has it)': 46,
      'uses rule is__elf from another file (compiled per file, without the index include)': 7,
      'a regular expression yara-x rejects': 3,
      'a type error yara-x is stricter about': 1,
    })
  })

  it('signature-base compiles as one set and scans the sample evidence with per-file externals', () => {
    const sources = sourcesOf(SETS[0])
    const { rules } = compileSources(sources)
    rules.configure({ timeoutMs: 10_000, matchCapPerPattern: 100 })
    let scanned = 0
    for (const sample of buildPlantedSamples()) {
      const name = basename(sample.relPath)
      const outcome = rules.scan(sample.content, {
        filename: name,
        filepath: `C:\\${sample.relPath.split('/').slice(0, -1).join('\\')}`,
        extension: name.includes('.') ? `.${name.split('.').pop()!.toLowerCase()}` : '',
        filetype: '',
        owner: 'alice',
        md5: '',
      })
      expect(outcome.droppedExternals).toEqual([])
      scanned += 1
    }
    expect(scanned).toBeGreaterThan(40)
  })
})

describe('our YARA parser on real-world rule sets', () => {
  for (const set of SETS.filter((s) => s.mustAllCompile)) {
    it(`${set.name}: every file the engine accepts parses without a diagnostic`, () => {
      const problems = sourcesOf(set).flatMap(
        (s) => parseYaraSource(s.source, s.displayName).diagnostics,
      )
      expect(problems).toEqual([])
    })
  }
})

describe('the yara-x 1.20 shared-pattern workaround on real rule sets', () => {
  it('rewrites every repeated text pattern of signature-base and Elastic, isolating the rest', () => {
    for (const set of [SETS[0], SETS[2]]) {
      const plan = planSharedPatternWorkaround(sourcesOf(set))
      // Measured by the tests' own parser: 2,805 repeats in signature-base, 1,015 in Elastic.
      expect(plan.rewritten, set.name).toBeGreaterThan(1000)
      expect(plan.residual, set.name).toEqual([])
      expect(plan.groups.length, set.name).toBeLessThanOrEqual(3)
      const { rules, workaround } = compileSources(sourcesOf(set))
      expect(workaround.rewritten).toBe(plan.rewritten)
      expect(rules.groupCount).toBe(plan.groups.length)
    }
  })

  it('leaves no text pattern shared between two rules of one compiled group', () => {
    const plan = planSharedPatternWorkaround(sourcesOf(SETS[0]))
    for (const group of plan.groups) {
      const owners = new Map<string, string>()
      for (const source of group) {
        for (const rule of parseYaraSource(source.source, source.displayName).rules) {
          for (const pattern of rule.patterns.filter((p) => p.kind === 'text')) {
            const owner = owners.get(pattern.key)
            expect(owner === undefined || owner === rule.name, `${rule.name} ${pattern.raw}`).toBe(
              true,
            )
            owners.set(pattern.key, rule.name)
          }
        }
      }
    }
  })
})
