import { describe, expect, it } from 'vitest'
import type { HashSetEntry } from '../../../main/core/hashsets/hash-set-types'
import {
  csvLayout,
  openHashList,
  parsePlainLine,
  splitCsv,
} from '../../../main/core/hashsets/parse-hash-list'
import { digestsOf, writeTemp } from './hashset-fixtures'

const A = digestsOf('alpha')
const B = digestsOf('bravo')

async function readAll(
  path: string,
): Promise<{ entries: HashSetEntry[]; source: ReturnType<typeof openHashList> }> {
  const source = openHashList(path)
  const entries: HashSetEntry[] = []
  for await (const batch of source.batches()) entries.push(...batch)
  return { entries, source }
}

function simple(entries: readonly HashSetEntry[]): [string, string, string | null][] {
  return entries.map((e) => [e.algo, e.digest.toString('hex'), e.label])
}

describe('parsePlainLine', () => {
  it.each([
    [A.md5, 'md5', null],
    [A.sha1.toUpperCase(), 'sha1', null],
    [`${A.sha256}  alpha.txt`, 'sha256', 'alpha.txt'],
    [`${A.sha256} *alpha.exe`, 'sha256', 'alpha.exe'],
    [`${A.md5},"alpha, the first"`, 'md5', 'alpha, the first'],
    [`${A.md5}\tname with spaces.doc`, 'md5', 'name with spaces.doc'],
    [`\\${A.sha256}  dir\\\\new\\nline`, 'sha256', 'dir\\new\nline'],
    [`SHA256 (alpha.txt) = ${A.sha256}`, 'sha256', 'alpha.txt'],
    [`MD5 (a b) = ${A.md5}`, 'md5', 'a b'],
  ])('reads %j', (line, algo, label) => {
    const result = parsePlainLine(line)

    expect(typeof result === 'string' ? result : simple(result)).toEqual([
      [algo, { md5: A.md5, sha1: A.sha1, sha256: A.sha256 }[algo], label],
    ])
  })

  it.each([
    ['nothex!', 'not a hexadecimal digest'],
    ['abcdef', '6 hex digits (expected 32 for MD5, 40 for SHA-1 or 64 for SHA-256)'],
    [`SHA1 (x) = ${A.md5}`, 'the digest does not fit sha1'],
  ])('rejects %j', (line, reason) => {
    expect(parsePlainLine(line)).toBe(reason)
  })
})

describe('CSV helpers', () => {
  it('splits quoted fields with embedded delimiters and quotes', () => {
    expect(splitCsv('"a,b","say ""hi""",,c', ',')).toEqual(['a,b', 'say "hi"', '', 'c'])
  })

  it('recognises the NSRL RDS 2.x header and ignores a data line', () => {
    const layout = csvLayout(
      '"SHA-1","MD5","CRC32","FileName","FileSize","ProductCode","OpSystemCode","SpecialCode"',
    )

    expect(layout).toEqual({
      delimiter: ',',
      hashColumns: [
        { index: 0, algo: 'sha1' },
        { index: 1, algo: 'md5' },
      ],
      labelColumn: 3,
    })
    expect(csvLayout(`${A.md5},alpha`)).toBeNull()
  })
})

describe('openHashList', () => {
  it('streams a list with comments, blank lines, CRLF, a BOM and bad lines', async () => {
    const path = writeTemp(
      'list.txt',
      [
        '\uFEFF# known bad, from a partner',
        '',
        A.md5,
        `${B.sha256.toUpperCase()}  bravo.bin`,
        'this is not a hash',
        `   ${A.sha1} , alpha  `,
        '1234',
        '# the end',
        A.md5,
      ].join('\r\n'),
    )

    const { entries, source } = await readAll(path)

    expect(simple(entries)).toEqual([
      ['md5', A.md5, null],
      ['sha256', B.sha256, 'bravo.bin'],
      ['sha1', A.sha1, 'alpha'],
      ['md5', A.md5, null],
    ])
    expect(source.report).toEqual({
      records: 6,
      duplicates: 0,
      badLines: 2,
      firstBad: [
        { line: 5, reason: 'not a hexadecimal digest', text: 'this is not a hash' },
        {
          line: 7,
          reason: '4 hex digits (expected 32 for MD5, 40 for SHA-1 or 64 for SHA-256)',
          text: '1234',
        },
      ],
    })
  })

  it('reads every hash column of an NSRL RDS 2.x NSRLFile.txt, FileName as the label', async () => {
    const path = writeTemp(
      'NSRLFile.txt',
      [
        '"SHA-1","MD5","CRC32","FileName","FileSize","ProductCode","OpSystemCode","SpecialCode"',
        `"${A.sha1.toUpperCase()}","${A.md5.toUpperCase()}","7A5407CA","alpha.dll",2520,190742,"362",""`,
        `"${B.sha1.toUpperCase()}","","00000000","bravo, the second.txt",10,1,"1",""`,
        '"XYZ","","0","broken.txt",1,1,"1",""',
      ].join('\n'),
    )

    const { entries, source } = await readAll(path)

    expect(simple(entries)).toEqual([
      ['sha1', A.sha1, 'alpha.dll'],
      ['md5', A.md5, 'alpha.dll'],
      ['sha1', B.sha1, 'bravo, the second.txt'],
    ])
    expect(source.report.badLines).toBe(1)
    expect(source.report.firstBad[0]).toMatchObject({
      line: 4,
      reason: 'column 1 is not a sha1 digest',
    })
  })

  it('reports only the first ten bad lines but counts them all', async () => {
    const path = writeTemp(
      'bad.txt',
      `${Array.from({ length: 25 }, (_, i) => `bad${i}`).join('\n')}\n${A.md5}\n`,
    )

    const { entries, source } = await readAll(path)

    expect(entries).toHaveLength(1)
    expect(source.report.badLines).toBe(25)
    expect(source.report.firstBad.map((b) => b.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })

  it('counts an over-long line as bad without buffering it', async () => {
    const path = writeTemp('long.txt', `${A.md5}\n${'a'.repeat(200_000)}\n${B.md5}`)

    const { entries, source } = await readAll(path)

    expect(simple(entries)).toEqual([
      ['md5', A.md5, null],
      ['md5', B.md5, null],
    ])
    expect(source.report.firstBad).toEqual([
      { line: 2, reason: 'longer than 65536 bytes', text: '' },
    ])
  })
})
