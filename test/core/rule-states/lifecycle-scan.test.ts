import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listAudit } from '../../../main/core/case/audit-log'
import { listFindings } from '../../../main/core/case/findings-repo'
import { setRuleState } from '../../../main/core/case/rule-states-repo'
import {
  addSuppressionFromFinding,
  exportCaseSuppressions,
} from '../../../main/core/case/suppressions-repo'
import type { FindingRow } from '../../../main/core/model/findings'
import { parseSuppressionsFile } from '../../../main/core/rules/suppressions-file'
import { caseScanner } from '../../helpers/case-scanner'
import { localPack } from '../../helpers/local-pack'
import { tempDir } from '../../helpers/temp-dir'

const rule = (name: string, id: string | null, text: string) =>
  `rule ${name} {\n  meta:\n${id === null ? '' : `    id = "${id}"\n`}    score = 70\n` +
  `  strings:\n    $a = "${text}"\n  condition:\n    $a\n}\n`

const PACK_V1 = {
  'rules.yar':
    rule('LC_Evil', 'LC-0001', 'EVILMARK') +
    rule('LC_Trial', null, 'TRIALMARK') +
    rule('LC_Noisy', 'LC-0003', 'NOISYMARK'),
}

function evidence(): string {
  const root = join(tempDir(), 'ev')
  mkdirSync(root)
  writeFileSync(join(root, 'known-good-tool.bin'), 'header EVILMARK benign tool v1')
  writeFileSync(join(root, 'dropper.bin'), 'other content EVILMARK dropper')
  writeFileSync(join(root, 'trial.txt'), 'a TRIALMARK line')
  writeFileSync(join(root, 'noisy.txt'), 'NOISYMARK everywhere')
  return root
}

const byPlace = (rows: readonly FindingRow[]) =>
  rows
    .map(
      (r) =>
        `${r.ruleName} ${r.path} ${r.triageStatus} ${r.ruleState ?? '-'} ${r.suppression === null ? '-' : 'suppressed'}`,
    )
    .sort()

function findings(db: Parameters<typeof listFindings>[0], scanId: number): FindingRow[] {
  return [...listFindings(db, { scanId, offset: 0, limit: 100, sort: 'id', direction: 'asc' }).rows]
}

