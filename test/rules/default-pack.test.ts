import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileSources } from '../../main/core/engine/yara-engine'
import type { CompiledRules } from '../../main/core/engine/yara-engine'
import type { RuleDiagnostic } from '../../main/core/model/rules'
import { loadRulePack } from '../../main/core/rules/load-pack'
import type { LoadedPack } from '../../main/core/rules/load-pack'
import { parseYaraSource } from '../../main/core/rules/yara-source-parser'
import { buildPlantedSamples, writeSampleEvidence } from '../../main/core/sample/planted-samples'
import type { PlantedSample } from '../../main/core/sample/planted-samples'

const samples = buildPlantedSamples()
const positives = samples.filter((s) => s.expect !== null)
const negatives = samples.filter((s) => s.expect === null)

let pack: LoadedPack
let compiled: CompiledRules
let diagnostics: RuleDiagnostic[]

beforeAll(async () => {
  pack = await loadRulePack('rules', 'bundled')
  const sources = await Promise.all(
    pack.sources.map(async (source) => ({
      namespace: source.namespace,
      source: await readFile(source.path, 'utf8'),
      displayName: source.displayName,
    })),
  )
  ;({ rules: compiled, diagnostics } = compileSources(sources))
  compiled.configure({ timeoutMs: 5_000, matchCapPerPattern: 100 })
})

/** The externals the scanner would pass for a file at `relPath` (LOKI semantics). */
function externalsFor(sample: PlantedSample): Record<string, string> {
  const filename = posix.basename(sample.relPath)
  const dot = filename.lastIndexOf('.')
  return {
    filename,
    filepath: posix.dirname(sample.relPath),
    extension: dot > 0 ? filename.slice(dot).toLowerCase() : '',
    filetype: '',
    owner: '',
    md5: createHash('md5').update(sample.content).digest('hex'),
  }
}

function scan(sample: PlantedSample) {
  return compiled.scan(sample.content, externalsFor(sample)).matches
}

describe('the default rule pack', () => {
  it('loads as outpost-default 1.0.0 with at least 15 rules in its own namespace', () => {
    expect(pack.summary).toMatchObject({ name: 'outpost-default', version: '1.0.0' })
    expect(pack.namespace).toBe('outpost_default')
    expect(pack.rules.length).toBeGreaterThanOrEqual(15)
  })

  it('compiles without errors or warnings', () => {
    expect(diagnostics).toEqual([])
  })

  it('gives every rule complete meta and a unique stable id', () => {
    for (const rule of pack.rules) {
      expect(rule.id, rule.name).toMatch(/^OUTPOST-\d{4}-\d{4}$/)
      expect(rule.meta.id, rule.name).toBe(rule.id)
      expect(rule.meta.author, rule.name).toEqual(expect.any(String))
      expect(rule.meta.description, rule.name).toMatch(/^Detects .{50,}/)
      expect(rule.meta.date, rule.name).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(rule.meta.score, rule.name).toBe(rule.score)
      expect(Number.isInteger(rule.score) && rule.score >= 0 && rule.score <= 100).toBe(true)
    }
    expect(new Set(pack.rules.map((r) => r.id)).size).toBe(pack.rules.length)
  })

  it('has a planted positive and a near-miss negative for every rule', () => {
    for (const rule of pack.rules) {
      expect(
        positives.some((s) => s.rule === rule.name),
        `${rule.name} positive`,
      ).toBe(true)
      expect(
        negatives.some((s) => s.rule === rule.name),
        `${rule.name} negative`,
      ).toBe(true)
    }
    const names = new Set(pack.rules.map((r) => r.name))
    expect(samples.filter((s) => !names.has(s.rule)).map((s) => s.relPath)).toEqual([])
  })

  it.each(positives.map((s) => [s.relPath, s] as const))('matches positive %s', (_, sample) => {
    const expected = sample.expect!
    const hit = scan(sample).find(
      (m) => m.ruleIdentifier === expected.rule && m.namespace === pack.namespace,
    )
    expect(hit, `${expected.rule} did not match`).toBeDefined()
    const at = hit!.matches.filter((m) => m.identifier === expected.identifier).map((m) => m.offset)
    expect(at).toContain(expected.offset)
  })

  it.each(negatives.map((s) => [s.relPath, s] as const))('matches nothing in %s', (_, sample) => {
    expect(scan(sample).map((m) => m.ruleIdentifier)).toEqual([])
  })

  // yara-x 1.20 (inside binding 0.7.2) can drop the matches of a pattern two rules share when
  // the first rule fails (VirusTotal/yara-x#762): our rules must not share one.
  it('never defines the same pattern in two rules', async () => {
    const owners = new Map<string, string>()
    const shared: string[] = []
    for (const source of pack.sources) {
      const parsed = parseYaraSource(await readFile(source.path, 'utf8'), source.displayName)
      for (const rule of parsed.rules) {
        for (const pattern of rule.patterns) {
          const owner = owners.get(pattern.key)
          if (owner !== undefined && owner !== rule.name)
            shared.push(`${owner} / ${rule.name}: ${pattern.key}`)
          owners.set(pattern.key, rule.name)
        }
      }
    }
    expect(shared).toEqual([])
  })

  it('gives every rule the same verdict on every sample alone as inside the pack', async () => {
    const differences: string[] = []
    for (const source of pack.sources) {
      const text = await readFile(source.path, 'utf8')
      for (const rule of parseYaraSource(text, source.displayName).rules) {
        const alone = compileSources([
          { namespace: pack.namespace, source: rule.text, displayName: source.displayName },
        ]).rules
        for (const sample of samples) {
          const inPack = scan(sample).some((m) => m.ruleIdentifier === rule.name)
          const byItself = alone.scan(sample.content, externalsFor(sample)).matches.length > 0
          if (inPack !== byItself) differences.push(`${rule.name} on ${sample.relPath}`)
        }
      }
    }
    expect(differences).toEqual([])
  })
})

describe('writeSampleEvidence', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outpost-sample-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes every sample as a file of an evidence tree', async () => {
    const counts = await writeSampleEvidence(dir)
    const written = await readdir(dir, { recursive: true, withFileTypes: true })
    expect(counts).toEqual({ positives: positives.length, negatives: negatives.length })
    expect(written.filter((e) => e.isFile())).toHaveLength(samples.length)
    const first = samples[0]!
    expect(await readFile(join(dir, first.relPath))).toEqual(first.content)
  })
})
