import { describe, expect, it } from 'vitest'
import type { ExportFinding } from '../../../main/core/share/export-model'
import {
  csvField,
  FINDINGS_CSV_COLUMNS,
  renderFindingsCsv,
} from '../../../main/core/share/findings-csv'
import { sampleExportModel } from '../../helpers/export-model-fixture'

/** A tiny RFC 4180 parser: records end with CRLF, fields may be quoted with `""` inside. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i)
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (char === '"') {
        quoted = false
      } else {
        field += char
      }
    } else if (char === '"' && field === '') {
      quoted = true
    } else if (char === ',') {
      record.push(field)
      field = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i += 1
    } else if (char === '"' || char === '\r' || char === '\n') {
      throw new Error(`bare ${JSON.stringify(char)} at ${i}`)
    } else {
      field += char
    }
  }
  if (quoted || field !== '' || record.length > 0) throw new Error('last record not ended by CRLF')
  return records
}

function rowsOf(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text)
  return rows.map((row) =>
    Object.fromEntries((header ?? []).map((name, i) => [name, row[i] ?? ''])),
  )
}

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=cmd|calc!A1.txt', "'=cmd|calc!A1.txt"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', '"\'\rx"'],
    ['=a,b', '"\'=a,b"'],
    ['mid=dle', 'mid=dle'],
    ['lone\ud800', 'lone\ufffd'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(csvField(input)).toBe(expected)
  })
})

describe('renderFindingsCsv', () => {
  const model = sampleExportModel()
  const csv = renderFindingsCsv(model)

  it('starts with the header row and ends every record with CRLF', () => {
    expect(csv.split('\r\n')[0]).toBe(FINDINGS_CSV_COLUMNS.join(','))
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('has one row per finding with the model values', () => {
    const rows = rowsOf(csv)
    expect(rows.map((row) => row.finding_id)).toEqual(
      model.findings.map((f) => String(f.findingId)),
    )
    expect(rows[0]).toMatchObject({
      evidence: 'EV-2025-0042-01',
      evidence_sha256: '994a4b2bcefcb30244f70f8576528b41b1e04310dbee90dbadb7af52d6df3542',
      location: 'volume 2 (NTFS) › ntfs "OS"',
      path: 'Users/alice/AppData/Roaming/Example/svc.dll',
      file_name: 'svc.dll',
      size: '44',
      md5: 'bf14b79cf60cddebbc4f38490cf7964d',
      rule: 'EXAMPLE_Loader_Config_String',
      rule_namespace: 'outpost_default',
      pack: 'outpost-default',
      pack_version: '1.0.0',
      score: '80',
      triage: 'confirmed',
      tlp: 'TLP:AMBER',
      match_count: '1',
      first_match_offset: '12',
      seen_at: '2025-03-14T09:41:07.512Z',
      deleted: 'false',
      unallocated: 'false',
    })
    expect(rows[1]?.file_name).toBe('<img src=x onerror=alert(1)>.html')
    expect(rows[3]).toMatchObject({ unallocated: 'true', sha256: '', md5: '', match_count: '3' })
  })

  it('neutralises formula injection', () => {
    const rows = rowsOf(csv)
    expect(rows[2]?.file_name).toBe("'=cmd|calc!A1.txt")
    expect(rows[2]?.path).toBe('Users/alice/Downloads/=cmd|calc!A1.txt')
    expect(rows[2]?.deleted).toBe('true')
  })

  it('quotes commas, quotes and newlines in paths and reads them back unchanged', () => {
    const base = model.findings[0] as ExportFinding
    const path = 'odd, "dir"\r\nnext/line\nname.txt'
    const odd = sampleExportModel({
      findings: [{ ...base, file: { ...base.file, path, name: 'name.txt' } }],
    })
    const rows = rowsOf(renderFindingsCsv(odd))
    expect(rows).toHaveLength(1)
    expect(rows[0]?.path).toBe(path)
    expect(rows[0]?.file_name).toBe('name.txt')
  })

  it('gives only the header for an empty export', () => {
    expect(renderFindingsCsv(sampleExportModel({ findings: [] }))).toBe(
      `${FINDINGS_CSV_COLUMNS.join(',')}\r\n`,
    )
  })
})
