import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { closeCase, openCase } from '../../main/core/case/case-file'
import { listAudit } from '../../main/core/case/audit-log'
import { parseSuppressionsFile } from '../../main/core/rules/suppressions-file'
import { lifecycleCase, SHA_A } from '../helpers/lifecycle-case'
import { tempDir } from '../helpers/temp-dir'
import { cli } from './cli-harness'

async function caseOnDisk() {
  const lc = await lifecycleCase()
  const { ids } = lc.scan()
  closeCase(lc.handle)
  return { path: lc.path, ids }
}

describe('outpost rules state|states, findings suppress, suppressions', () => {
  it('sets and lists rule states, looking the rule up by its key', async () => {
    const { path } = await caseOnDisk()
    const set = await cli([
      'rules',
      'state',
      'id:LC-1',
      'disabled',
      '--case',
      path,
      '--reason',
      'noisy',
      '--examiner',
      'bo',
    ])
    expect(set).toMatchObject({ code: 0, stdout: 'id:LC-1 is now disabled.\n' })
    await cli(['rules', 'state', 'name:lc:NoId', 'testing', '--case', path])
    const listed = await cli(['rules', 'states', '--case', path, '--json'])
    expect(listed.code).toBe(0)
    const states = JSON.parse(listed.stdout) as {
      ruleKey: string
      name: string
      state: string
      setBy: string
    }[]
    expect(states.map((s) => `${s.ruleKey} ${s.name} ${s.state}`)).toEqual([
      'id:LC-1 WithId disabled',
      'name:lc:NoId NoId testing',
    ])
    expect(states[0]?.setBy).toBe('bo')
    const text = await cli(['rules', 'states', '--case', path])
    expect(text.stdout).toMatch(/^disabled\s+id:LC-1\s+lc:WithId\s+noisy/m)
  })

  it('refuses an unknown state, an unknown id key and a missing --case', async () => {
    const { path } = await caseOnDisk()
    expect((await cli(['rules', 'state', 'id:LC-1', 'off', '--case', path])).code).toBe(2)
    const unknown = await cli(['rules', 'state', 'id:NOPE', 'disabled', '--case', path])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/No rule of this case has the key id:NOPE/)
    expect((await cli(['rules', 'states'])).stderr).toMatch(/needs --case/)
    const handle = openCase(path)
    expect(listAudit(handle.db, 50).some((e) => e.action === 'rule.state-set')).toBe(false)
    closeCase(handle)
  })

  it('suppresses a finding, lists and exports the suppressions', async () => {
    const { path, ids } = await caseOnDisk()
    const id = String(ids.get('a1 WithId'))
    expect((await cli(['findings', 'suppress', id, '--case', path])).code).toBe(2)
    const added = await cli(['findings', 'suppress', id, '--reason', 'vendor tool', '--case', path])
    expect(added.code).toBe(0)
    expect(added.stdout).toMatch(/^Suppression \d+: id:LC-1 on a{64}; 2 finding\(s\) marked/)
    const unhashed = await cli([
      'findings',
      'suppress',
      String(ids.get('unhashed WithId')),
      '--reason',
      'r',
      '--case',
      path,
    ])
    expect(unhashed.code).toBe(2)
    expect(unhashed.stderr).toMatch(/no SHA-256/)

    const list = await cli(['suppressions', 'list', '--case', path, '--json'])
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        ruleKey: 'id:LC-1',
        sha256: SHA_A,
        reason: 'vendor tool',
        findings: 2,
      }),
    ])
    const printed = await cli(['suppressions', 'export', '--case', path])
    expect(parseSuppressionsFile(Buffer.from(printed.stdout))).toEqual([
      { ruleKey: 'id:LC-1', sha256: SHA_A, reason: 'vendor tool' },
    ])
    const out = join(tempDir(), 'suppressions.json')
    const written = await cli(['suppressions', 'export', '--case', path, '--out', out])
    expect(written).toMatchObject({ code: 0, stdout: `1 suppression(s) written to ${out}\n` })
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout)
  })
})
