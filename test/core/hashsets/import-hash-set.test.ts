import { appendFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { listAudit, verifyAudit } from '../../../main/core/case/audit-log'
import type { CaseHandle } from '../../../main/core/case/case-file'
import { closeCase } from '../../../main/core/case/case-file'
import {
  listHashSets,
  PENDING_ENTRY_COUNT,
  setHashSetEnabled,
} from '../../../main/core/hashsets/hash-set-repo'
import type { ImportHashSetOptions } from '../../../main/core/hashsets/import-hash-set'
import { importHashSet } from '../../../main/core/hashsets/import-hash-set'
import { BUNDLE_SIGNATURE_NOTE } from '../../../main/core/hashsets/parse-bundle'
import { tempDir } from '../../helpers/temp-dir'
import {
  buildRds3,
  digestsOf,
  newCase,
  stixBundle,
  writeBundleFolder,
  writeTemp,
  writeZip,
} from './hashset-fixtures'

const A = digestsOf('alpha')
const B = digestsOf('bravo')

async function importInto(
  handle: CaseHandle,
  options: Partial<ImportHashSetOptions> & { path: string },
): ReturnType<typeof importHashSet> {
  return importHashSet(handle.db, handle.info.uuid, {
    purpose: 'known-good',
    examiner: 'ana',
    ...options,
  })
}

async function failure(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run()
  } catch (error: unknown) {
    return { code: (error as { code: string }).code, message: (error as Error).message }
  }
  return { code: 'none', message: 'accepted' }
}

