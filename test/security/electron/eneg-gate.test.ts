import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_ALLOWLIST,
  gate,
  main,
  parseCsv,
  readAllowlist,
  readFindings,
} from '../../../scripts/security/eneg-gate.mjs'
import { tempDir } from '../../helpers/temp-dir'

/**
 * security-checks A2, §3: the gate in front of Electronegativity (which always exits 0).
 * Fixtures: eneg-bad-app.csv and eneg-outpost.csv are real Electronegativity 1.10.3 output (a
 * deliberately bad main.ts; our own sources); eneg-tricky.csv is hand-made to trip a naive
 * line/comma splitter.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures')
const GATE = join(import.meta.dirname, '../../../scripts/security/eneg-gate.mjs')
const fixture = (name: string) => join(FIXTURES, name)
const allowlist = readAllowlist(JSON.parse(readFileSync(DEFAULT_ALLOWLIST, 'utf8')))

function run(args: string[]) {
  const lines: string[] = []
  const code = main(args, (line) => lines.push(line))
  return { code, out: lines.join('\n') }
}

describe('parseCsv (RFC 4180)', () => {
  it('keeps commas, newlines and "" escapes inside quoted fields', () => {
    expect(parseCsv('a,"b, c","say ""hi""\nbye",d\r\ne,f')).toEqual([
      ['a', 'b, c', 'say "hi"\nbye', 'd'],
      ['e', 'f'],
    ])
  })

  it('opens a quoted field after blanks, as Electronegativity writes its header row', () => {
    expect(parseCsv('x, "y, z" ,w')).toEqual([['x', 'y, z', 'w']])
  })

  it('refuses an unclosed quote and text after a closing quote', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/not closed/)
    expect(() => parseCsv('a,"b"c\n')).toThrow(/after a closing quote/)
  })
})

describe('the gate on fixture reports', () => {
  it('a bad app fails, naming every HIGH/MEDIUM id', () => {
    const { code, out } = run([fixture('eneg-bad-app.csv')])
    expect(code).toBe(1)
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'OPEN_EXTERNAL_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'CSP_GLOBAL_CHECK',
    ]) {
      expect(out).toMatch(new RegExp(`^FAILED +${id} `, 'm'))
    }
    expect(out).toContain('10 findings: 9 failed, 0 allowed, 1 below MEDIUM')
  })

  it('our own report passes: only reviewed findings are allowed, LOW/INFO ignored', () => {
    const { code, out } = run([fixture('eneg-outpost.csv')])
    expect(code).toBe(0)
    expect(out).toMatch(/^ALLOWED +PRELOAD_JS_CHECK /m)
    expect(out).toMatch(/^ignored +CSP_GLOBAL_CHECK LOW/m)
    expect(out).not.toMatch(/^FAILED/m)
  })

  it('parses quoted commas and newlines: an injected "HIGH" inside a sample is not a row', () => {
    const findings = readFindings(readFileSync(fixture('eneg-tricky.csv'), 'utf8'))
    expect(findings.map((f) => [f['issue'], f['severity'], f['filename']])).toEqual([
      ['CSP_GLOBAL_CHECK', 'LOW', 'renderer/index.html'],
      ['OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'main/a, b.ts'],
    ])
    expect(findings[0]?.['sample']).toContain('FAKE_INJECTED_CHECK,"HIGH"')
    expect(findings[1]?.['sample']).toBe('shell.openExternal("a, b")')
    const result = gate(findings, allowlist)
    expect(result.failed.map((f) => f['issue'])).toEqual(['OPEN_EXTERNAL_JS_CHECK'])
    expect(result.ignored.map((f) => f['issue'])).toEqual(['CSP_GLOBAL_CHECK'])
  })

  it('an id allowed on the command line passes; LOW never fails', () => {
    expect(run([fixture('eneg-tricky.csv')]).code).toBe(1)
    expect(run([fixture('eneg-tricky.csv'), 'OPEN_EXTERNAL_JS_CHECK']).code).toBe(0)
  })

  it('an allowlist entry with sampleIncludes covers only that source line', () => {
    const findings = [
      {
        issue: 'CUSTOM_ARGUMENTS_JS_CHECK',
        severity: 'MEDIUM',
        sample: "appendSwitch('host-resolver-rules', 'MAP * ~NOTFOUND')",
      },
      {
        issue: 'CUSTOM_ARGUMENTS_JS_CHECK',
        severity: 'MEDIUM',
        sample: "appendSwitch('remote-debugging-port', '9222')",
      },
    ]
    const result = gate(findings, allowlist)
    expect(result.allowed).toHaveLength(1)
    expect(result.failed.map((f) => f['sample'])).toEqual([
      "appendSwitch('remote-debugging-port', '9222')",
    ])
  })
})

describe('the allowlist file', () => {
  it('gives a reason for every entry and allows PRELOAD_JS_CHECK', () => {
    expect(allowlist.map((e) => e.id)).toContain('PRELOAD_JS_CHECK')
    for (const entry of allowlist) expect(entry.reason.length).toBeGreaterThan(40)
  })

  it('refuses an entry without a reason', () => {
    expect(() => readAllowlist([{ id: 'SANDBOX_JS_CHECK' }])).toThrow(/reason/)
    expect(() => readAllowlist({ id: 'X' })).toThrow(/array/)
  })
})

describe('the command', () => {
  it('exits 1 on the bad report and 0 on ours, as a process', () => {
    const bad = spawnSync(process.execPath, [GATE, fixture('eneg-bad-app.csv')], {
      encoding: 'utf8',
    })
    expect(bad.status).toBe(1)
    expect(bad.stdout).toContain('failing ids: CSP_GLOBAL_CHECK, LIMIT_NAVIGATION_GLOBAL_CHECK')
    const good = spawnSync(process.execPath, [GATE, fixture('eneg-outpost.csv')], {
      encoding: 'utf8',
    })
    expect(good.status).toBe(0)
  })

  it('exits 2 on a missing file or a report without the expected header', () => {
    expect(run([]).code).toBe(2)
    const dir = tempDir('eneg-gate-')
    expect(run([join(dir, 'none.csv')]).code).toBe(2)
    writeFileSync(join(dir, 'other.csv'), 'name,level\nx,HIGH\n')
    const other = run([join(dir, 'other.csv')])
    expect(other.code).toBe(2)
    expect(other.out).toContain('no "issue" column')
  })
})
