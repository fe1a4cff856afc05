import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { closeCase } from '../../../main/core/case/case-file'
import { HashSetIndex } from '../../../main/core/hashsets/hash-set-index'
import { setHashSetEnabled } from '../../../main/core/hashsets/hash-set-repo'
import { importHashSet } from '../../../main/core/hashsets/import-hash-set'
import { digestsOf, newCase, writeTemp } from './hashset-fixtures'

const GOOD = digestsOf('notepad.exe contents')
const BAD = digestsOf('dropper contents')
const BOTH = digestsOf('psexec contents')
const UNKNOWN = digestsOf('never seen')

async function caseWithSets(): Promise<{
  handle: ReturnType<typeof newCase>
  good: number
  bad: number
  bad2: number
  bad2Rule: number | null
  badRule: number | null
}> {
  const handle = newCase()
  const add = (name: string, purpose: 'known-good' | 'known-bad', text: string) =>
    importHashSet(handle.db, handle.info.uuid, {
      path: writeTemp(`${name}.txt`, text),
      purpose,
      name,
      examiner: 'ana',
    })
  const good = await add(
    'windows',
    'known-good',
    `${GOOD.sha256}  notepad.exe\n${BOTH.md5}  PsExec.exe\n`,
  )
  const bad = await add(
    'partner',
    'known-bad',
    `${BAD.sha1}  dropper.dll\n${BOTH.sha256}  psexec\n`,
  )
  const bad2 = await add('feed', 'known-bad', `${BAD.md5}\n${BAD.sha256}  d.dll\n`)
  return {
    handle,
    good: good.setId,
    bad: bad.setId,
    bad2: bad2.setId,
    badRule: bad.rulePk,
    bad2Rule: bad2.rulePk,
  }
}

describe('HashSetIndex', () => {
  it('finds known-good and known-bad files by any of their digests', async () => {
    const { handle, good, bad, bad2, badRule, bad2Rule } = await caseWithSets()
    const index = new HashSetIndex(handle.db)

    expect(index.isEmpty()).toBe(false)
    expect(index.lookup(GOOD)).toEqual({
      knownGood: { setId: good, name: 'windows', algo: 'sha256', label: 'notepad.exe' },
      knownBad: [],
    })
    expect(
      index.lookup({ md5: BAD.md5, sha1: BAD.sha1.toUpperCase(), sha256: BAD.sha256 }),
    ).toEqual({
      knownGood: null,
      knownBad: [
        { setId: bad, name: 'partner', rulePk: badRule, algo: 'sha1', label: 'dropper.dll' },
        { setId: bad2, name: 'feed', rulePk: bad2Rule, algo: 'sha256', label: 'd.dll' },
      ],
    })
    expect(index.lookup(BOTH)).toMatchObject({
      knownGood: { setId: good, algo: 'md5', label: 'PsExec.exe' },
      knownBad: [{ setId: bad, algo: 'sha256' }],
    })
    expect(index.lookup(UNKNOWN)).toEqual({ knownGood: null, knownBad: [] })
    expect(index.lookup({ sha256: 'not hex', md5: null })).toEqual({
      knownGood: null,
      knownBad: [],
    })
    closeCase(handle)
  })

  it('ignores disabled sets, as of when it was built', async () => {
    const { handle, good, bad } = await caseWithSets()
    const before = new HashSetIndex(handle.db)
    setHashSetEnabled(handle.db, handle.info.uuid, good, false, 'ana')
    setHashSetEnabled(handle.db, handle.info.uuid, bad, false, 'ana')

    const after = new HashSetIndex(handle.db)

    expect(after.lookup(GOOD).knownGood).toBeNull()
    expect(after.lookup(BAD).knownBad.map((m) => m.name)).toEqual(['feed'])
    expect(before.lookup(GOOD).knownGood?.name).toBe('windows')
    closeCase(handle)
  })

  it('works on a read-only connection, as the scan process opens the case', async () => {
    const { handle } = await caseWithSets()
    const path = handle.info.path
    closeCase(handle)
    const readOnly = new Database(path, { readonly: true, fileMustExist: true })

    const index = new HashSetIndex(readOnly)

    expect(index.lookup(GOOD).knownGood?.name).toBe('windows')
    readOnly.close()
  })

  it('is empty without enabled sets', async () => {
    const handle = newCase()
    expect(new HashSetIndex(handle.db).isEmpty()).toBe(true)
    const { setId } = await importHashSet(handle.db, handle.info.uuid, {
      path: writeTemp('l.txt', `${GOOD.md5}\n`),
      purpose: 'known-good',
      examiner: 'ana',
    })
    expect(new HashSetIndex(handle.db).isEmpty()).toBe(false)
    setHashSetEnabled(handle.db, handle.info.uuid, setId, false, 'ana')
    expect(new HashSetIndex(handle.db).isEmpty()).toBe(true)
    closeCase(handle)
  })

  it('seeks by the primary key', () => {
    const handle = newCase()
    const plan = handle.db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT set_id, label FROM hash_set_entries WHERE algo = 'sha256' AND digest = ?",
      )
      .all(Buffer.alloc(32)) as { detail: string }[]
    expect(plan.map((p) => p.detail).join()).toMatch(
      /SEARCH hash_set_entries USING PRIMARY KEY \(algo=\? AND digest=\?\)/,
    )
    closeCase(handle)
  })
})
