import { describe, expect, it } from 'vitest'
import { listAudit, verifyAudit } from '../../../main/core/case/audit-log'
import { getFindingDetail } from '../../../main/core/case/finding-detail-repo'
import { listRuleStates, ruleStates, setRuleState } from '../../../main/core/case/rule-states-repo'
import {
  addSuppressionFromFinding,
  exportCaseSuppressions,
  importPackSuppressions,
  listSuppressions,
  removeSuppression,
  syncPackSuppressions,
} from '../../../main/core/case/suppressions-repo'
import { AppError } from '../../../main/core/model/errors'
import { parseSuppressionsFile } from '../../../main/core/rules/suppressions-file'
import { lifecycleCase, SHA_A, SHA_B } from '../../helpers/lifecycle-case'

const triage = (db: Parameters<typeof getFindingDetail>[0], id: number) => {
  const f = getFindingDetail(db, id)!.finding
  return `${f.triageStatus} ${f.suppression === null ? '-' : f.suppression.id}`
}

describe('rule states', () => {
  it('sets, replaces and lists states by rule key, each change audited', async () => {
    const { handle } = await lifecycleCase()
    const { db } = handle
    const base = { ruleKey: 'id:LC-1', namespace: 'lc', name: 'WithId', examiner: 'ana' }
    setRuleState(db, { ...base, state: 'testing', reason: 'trying it' })
    setRuleState(db, { ...base, state: 'disabled', reason: '  noisy  ' })
    expect(ruleStates(db).get('id:LC-1')).toMatchObject({ state: 'disabled', reason: 'noisy' })
    expect(listRuleStates(db)).toHaveLength(1)
    const entries = listAudit(db, 10).filter((e) => e.action === 'rule.state-set')
    expect(entries.map((e) => e.details)).toEqual([
      expect.objectContaining({ state: 'disabled', previous: 'testing', reason: 'noisy' }),
      expect.objectContaining({ state: 'testing', previous: 'active', reason: 'trying it' }),
    ])
    expect(entries[0]?.actor).toBe('ana')
    expect(verifyAudit(db, handle.info.uuid).ok).toBe(true)
  })

  it('refuses a malformed key, an unknown state and an over-long reason', async () => {
    const { db } = (await lifecycleCase()).handle
    const base = { namespace: 'lc', name: 'WithId', examiner: 'ana' }
    const bad = [
      () => setRuleState(db, { ...base, ruleKey: 'LC-1', state: 'testing' }),
      () => setRuleState(db, { ...base, ruleKey: 'id:\u0007', state: 'testing' }),
      () => setRuleState(db, { ...base, ruleKey: 'id:LC-1', state: 'gone' as 'testing' }),
      () =>
        setRuleState(db, {
          ...base,
          ruleKey: 'id:LC-1',
          state: 'disabled',
          reason: 'x'.repeat(2001),
        }),
    ]
    for (const call of bad) expect(call).toThrow(AppError)
    expect(listRuleStates(db)).toEqual([])
  })
})

