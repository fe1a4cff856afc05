import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../main/cli/exit-codes'
import { csvField, printable } from '../../main/cli/commands/findings-command'
import { buildPipelineEvidence, MARKER, PIPELINE_RULES } from '../core/scan/scan-fixtures'
import { tempDir } from '../helpers/temp-dir'
import { cli } from './cli-harness'

function pipelineSetup(): {
  evidence: string
  rules: string
  casePath: string
  expected: ReturnType<typeof buildPipelineEvidence>
} {
  const dir = tempDir()
  const evidence = join(dir, 'evidence')
  mkdirSync(evidence)
  const expected = buildPipelineEvidence(evidence, 64 * 1024)
  const rules = join(dir, 'pipeline.yar')
  writeFileSync(rules, PIPELINE_RULES)
  return { evidence, rules, casePath: join(dir, 'case.outpost'), expected }
}

describe('outpost CLI', () => {
  it('scans into a new case, reports, and exits 1 when there are findings', async () => {
    const { evidence, rules, casePath, expected } = pipelineSetup()
    const run = await cli([
      'scan',
      evidence,
      '--case',
      casePath,
      '--rules',
      rules,
      '--max-file-size',
      String(64 * 1024),
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(EXIT.FINDINGS)
    expect(run.stdout).toMatch(new RegExp(`completed: 9 files, .*, ${expected.length} findings`))
    expect(run.stdout).toMatch(/not fully scanned: .*block-mode 1/)
  })

  it('lists findings as JSON with rule, path and offsets', async () => {
    const { evidence, rules, casePath, expected } = pipelineSetup()
    await cli([
      'scan',
      evidence,
      '--case',
      casePath,
      '--rules',
      rules,
      '--max-file-size',
      String(64 * 1024),
    ])
    const run = await cli(['findings', '--case', casePath, '--json'])
    expect(run.code).toBe(EXIT.OK)
    const findings = JSON.parse(run.stdout) as {
      rule: string
      path: string
      matches: { identifier: string; offset: number; excerptHex: string }[]
    }[]
    expect(findings.map((f) => `${f.path} ${f.rule}`).sort()).toEqual(
      expected.map((e) => `${e.path} ${e.rule}`).sort(),
    )
    const report = findings.find((f) => f.path === 'docs/report.txt')!
    expect(report.matches[0]).toMatchObject({ identifier: '$m', offset: expected[0]!.offset })
    expect(Buffer.from(report.matches[0]!.excerptHex, 'hex').toString()).toBe(MARKER)
  })

  it('lists findings as CSV, one row per finding', async () => {
    const { evidence, rules, casePath, expected } = pipelineSetup()
    await cli([
      'scan',
      evidence,
      '--case',
      casePath,
      '--rules',
      rules,
      '--max-file-size',
      String(64 * 1024),
    ])
    const run = await cli(['findings', '--case', casePath, '--csv'])
    const lines = run.stdout.trim().split('\r\n')
    expect(lines[0]).toBe(
      'id,scan,score,rule,namespace,rule_id,pack,evidence,location,path,state,sha256,md5,mime,file_type,triage,matches',
    )
    expect(lines).toHaveLength(expected.length + 1)
  })

  it('adds evidence once when the same folder is scanned again, and keeps both scans', async () => {
    const { evidence, rules, casePath } = pipelineSetup()
    await cli(['scan', evidence, '--case', casePath, '--rules', rules])
    const second = await cli(['scan', evidence, '--case', casePath, '--rules', rules, '--json'])
    const db = new Database(casePath, { readonly: true })
    expect(db.prepare('SELECT count(*) AS n FROM evidence').get()).toEqual({ n: 1 })
    expect(db.prepare('SELECT count(*) AS n FROM scans').get()).toEqual({ n: 2 })
    db.close()
    expect((JSON.parse(second.stdout) as { scan: { id: number } }).scan.id).toBe(2)
  })

  it('exits 0 when nothing matches', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'clean.txt'), 'nothing here')
    const run = await cli([
      'scan',
      join(dir, 'clean.txt'),
      '--case',
      join(dir, 'c.outpost'),
      '--rules',
      writeRule(dir, 'rule never { strings: $a = "zzzqqq" condition: $a }'),
    ])
    expect(run.code).toBe(EXIT.OK)
  })

  it('verifies the audit chain', async () => {
    const { evidence, rules, casePath } = pipelineSetup()
    await cli(['scan', evidence, '--case', casePath, '--rules', rules])
    const run = await cli(['audit', 'verify', '--case', casePath])
    expect(run.code).toBe(EXIT.OK)
    expect(run.stdout).toMatch(/^Audit chain OK: \d+ entries, head \d+:[0-9a-f]{64}/)
  })

  it('reports a broken audit chain with exit code 6', async () => {
    const { evidence, rules, casePath } = pipelineSetup()
    await cli(['scan', evidence, '--case', casePath, '--rules', rules])
    const db = new Database(casePath)
    db.exec(
      `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 2`,
    )
    db.close()
    const run = await cli(['audit', 'verify', '--case', casePath])
    expect(run.code).toBe(EXIT.AUDIT_BROKEN)
    expect(run.stdout).toMatch(/BROKEN at entry 2/)
  })

  it('gives a clear error and exit 3 for a path that does not exist', async () => {
    const dir = tempDir()
    const run = await cli([
      'scan',
      join(dir, 'missing'),
      '--case',
      join(dir, 'c.outpost'),
      '--rules',
      writeRule(dir, 'rule r { condition: true }'),
    ])
    expect(run.code).toBe(EXIT.INPUT)
    expect(run.stderr).toMatch(/There is nothing at .*missing/)
  })

  it('names the rule file, line and column of a syntax error, and exits 4', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'x.txt'), 'x')
    const rule = writeRule(
      dir,
      'rule ok { condition: true }\nrule broken {\n  strings: $a = "x"\n  condition: $b\n}\n',
    )
    const run = await cli([
      'scan',
      join(dir, 'x.txt'),
      '--case',
      join(dir, 'c.outpost'),
      '--rules',
      rule,
    ])
    expect(run.code).toBe(EXIT.RULES)
    expect(run.stderr).toMatch(/bad\.yar:4:14: error E\d+: unknown pattern `\$b` \(rule broken\)/)
  })

  it('refuses a case file that is not a database (exit 3) without touching it', async () => {
    const dir = tempDir()
    const notCase = join(dir, 'notes.outpost')
    writeFileSync(notCase, 'hello')
    const run = await cli(['findings', '--case', notCase])
    expect(run.code).toBe(EXIT.INPUT)
    expect(run.stderr).toMatch(/not an Outpost case/)
  })

  it('rejects unknown options with usage and exit 2', async () => {
    const run = await cli(['scan', '--bogus'])
    expect(run.code).toBe(EXIT.USAGE)
    expect(run.stderr).toMatch(/Usage: outpost/)
  })

  it('neutralises spreadsheet formulas and terminal control characters from evidence', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField('plain')).toBe('plain')
    expect(printable('a\u001b[31mred\u202Eevil')).toBe('a\\u001b[31mred\\u202eevil')
  })
})

function writeRule(dir: string, source: string): string {
  const path = join(dir, 'bad.yar')
  writeFileSync(path, source)
  return path
}
