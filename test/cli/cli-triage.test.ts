import { describe, expect, it } from 'vitest'
import { listAudit, verifyAudit } from '../../main/core/case/audit-log'
import { closeCase, openCase } from '../../main/core/case/case-file'
import { tagsOf } from '../../main/core/case/tags-repo'
import { caseWithFindings } from '../core/triage/triage-fixture'
import { cli } from './cli-harness'

function caseOnDisk(count: number): string {
  const handle = caseWithFindings(count)
  const path = handle.info.path
  closeCase(handle)
  return path
}

function inspect<T>(path: string, read: (handle: ReturnType<typeof openCase>) => T): T {
  const handle = openCase(path)
  try {
    return read(handle)
  } finally {
    closeCase(handle)
  }
}

describe('outpost findings triage|tag', () => {
  it('sets the triage status of findings by id ranges, signed by the examiner', async () => {
    const path = caseOnDisk(12)
    const run = await cli([
      'findings',
      'triage',
      '--case',
      path,
      '--status',
      'confirmed',
      '--ids',
      '1,2,5-9',
      '--examiner',
      'bo',
    ])
    expect(run).toMatchObject({ code: 0, stdout: '7 of 7 finding(s) set to confirmed.\n' })
    const again = await cli([
      'findings',
      'triage',
      '--case',
      path,
      '--status',
      'confirmed',
      '--ids',
      '8-10',
      '--json',
    ])
    expect(JSON.parse(again.stdout)).toEqual({ selected: 3, changed: 1, status: 'confirmed' })
    inspect(path, (h) => {
      const [last, first] = listAudit(h.db, 2)
      expect(first).toMatchObject({
        actor: 'bo',
        action: 'finding.triage',
        details: { findings: '1-2,5-9' },
      })
      expect(last?.details).toMatchObject({ findings: '10', count: 1 })
      expect(verifyAudit(h.db, h.info.uuid).ok).toBe(true)
    })
  })

  it('tags every finding of a rule, and removes a tag', async () => {
    const path = caseOnDisk(5)
    const added = await cli([
      'findings',
      'tag',
      '--case',
      path,
      '--add',
      'Lateral Movement,apt-x',
      '--rule',
      'R',
    ])
    expect(added).toMatchObject({ code: 0, stdout: 'Tags changed on 5 of 5 finding(s).\n' })
    const removed = await cli([
      'findings',
      'tag',
      '--case',
      path,
      '--remove',
      'apt-x',
      '--ids',
      '2',
    ])
    expect(removed.stdout).toBe('Tags changed on 1 of 1 finding(s).\n')
    inspect(path, (h) => {
      expect(tagsOf(h.db, 1)).toEqual(['apt-x', 'lateral-movement'])
      expect(tagsOf(h.db, 2)).toEqual(['lateral-movement'])
    })
  })

  it('refuses bad selections, statuses and tags with a message and a non-zero exit', async () => {
    const path = caseOnDisk(3)
    const runs = await Promise.all([
      cli(['findings', 'triage', '--case', path, '--status', 'done', '--ids', '1']),
      cli(['findings', 'triage', '--case', path, '--status', 'benign']),
      cli([
        'findings',
        'triage',
        '--case',
        path,
        '--status',
        'benign',
        '--ids',
        '1',
        '--rule',
        'R',
      ]),
      cli(['findings', 'triage', '--case', path, '--status', 'benign', '--ids', '1-x']),
      cli(['findings', 'tag', '--case', path, '--ids', '1']),
      cli(['findings', 'tag', '--case', path, '--add', 'bad tag!', '--ids', '1']),
      cli(['findings', 'triage', '--case', path, '--status', 'benign', '--rule', 'Nope']),
      cli(['findings', 'triage', '--case', path, '--status', 'benign', '--ids', '2-4']),
    ])
    for (const run of runs) expect(run.code).not.toBe(0)
    const errors = runs.map((r) => r.stderr)
    expect(errors[0]).toContain('--status takes one of new, needs-review')
    expect(errors[1]).toContain('--ids or with --rule')
    expect(errors[3]).toContain('"1-x" is not an id or a range')
    expect(errors[4]).toContain('needs --add or --remove')
    expect(errors[5]).toContain('has characters a tag cannot hold')
    expect(errors[6]).toContain('No finding of rule Nope')
    expect(errors[7]).toContain('no finding 4 in this case: nothing was changed')
    inspect(path, (h) => {
      expect(listAudit(h.db, 10).filter((e) => e.action.startsWith('finding.'))).toEqual([])
    })
  })
})
