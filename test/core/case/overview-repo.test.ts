import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readOverview } from '../../../main/core/case/overview-repo'
import { caseScanner } from '../../helpers/case-scanner'
import { localPack } from '../../helpers/local-pack'
import { tempDir } from '../../helpers/temp-dir'

const RULES = {
  'home.yar': `
rule Loud_Marker { meta: score = 90 strings: $a = "LOUD-MARKER" condition: $a }
rule Quiet_Marker { meta: score = 30 strings: $a = "QUIET-MARKER" condition: $a }
rule Low_Marker { meta: score = 5 strings: $a = "LOW-MARKER" condition: $a }
`,
}

function evidenceFolder(): string {
  const root = join(tempDir(), 'evidence')
  mkdirSync(root, { recursive: true })
  writeFileSync(join(root, 'a.txt'), 'LOUD-MARKER and QUIET-MARKER')
  writeFileSync(join(root, 'b.txt'), 'LOUD-MARKER')
  writeFileSync(join(root, 'c.txt'), 'LOUD-MARKER LOW-MARKER')
  writeFileSync(join(root, 'clean.txt'), 'nothing here')
  return root
}

describe('readOverview', () => {
  it('is empty for a new case', async () => {
    const scanner = await caseScanner([])
    const overview = readOverview(scanner.handle.db)
    expect(overview).toEqual({
      evidence: [],
      scans: [],
      findings: {
        total: 0,
        scoreBands: [
          { min: 0, max: 24, count: 0 },
          { min: 25, max: 49, count: 0 },
          { min: 50, max: 74, count: 0 },
          { min: 75, max: 100, count: 0 },
        ],
        topRules: [],
        triage: { new: 0, 'needs-review': 0, confirmed: 0, 'false-positive': 0, benign: 0 },
      },
    })
  })

  it('counts a scanned case by score band, rule and triage status', async () => {
    const scanner = await caseScanner([evidenceFolder()])
    const pack = await localPack(RULES, 'home-pack')
    const summary = await scanner.scan([pack])
    const { db } = scanner.handle
    db.prepare(
      `UPDATE findings SET triage_status = 'confirmed'
       WHERE rule_pk = (SELECT id FROM rules WHERE name = 'Quiet_Marker')`,
    ).run()

    const overview = readOverview(db)

    expect(overview.evidence.map((e) => e.id)).toEqual([scanner.evidence[0]?.id])
    expect(overview.scans).toEqual([
      {
        id: summary.id,
        kind: 'scan',
        status: 'completed',
        startedAt: summary.startedAt,
        finishedAt: summary.finishedAt,
        packs: summary.packs,
        filesScanned: 4,
        coverageGaps: {},
        findingCount: 5,
      },
    ])
    expect(overview.findings.total).toBe(5)
    expect(overview.findings.scoreBands.map((b) => b.count)).toEqual([1, 1, 0, 3])
    expect(overview.findings.topRules.map((r) => [r.name, r.count, r.packName])).toEqual([
      ['Loud_Marker', 3, 'home-pack'],
      ['Low_Marker', 1, 'home-pack'],
      ['Quiet_Marker', 1, 'home-pack'],
    ])
    const loud = db.prepare("SELECT id FROM rules WHERE name = 'Loud_Marker'").get() as {
      id: number
    }
    expect(overview.findings.topRules[0]?.ruleIds).toEqual([loud.id])
    expect(overview.findings.triage).toEqual({
      new: 4,
      'needs-review': 0,
      confirmed: 1,
      'false-positive': 0,
      benign: 0,
    })
  })

  it('folds the versions of a rule into one bar across scans', async () => {
    const scanner = await caseScanner([evidenceFolder()])
    await scanner.scan([await localPack(RULES, 'home-pack')])
    const changed = { 'home.yar': `${RULES['home.yar']}\nrule Extra { condition: false }\n` }
    await scanner.scan([await localPack(changed, 'home-pack')])

    const overview = readOverview(scanner.handle.db)

    expect(overview.scans).toHaveLength(2)
    expect(overview.findings.total).toBe(10)
    const loud = overview.findings.topRules[0]
    expect(loud?.name).toBe('Loud_Marker')
    expect(loud?.count).toBe(6)
    expect(loud?.ruleIds).toHaveLength(2)
  })
})