/** The V8 garbage collector, exposed at run time so retained memory can be measured. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

function entryCount(handle: CaseHandle): number {
  return (handle.db.prepare('SELECT count(*) AS n FROM hash_set_entries').get() as { n: number }).n
}

describe('importHashSet', () => {
  it('imports a plain list: raw digest blobs, duplicates collapsed, an audited summary', async () => {
    const handle = newCase()
    const path = writeTemp('good.txt', `${A.md5}  alpha\n${A.md5}  again\n${B.sha256}\nnope\n`)

    const summary = await importInto(handle, { path, name: 'Golden image' })

    expect(summary).toMatchObject({
      name: 'Golden image',
      purpose: 'known-good',
      format: 'hash-list',
      sourceName: 'good.txt',
      records: 4,
      entries: 2,
      byAlgo: { md5: 1, sha1: 0, sha256: 1 },
      duplicates: 1,
      badLines: 1,
      rulePk: null,
    })
    const rows = handle.db
      .prepare('SELECT algo, digest, label FROM hash_set_entries ORDER BY algo')
      .all() as { algo: string; digest: Buffer; label: string | null }[]
    expect(rows.map((r) => [r.algo, r.digest.length, r.digest.toString('hex'), r.label])).toEqual([
      ['md5', 16, A.md5, 'alpha'],
      ['sha256', 32, B.sha256, null],
    ])
    expect(listHashSets(handle.db)).toMatchObject([
      { id: summary.setId, name: 'Golden image', entryCount: 2, enabled: true, importedBy: 'ana' },
    ])
    const [audit] = listAudit(handle.db, 1)
    expect(audit).toMatchObject({
      action: 'hashset.imported',
      subject: String(summary.setId),
      details: { entries: 2, duplicates: 1, badLines: 1, purpose: 'known-good', records: 4 },
    })
    expect(verifyAudit(handle.db, handle.info.uuid).ok).toBe(true)
    closeCase(handle)
  })

  it('gives a known-bad set a pseudo rule in a pack of its own', async () => {
    const handle = newCase()
    const path = writeTemp('iocs.txt', `${A.sha256}  dropper.exe\n`)

    const summary = await importInto(handle, {
      path,
      purpose: 'known-bad',
      name: 'APT 99 droppers!',
      score: 90,
    })

    const pack = handle.db.prepare('SELECT * FROM rule_packs').get() as Record<string, unknown>
    const rule = handle.db
      .prepare('SELECT * FROM rules WHERE id = ?')
      .get(summary.rulePk) as Record<string, unknown>
    expect(pack).toMatchObject({
      name: 'hash set: APT 99 droppers!',
      version: summary.sourceSha256.slice(0, 12),
      origin: 'local',
      signed: 0,
      manifest_sha256: summary.sourceSha256,
      namespace: 'hashset',
      source_path: 'iocs.txt',
    })
    expect(rule).toMatchObject({
      pack_id: pack['id'],
      name: 'known_bad_apt_99_droppers',
      namespace: 'hashset',
      score: 90,
    })
    expect(JSON.parse(rule['meta_json'] as string)).toMatchObject({
      purpose: 'known-bad',
      source: 'iocs.txt',
    })
    expect(listHashSets(handle.db)[0]?.rulePk).toBe(summary.rulePk)
    closeCase(handle)
  })

  it('refuses the same source for the same purpose, naming the existing set', async () => {
    const handle = newCase()
    const path = writeTemp('list.txt', `${A.md5}\n`)
    const first = await importInto(handle, { path, name: 'first' })

    const again = await failure(() => importInto(handle, { path, name: 'second' }))
    const asBad = await importInto(handle, { path, purpose: 'known-bad' })

    expect(again.code).toBe('INVALID_INPUT')
    expect(again.message).toContain(`known-good hash set ${first.setId} "first"`)
    expect(asBad.setId).not.toBe(first.setId)
    expect(listHashSets(handle.db)).toHaveLength(2)
    closeCase(handle)
  })

  it('refuses a file without any valid digest and leaves nothing behind', async () => {
    const handle = newCase()
    const path = writeTemp('junk.txt', 'hello\nworld\n')

    const result = await failure(() => importInto(handle, { path }))

    expect(result.code).toBe('INVALID_INPUT')
    expect(result.message).toMatch(
      /junk.txt holds no valid MD5, SHA-1 or SHA-256 digest \(2 records read, 2 unusable\)\. First problem: line 1/,
    )
    expect(handle.db.prepare('SELECT count(*) AS n FROM hash_sets').get()).toEqual({ n: 0 })
    closeCase(handle)
  })

  it('refuses a source that changes while it is imported', async () => {
    const handle = newCase()
    const path = writeTemp('moving.txt', `${A.md5}\n`)

    const result = await failure(() =>
      importInto(handle, {
        path,
        onProgress: () => {
          appendFileSync(path, `${B.md5}\n`)
        },
      }),
    )

    expect(result.message).toContain('moving.txt changed while it was imported')
    expect(listHashSets(handle.db)).toEqual([])
    closeCase(handle)
  })

  it('clears away a set whose import was cut off when the source comes again', async () => {
    const handle = newCase()
    const path = writeTemp('list.txt', `${A.md5}\n`)
    const first = await importInto(handle, { path })
    handle.db.prepare('UPDATE hash_sets SET entry_count = ?, enabled = 0').run(PENDING_ENTRY_COUNT)
    expect(listHashSets(handle.db)).toEqual([])

    const second = await importInto(handle, { path })

    expect(listHashSets(handle.db)).toMatchObject([
      { id: second.setId, entryCount: 1, enabled: true },
    ])
    expect(first.sourceSha256).toBe(second.sourceSha256)
    expect(entryCount(handle)).toBe(1)
    closeCase(handle)
  })

  it('imports an NSRL RDS v3 database: one SHA-256 entry per distinct file by default', async () => {
    const handle = newCase()
    const path = buildRds3([
      { content: 'alpha', name: 'alpha.dll', packages: 3 },
      { content: 'bravo', name: 'bravo.exe' },
    ])

    const summary = await importInto(handle, { path })

    expect(summary).toMatchObject({
      format: 'nsrl-rds3',
      records: 4,
      entries: 2,
      duplicates: 2,
      byAlgo: { md5: 0, sha1: 0, sha256: 2 },
      note: 'NSRL RDS 2025.03.1 modern (minimal)',
    })
    const label = handle.db
      .prepare("SELECT label FROM hash_set_entries WHERE algo = 'sha256' AND digest = ?")
      .get(Buffer.from(A.sha256, 'hex'))
    expect(label).toEqual({ label: 'alpha.dll' })
    closeCase(handle)
  })

  it('keeps the algorithms asked for, from any format', async () => {
    const handle = newCase()
    const rds = buildRds3([
      { content: 'alpha', name: 'alpha.dll', packages: 3 },
      { content: 'bravo', name: 'bravo.exe' },
    ])
    const list = writeTemp('mixed.txt', `${A.md5}\n${A.sha256}\n${B.sha1}\n`)

    const all = await importInto(handle, { path: rds, algos: ['md5', 'sha1', 'sha256'] })
    const onlySha1 = await importInto(handle, { path: list, algos: ['sha1'] })

    expect(all).toMatchObject({
      records: 4,
      entries: 6,
      duplicates: 6,
      byAlgo: { md5: 2, sha1: 2, sha256: 2 },
    })
    expect(onlySha1).toMatchObject({
      records: 3,
      entries: 1,
      badLines: 0,
      byAlgo: { md5: 0, sha1: 1, sha256: 0 },
    })
    closeCase(handle)
  })

  it('refuses a SQLite database that is not RDS v3', async () => {
    const handle = newCase()
    const path = join(tempDir(), 'other.db')
    const other = new Database(path)
    other.exec('CREATE TABLE FILE (name TEXT); CREATE TABLE VERSION (v TEXT)')
    other.close()
    const noVersion = join(tempDir(), 'noversion.db')
    const partial = new Database(noVersion)
    partial.exec('CREATE TABLE FILE (sha256, sha1, md5, file_name)')
    partial.close()

    const wrong = await failure(() => importInto(handle, { path }))
    const missing = await failure(() => importInto(handle, { path: noVersion }))

    expect(wrong).toEqual({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(
        'not an NSRL RDS v3 publication (its FILE table lacks sha256, sha1, md5, file_name)',
      ) as string,
    })
    expect(missing.message).toContain('(it has no VERSION table)')
    closeCase(handle)
  })

  it('imports the file objects of a STIX bundle.json, skipping the evidence container', async () => {
    const handle = newCase()
    const path = writeTemp('bundle.json', stixBundle([{ content: 'alpha', name: 'svc.dll' }]))

    const summary = await importInto(handle, { path, purpose: 'known-bad' })

    expect(summary).toMatchObject({
      format: 'bundle',
      records: 2,
      entries: 3,
      badLines: 1,
      note: BUNDLE_SIGNATURE_NOTE,
    })
    expect(listAudit(handle.db, 1)[0]?.details).toMatchObject({ signatureVerified: false })
    const rule = handle.db
      .prepare('SELECT meta_json FROM rules WHERE id = ?')
      .get(summary.rulePk) as { meta_json: string }
    expect(JSON.parse(rule.meta_json)).toMatchObject({ note: BUNDLE_SIGNATURE_NOTE })
    const evidenceImage = handle.db
      .prepare("SELECT count(*) AS n FROM hash_set_entries WHERE algo = 'sha256' AND digest = ?")
      .get(Buffer.from(digestsOf('the evidence image').sha256, 'hex'))
    expect(evidenceImage).toEqual({ n: 0 })
    closeCase(handle)
  })

  it('imports an extracted bundle folder and a zipped one, identified by their bytes', async () => {
    const handle = newCase()
    const json = stixBundle([
      { content: 'alpha', name: 'a.exe' },
      { content: 'bravo', name: 'b.exe' },
    ])
    const folder = writeBundleFolder(json)
    const zip = writeZip([
      { name: 'EX_EV01_AMBER_20250314/', data: '', method: 'stored' },
      { name: 'EX_EV01_AMBER_20250314/README.txt', data: 'TLP:AMBER' },
      { name: 'EX_EV01_AMBER_20250314/stix/bundle.json', data: json },
    ])

    const fromFolder = await importInto(handle, { path: folder, purpose: 'known-bad' })
    const fromZip = await importInto(handle, { path: zip, purpose: 'known-good' })

    expect(fromFolder).toMatchObject({ format: 'bundle', entries: 6, sourceName: 'bundle' })
    expect(fromZip).toMatchObject({ format: 'bundle', entries: 6, sourceName: 'bundle.zip' })
    expect(fromZip.sourceSha256).not.toBe(fromFolder.sourceSha256)
    closeCase(handle)
  })

  it('refuses a bundle zip with a zip-slip entry', async () => {
    const handle = newCase()
    const zip = writeZip([
      { name: 'stix/bundle.json', data: stixBundle([{ content: 'alpha', name: 'a' }]) },
      { name: '../../outside.txt', data: 'x' },
    ])

    const result = await failure(() => importInto(handle, { path: zip }))

    expect(result.code).toBe('INVALID_INPUT')
    expect(result.message).toContain('"../../outside.txt" has an unsafe name')
    expect(listHashSets(handle.db)).toEqual([])
    closeCase(handle)
  })

  it('refuses JSON that is not a STIX bundle, and a folder without one', async () => {
    const handle = newCase()

    const json = await failure(() =>
      importInto(handle, { path: writeTemp('x.json', '{"type":"report"}') }),
    )
    const folder = await failure(() => importInto(handle, { path: tempDir() }))

    expect(json.message).toContain('is JSON but not a STIX 2.1 bundle')
    expect(folder.message).toContain('holds no stix/bundle.json')
    closeCase(handle)
  })

  it('turns a set off and on, audited, and refuses an unknown set', () => {
    return (async () => {
      const handle = newCase()
      const { setId } = await importInto(handle, { path: writeTemp('l.txt', `${A.md5}\n`) })

      const off = setHashSetEnabled(handle.db, handle.info.uuid, setId, false, 'bo')
      const on = setHashSetEnabled(handle.db, handle.info.uuid, setId, true, 'bo')

      expect([off.enabled, on.enabled]).toEqual([false, true])
      expect(listAudit(handle.db, 2).map((e) => [e.action, e.actor, e.subject])).toEqual([
        ['hashset.enabled', 'bo', String(setId)],
        ['hashset.disabled', 'bo', String(setId)],
      ])
      expect(() => setHashSetEnabled(handle.db, handle.info.uuid, 999, true, 'bo')).toThrow(
        /no hash set 999/,
      )
      closeCase(handle)
    })()
  })

  it('imports a 10 MB+ list in bounded memory and ~10k-row transactions', async () => {
    const handle = newCase()
    const path = join(tempDir(), 'big.txt')
    writeFileSync(
      path,
      Array.from(
        { length: 170_000 },
        (_, i) => `${digestsOf(`file ${i}`).sha256}  file-${i}.bin\n`,
      ).join(''),
    )
    expect(statSync(path).size).toBeGreaterThan(10 * 1024 * 1024)
    const gc = exposeGc()
    gc()
    const before = process.memoryUsage().heapUsed
    const retained: number[] = []
    let batches = 0

    const summary = await importInto(handle, {
      path,
      onProgress: () => {
        batches += 1
        gc()
        retained.push(process.memoryUsage().heapUsed - before)
      },
    })

    expect(summary.entries).toBe(170_000)
    expect(batches).toBe(17)
    // Holding the entries would retain >1 MB per 10k-row batch (>8 MB over the second half); a
    // stream keeps a batch, a read chunk and warm-up (JIT, statement caches) whatever the size.
    const mib = (n: number): number => Math.round(n / 104857.6) / 10
    const [mid, last, peak] = [retained[8] ?? 0, retained.at(-1) ?? 0, Math.max(...retained)]
    expect(peak).toBeLessThan(16 * 1024 * 1024)
    expect(last - mid).toBeLessThan(3 * 1024 * 1024)
    console.info(
      `retained: peak ${mib(peak)} MiB, second half +${mib(last - mid)} MiB; hash list import: ` +
        `${summary.entries} entries in ${summary.seconds.toFixed(2)} s = ` +
        `${Math.round(summary.entries / summary.seconds)} rows/s`,
    )
    closeCase(handle)
  })
})