describe('rule states and suppressions in a scan', () => {
  it('skips disabled rules, marks testing ones, records suppressed content as false positive', async () => {
    const scanner = await caseScanner([evidence()])
    const { db } = scanner.handle
    const v1 = await localPack(PACK_V1, 'lifecycle')
    const first = await scanner.scan([v1])
    const firstRows = findings(db, first.id)
    expect(byPlace(firstRows)).toEqual([
      'LC_Evil dropper.bin new - -',
      'LC_Evil known-good-tool.bin new - -',
      'LC_Noisy noisy.txt new - -',
      'LC_Trial trial.txt new - -',
    ])

    const benign = firstRows.find((r) => r.path === 'known-good-tool.bin')!
    const suppression = addSuppressionFromFinding(db, {
      findingId: benign.id,
      reason: 'vendor tool, checked with the vendor',
      examiner: 'ana',
    })
    expect(suppression).toMatchObject({ ruleKey: 'id:LC-0001', origin: 'case', findings: 1 })
    // The existing finding is marked at once.
    expect(byPlace(findings(db, first.id))).toContain(
      'LC_Evil known-good-tool.bin false-positive - suppressed',
    )
    setRuleState(db, {
      ruleKey: 'name:lifecycle:LC_Trial',
      namespace: 'lifecycle',
      name: 'LC_Trial',
      state: 'testing',
      reason: 'new rule',
      examiner: 'ana',
    })
    setRuleState(db, {
      ruleKey: 'id:LC-0003',
      namespace: 'lifecycle',
      name: 'LC_Noisy',
      state: 'disabled',
      reason: 'too noisy here',
      examiner: 'ana',
    })

    const second = await scanner.scan([v1])
    const secondRows = findings(db, second.id)
    expect(byPlace(secondRows)).toEqual([
      'LC_Evil dropper.bin new - -',
      'LC_Evil known-good-tool.bin false-positive - suppressed',
      'LC_Trial trial.txt new testing -',
    ])
    expect(secondRows.find((r) => r.suppression !== null)?.suppression).toEqual({
      id: suppression.id,
      reason: 'vendor tool, checked with the vendor',
      by: 'ana',
    })
    expect(second.findingCount).toBe(3)
    const lifecycle = listAudit(db, 50).find(
      (e) => e.action === 'scan.rule-lifecycle' && e.subject === String(second.id),
    )
    expect(lifecycle?.details).toMatchObject({
      disabledMatches: 1,
      suppressed: 1,
      testing: 1,
      inEffect: { disabled: 1, testing: 1, suppressions: 1 },
    })
    expect(
      listFindings(db, {
        scanId: second.id,
        offset: 0,
        limit: 10,
        sort: 'id',
        direction: 'asc',
        hideSuppressed: true,
      }).total,
    ).toBe(2)

    // A third scan with the same states reuses the second's results (unchanged files): the
    // suppression added in between still applies to the copied findings.
    const dropper = secondRows.find((r) => r.path === 'dropper.bin')!
    addSuppressionFromFinding(db, { findingId: dropper.id, reason: 'lab copy', examiner: 'ana' })
    const third = await scanner.scan([v1])
    const reused = db
      .prepare(`SELECT count(*) AS n FROM scan_files WHERE scan_id = ? AND how = 'unchanged'`)
      .get(third.id) as { n: number }
    expect(reused.n).toBeGreaterThan(0)
    expect(byPlace(findings(db, third.id))).toEqual([
      'LC_Evil dropper.bin false-positive - suppressed',
      'LC_Evil known-good-tool.bin false-positive - suppressed',
      'LC_Trial trial.txt new testing -',
    ])

    const exported = parseSuppressionsFile(Buffer.from(exportCaseSuppressions(db).text))
    expect(exported.map((s) => s.reason).sort()).toEqual([
      'lab copy',
      'vendor tool, checked with the vendor',
    ])
    expect(exported.every((s) => s.ruleKey === 'id:LC-0001')).toBe(true)
  }, 120_000)

  it('keeps a suppression across a pack update that renames the rule but keeps its id', async () => {
    const scanner = await caseScanner([evidence()])
    const { db } = scanner.handle
    const first = await scanner.scan([await localPack(PACK_V1, 'lifecycle')])
    const benign = findings(db, first.id).find((r) => r.path === 'known-good-tool.bin')!
    addSuppressionFromFinding(db, { findingId: benign.id, reason: 'benign', examiner: 'ana' })

    const v2 = await localPack(
      { 'rules.yar': rule('LC_Evil_Renamed', 'LC-0001', 'EVILMARK') },
      'lifecycle',
    )
    const second = await scanner.scan([v2])
    expect(byPlace(findings(db, second.id))).toEqual([
      'LC_Evil_Renamed dropper.bin new - -',
      'LC_Evil_Renamed known-good-tool.bin false-positive - suppressed',
    ])
  }, 120_000)

  it('takes the pack status for rules the case has no state for; the case state overrides it', async () => {
    const withStatus = (name: string, status: string, text: string) =>
      `rule ${name} {\n  meta:\n    status = "${status}"\n    score = 70\n` +
      `  strings:\n    $a = "${text}"\n  condition:\n    $a\n}\n`
    const scanner = await caseScanner([evidence()])
    const { db } = scanner.handle
    const pack = await localPack(
      {
        'rules.yar':
          withStatus('PS_Trial', 'testing', 'TRIALMARK') +
          withStatus('PS_Off', 'disabled', 'NOISYMARK') +
          withStatus('PS_On', 'active', 'EVILMARK'),
      },
      'statuses',
    )
    const first = await scanner.scan([pack])
    expect(byPlace(findings(db, first.id))).toEqual([
      'PS_On dropper.bin new - -',
      'PS_On known-good-tool.bin new - -',
      'PS_Trial trial.txt new testing -',
    ])
    setRuleState(db, {
      ruleKey: 'name:statuses:PS_Off',
      namespace: 'statuses',
      name: 'PS_Off',
      state: 'active',
      reason: 'wanted in this case',
      examiner: 'ana',
    })
    // Same content as the first scan: the changed state must not reuse its results.
    const second = await scanner.scan([pack])
    expect(byPlace(findings(db, second.id))).toContain('PS_Off noisy.txt new - -')
  }, 120_000)
})