describe('suppressions', () => {
  it('suppresses a rule on one content in every scan, and not other content or rules', async () => {
    const lc = await lifecycleCase()
    const { db } = lc.handle
    const first = lc.scan()
    const second = lc.scan()
    const s = addSuppressionFromFinding(db, {
      findingId: first.ids.get('a1 WithId')!,
      reason: 'vendor tool',
      examiner: 'ana',
    })
    expect(s).toMatchObject({ ruleKey: 'id:LC-1', sha256: SHA_A, origin: 'case', findings: 4 })
    for (const scan of [first, second]) {
      expect(triage(db, scan.ids.get('a1 WithId')!)).toBe(`false-positive ${s.id}`)
      expect(triage(db, scan.ids.get('a2 WithId')!)).toBe(`false-positive ${s.id}`)
      expect(triage(db, scan.ids.get('b WithId')!)).toBe('new -')
      expect(triage(db, scan.ids.get('a1 NoId')!)).toBe('new -')
    }
    const detail = getFindingDetail(db, first.ids.get('a2 WithId')!)!
    expect(detail.finding.suppression).toEqual({ id: s.id, reason: 'vendor tool', by: 'ana' })
    const audit = listAudit(db, 1)[0]!
    expect(audit).toMatchObject({
      action: 'suppression.added',
      actor: 'ana',
      subject: String(s.id),
    })
    expect(audit.details).toMatchObject({ reason: 'vendor tool', findingsMarkedFalsePositive: 4 })
  })

  it('uses the name key for a rule without an id', async () => {
    const lc = await lifecycleCase()
    const { ids } = lc.scan()
    const s = addSuppressionFromFinding(lc.handle.db, {
      findingId: ids.get('a1 NoId')!,
      reason: 'r',
      examiner: 'ana',
    })
    expect(s.ruleKey).toBe('name:lc:NoId')
  })

  it('refuses content without a SHA-256, a missing finding, no reason and a repeat', async () => {
    const lc = await lifecycleCase()
    const { db } = lc.handle
    const { ids } = lc.scan()
    const add = (findingId: number, reason = 'r') =>
      addSuppressionFromFinding(db, { findingId, reason, examiner: 'ana' })
    expect(() => add(ids.get('unhashed WithId')!)).toThrow(/no SHA-256/)
    expect(() => add(999_999)).toThrow(/no finding 999999/)
    expect(() => add(ids.get('b WithId')!, '   ')).toThrow(/reason is required/)
    add(ids.get('b WithId')!)
    expect(() => add(ids.get('b WithId')!)).toThrow(/already suppressed/)
    expect(listSuppressions(db)).toHaveLength(1)
  })

  it('removing one unlinks its findings but keeps their triage status, and says so', async () => {
    const lc = await lifecycleCase()
    const { db } = lc.handle
    const { ids } = lc.scan()
    const s = addSuppressionFromFinding(db, {
      findingId: ids.get('b WithId')!,
      reason: 'r',
      examiner: 'ana',
    })
    removeSuppression(db, { id: s.id, examiner: 'bo', reason: 'was wrong' })
    expect(triage(db, ids.get('b WithId')!)).toBe('false-positive -')
    expect(listSuppressions(db)).toEqual([])
    const audit = listAudit(db, 1)[0]!
    expect(audit).toMatchObject({ action: 'suppression.removed', actor: 'bo' })
    expect(audit.details).toMatchObject({ reason: 'was wrong', findingsUnlinked: 1 })
    expect(JSON.stringify(audit.details)).toMatch(/left as it was/)
    expect(() => removeSuppression(db, { id: s.id, examiner: 'bo' })).toThrow(/no suppression/)
    // A later scan records the match as new again.
    expect(triage(db, lc.scan().ids.get('b WithId')!)).toBe('new -')
  })

  it("imports a pack's suppressions and replaces them with the pack's next version", async () => {
    const lc = await lifecycleCase()
    const { db } = lc.handle
    const { ids } = lc.scan()
    const own = addSuppressionFromFinding(db, {
      findingId: ids.get('b WithId')!,
      reason: 'ours',
      examiner: 'ana',
    })
    const v1 = importPackSuppressions(db, {
      packName: 'lc',
      examiner: 'ana',
      suppressions: [
        { ruleKey: 'id:LC-1', sha256: SHA_A, reason: 'publisher: benign' },
        { ruleKey: 'id:LC-1', sha256: SHA_B, reason: 'theirs' },
        { ruleKey: 'name:lc:NoId', sha256: SHA_A, reason: 'also benign' },
      ],
    })
    expect(v1).toEqual({ added: 2, removed: 0, kept: 0, skipped: 1, reasonsChanged: 0 })
    expect(triage(db, ids.get('a1 NoId')!)).toMatch(/^false-positive \d+$/)
    const fromPack = getFindingDetail(db, ids.get('a2 WithId')!)!.finding.suppression
    expect(fromPack).toMatchObject({ reason: 'publisher: benign', by: 'pack:lc' })

    const v2 = importPackSuppressions(db, {
      packName: 'lc',
      examiner: 'ana',
      suppressions: [{ ruleKey: 'id:LC-1', sha256: SHA_A, reason: 'publisher: benign (v2)' }],
    })
    expect(v2).toEqual({ added: 0, removed: 1, kept: 1, skipped: 0, reasonsChanged: 1 })
    expect(listSuppressions(db).map((s) => `${s.origin} ${s.ruleKey} ${s.reason}`)).toEqual([
      `case id:LC-1 ours`,
      'pack:lc id:LC-1 publisher: benign (v2)',
    ])
    // The dropped pack suppression's finding keeps its status, without the link.
    expect(triage(db, ids.get('a1 NoId')!)).toBe('false-positive -')
    expect(triage(db, ids.get('b WithId')!)).toBe(`false-positive ${own.id}`)
  })

  it('follows the suppressions of the signed pack version a scan uses', async () => {
    const lc = await lifecycleCase()
    const { db } = lc.handle
    const { ids } = lc.scan()
    const pack = (signed: boolean, reasons: readonly string[]) => ({
      summary: { name: 'partner', signed },
      suppressions: reasons.map((reason) => ({ ruleKey: 'id:LC-1', sha256: SHA_B, reason })),
    })
    const entries = () => listAudit(db, 100).filter((e) => e.action === 'suppressions.imported')
    syncPackSuppressions(db, [pack(true, ['known'])], 'ana')
    syncPackSuppressions(db, [pack(true, ['known'])], 'ana')
    expect(entries()).toHaveLength(1)
    expect(triage(db, ids.get('b WithId')!)).toMatch(/^false-positive \d+$/)
    // An unsigned folder without suppressions leaves them; the next signed version drops them.
    syncPackSuppressions(db, [pack(false, [])], 'ana')
    expect(listSuppressions(db)).toHaveLength(1)
    syncPackSuppressions(db, [pack(true, [])], 'ana')
    expect(listSuppressions(db)).toEqual([])
    expect(entries()).toHaveLength(2)
  })

  it("exports only the case's own suppressions as a valid suppressions.json", async () => {
    const lc = await lifecycleCase()
    const { db } = lc.handle
    const { ids } = lc.scan()
    for (const key of ['b WithId', 'a1 NoId', 'a1 WithId']) {
      addSuppressionFromFinding(db, { findingId: ids.get(key)!, reason: key, examiner: 'ana' })
    }
    importPackSuppressions(db, {
      packName: 'other',
      examiner: 'ana',
      suppressions: [{ ruleKey: 'id:X-9', sha256: SHA_B, reason: 'not ours' }],
    })
    const { text, count } = exportCaseSuppressions(db)
    expect(count).toBe(3)
    expect(parseSuppressionsFile(Buffer.from(text))).toEqual([
      { ruleKey: 'id:LC-1', sha256: SHA_A, reason: 'a1 WithId' },
      { ruleKey: 'id:LC-1', sha256: SHA_B, reason: 'b WithId' },
      { ruleKey: 'name:lc:NoId', sha256: SHA_A, reason: 'a1 NoId' },
    ])
  })
})
