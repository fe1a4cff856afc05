import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../main/cli/exit-codes'
import { buildPlantedSamples } from '../../main/core/sample/planted-samples'
import { tempDir } from '../helpers/temp-dir'
import { cli } from './cli-harness'

interface JsonFinding {
  readonly rule: string
  readonly path: string
  readonly pack: string
  readonly matches: readonly { readonly identifier: string; readonly offset: number }[]
}

describe('outpost sample + scan with the default rule pack', () => {
  it('finds every planted positive with the right rule, path and offset, and nothing on the negatives', async () => {
    const dir = tempDir()
    const evidence = join(dir, 'sample-evidence')
    const casePath = join(dir, 'sample.outpost')
    const sample = await cli(['sample', evidence])
    expect(sample.code).toBe(EXIT.OK)

    const scan = await cli(['scan', evidence, '--case', casePath])
    expect(scan.stderr).toBe('')
    expect(scan.code).toBe(EXIT.FINDINGS)

    const listed = await cli(['findings', '--case', casePath, '--json'])
    const findings = JSON.parse(listed.stdout) as JsonFinding[]
    const planted = buildPlantedSamples()
    const positives = planted.filter((s) => s.expect !== null)
    expect(findings.map((f) => `${f.path} ${f.rule}`).sort()).toEqual(
      positives.map((s) => `${s.relPath} ${s.expect!.rule}`).sort(),
    )
    for (const sample of positives) {
      const finding = findings.find((f) => f.path === sample.relPath)!
      expect(finding.pack).toBe('outpost-default@1.0.0')
      expect(finding.matches, sample.relPath).toContainEqual(
        expect.objectContaining({
          identifier: sample.expect!.identifier,
          offset: sample.expect!.offset,
        }),
      )
    }
    const negatives = new Set(planted.filter((s) => s.expect === null).map((s) => s.relPath))
    expect(findings.filter((f) => negatives.has(f.path))).toEqual([])
  })
})
