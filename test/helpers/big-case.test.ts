import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { appHarness } from './app-harness'
import { makeBigCase } from './big-case'
import { tempDir } from './temp-dir'
import { RULE_NAME_PAYLOAD, TAG_PAYLOAD } from './xss-payloads'

/** Every generated row of the tables that must not depend on anything but the seed. */
function content(path: string): string {
  const db = new Database(path, { readonly: true })
  try {
    const tables = ['rules', 'files', 'findings', 'matches', 'finding_tags']
    return tables
      .map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw().all()))
      .join('\n')
  } finally {
    db.close()
  }
}

describe('makeBigCase', () => {
  it('writes 100,000 findings into a sound case the real handlers list', async () => {
    const big = makeBigCase(tempDir(), { findings: 100_000, seed: 7 })
    process.stdout.write(
      `makeBigCase: ${big.counts.findings} findings, ${big.counts.matches} matches, ` +
        `${big.counts.files} files in ${Math.round(big.insertMs)} ms\n`,
    )
    expect(big.counts.rules).toBe(150)

    let tagged = 0
    const db = new Database(big.path, { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.pragma('foreign_key_check')).toEqual([])
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
      expect(count('SELECT count(*) AS n FROM findings')).toBe(100_000)
      expect(count('SELECT count(*) AS n FROM matches')).toBe(big.counts.matches)
      expect(count('SELECT count(DISTINCT pack_id) AS n FROM rules')).toBe(3)
      expect(count("SELECT count(*) AS n FROM files WHERE kind = 'file'")).toBe(50_000)
      expect(count('SELECT count(*) AS n FROM files WHERE deleted = 1')).toBeGreaterThan(0)
      expect(count("SELECT count(*) AS n FROM scans WHERE status = 'completed'")).toBe(1)
      expect(
        count("SELECT count(*) AS n FROM findings WHERE triage_status = 'new'"),
      ).toBeGreaterThan(80_000)
      expect(count('SELECT min(score) AS n FROM findings')).toBe(0)
      expect(count('SELECT max(score) AS n FROM findings')).toBe(100)
      tagged = count("SELECT count(*) AS n FROM finding_tags WHERE tag = 'ransomware'")
      expect(tagged).toBeGreaterThan(100)
    } finally {
      db.close()
    }

    const app = appHarness()
    try {
      const opened = await app.call('case:open', { path: big.path })
      expect(opened.name).toBe('Operation Scale')
      expect((await app.call('audit:verify')).ok).toBe(true)
      const page = await app.call('findings:list', { limit: 100 })
      expect(page.total).toBe(100_000)
      expect(page.rows).toHaveLength(100)
      // The real files come first: score 100, lowest ids, readable bytes on disk.
      const first = page.rows[0]!
      expect(first.ruleName).toBe(big.topRuleName)
      expect(first.path).toBe(big.realFiles[0]!.path)
      const bytes = readFileSync(join(big.evidenceDir, first.path))
      expect(bytes.length).toBe(first.sizeBytes)
      const detail = await app.call('findings:get', { findingId: first.id })
      const match = detail.matches[0]!
      const excerpt = Buffer.from(match.excerptHex, 'hex')
      expect(bytes.subarray(match.offset, match.offset + match.length)).toEqual(excerpt)

      // The hex view reads the same bytes from the evidence folder.
      const read = await app.call('files:read', {
        fileId: big.realFiles[0]!.fileId,
        offset: match.offset,
        length: match.length,
      })
      expect(read.bytesHex).toBe(match.excerptHex)
      expect(read.sizeBytes).toBe(bytes.length)

      const tags = await app.call('tags:list')
      const ransomware = tags.find((t) => t.tag === 'ransomware')
      expect(ransomware?.count).toBe(tagged)
      const byTag = await app.call('findings:list', { tags: ['ransomware'], limit: 10 })
      expect(byTag.total).toBe(tagged)

      const filtered = await app.call('findings:list', { text: big.ruleNames[42]!, limit: 10 })
      expect(filtered.total).toBeGreaterThan(0)
      expect(filtered.total).toBeLessThan(100_000)
      expect(filtered.rows.every((r) => r.ruleName === big.ruleNames[42])).toBe(true)
    } finally {
      await app.services.shutdown()
    }
  }, 120_000)

  it('gives the same rows for the same seed, other rows for another', () => {
    const one = makeBigCase(tempDir(), { findings: 2000, seed: 1 })
    const again = makeBigCase(tempDir(), { findings: 2000, seed: 1 })
    const other = makeBigCase(tempDir(), { findings: 2000, seed: 2 })
    const rows = (path: string) => content(path).replaceAll(/\/tmp\/[^"/]+\//g, '')
    expect(rows(again.path)).toBe(rows(one.path))
    expect(rows(other.path)).not.toBe(rows(one.path))
  })

  it('plants the payloads where the analyst sees them when asked to', async () => {
    const big = makeBigCase(tempDir(), { findings: 500, seed: 3, hostile: true })
    const app = appHarness()
    try {
      await app.call('case:open', { path: big.path })
      const page = await app.call('findings:list', { limit: 10 })
      expect(page.rows[0]!.ruleName).toBe(RULE_NAME_PAYLOAD)
      expect(page.rows[0]!.path).toContain('<img src=x onerror=')
      const notes = await app.call('notes:list', { findingId: page.rows[0]!.id })
      expect(notes[0]!.body).toContain('<script>')
      const db = new Database(big.path, { readonly: true })
      const tags = db.prepare('SELECT tag FROM finding_tags WHERE finding_id = 1').pluck().all()
      db.close()
      expect(tags).toContain(TAG_PAYLOAD)
    } finally {
      await app.services.shutdown()
    }
  })
})
