import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../main/cli/exit-codes'
import { tempDir } from '../helpers/temp-dir'
import {
  buildRds3,
  digestsOf,
  stixBundle,
  writeBundleFolder,
  writeTemp,
  writeZip,
} from '../core/hashsets/hashset-fixtures'
import { cli } from './cli-harness'

const A = digestsOf('alpha')

describe('outpost hashset', () => {
  it('imports a known-good list into a new case and lists it', async () => {
    const casePath = join(tempDir(), 'case.outpost')
    const list = writeTemp('golden.txt', `# golden image\n${A.sha256}  alpha.exe\nbogus\n`)

    const run = await cli([
      'hashset',
      'import',
      list,
      '--case',
      casePath,
      '--known-good',
      '--examiner',
      'ana',
    ])
    const listed = await cli(['hashset', 'list', '--case', casePath])
    const json = await cli(['hashset', 'list', '--case', casePath, '--json'])

    expect(run.stderr).toBe('')
    expect(run.code).toBe(EXIT.OK)
    expect(run.stdout).toMatch(
      /^Imported known-good hash set 1 "golden" \(hash-list, golden.txt\)\n/,
    )
    expect(run.stdout).toContain('1 entries (sha256 1) from 2 records; 0 duplicates; 1 bad lines')
    expect(run.stdout).toContain('line 3: not a hexadecimal digest: bogus')
    expect(listed.code).toBe(EXIT.OK)
    expect(listed.stdout).toMatch(
      /^ {2}1 {2}known-good {2}enabled {2}\s+1 {2}hash-list {2}golden {2}\(golden.txt, .*, ana\)\n$/,
    )
    expect(JSON.parse(json.stdout)).toMatchObject([
      { id: 1, name: 'golden', purpose: 'known-good', entryCount: 1, enabled: true, rulePk: null },
    ])
  })

  it('imports a partner bundle zip as known-bad, as JSON, noting the unverified signature', async () => {
    const casePath = join(tempDir(), 'case.outpost')
    const zip = writeZip([
      { name: 'stix/bundle.json', data: stixBundle([{ content: 'alpha', name: 'svc.dll' }]) },
    ])

    const run = await cli([
      'hashset',
      'import',
      zip,
      '--case',
      casePath,
      '--known-bad',
      '--name',
      'CERT-X',
      '--json',
    ])

    expect(run.code).toBe(EXIT.OK)
    expect(JSON.parse(run.stdout)).toMatchObject({
      name: 'CERT-X',
      purpose: 'known-bad',
      format: 'bundle',
      entries: 3,
      rulePk: expect.any(Number) as number,
      note: expect.stringContaining('signature NOT verified') as string,
    })
  })

  it('imports an NSRL RDS v3 database and a bundle folder', async () => {
    const casePath = join(tempDir(), 'case.outpost')
    const rds = buildRds3([{ content: 'alpha', name: 'alpha.dll', packages: 2 }])
    const folder = writeBundleFolder(stixBundle([{ content: 'bravo', name: 'b.exe' }]))

    const fromRds = await cli(['hashset', 'import', rds, '--case', casePath, '--known-good'])
    const fromFolder = await cli(['hashset', 'import', folder, '--case', casePath, '--known-bad'])

    expect(fromRds.stdout).toContain('(nsrl-rds3, RDS_2025.03.1_modern_minimal.db)')
    expect(fromRds.stdout).toContain('1 entries (sha256 1) from 2 records; 1 duplicates')
    expect(fromFolder.stdout).toMatch(/findings will point to rule \d+/)
  })

  it('refuses a second import of the same source, naming the existing set', async () => {
    const casePath = join(tempDir(), 'case.outpost')
    const list = writeTemp('bad.txt', `${A.md5}\n`)
    await cli(['hashset', 'import', list, '--case', casePath, '--known-bad'])

    const again = await cli(['hashset', 'import', list, '--case', casePath, '--known-bad'])

    expect(again.code).not.toBe(EXIT.OK)
    expect(again.stderr).toContain('already imported as known-bad hash set 1 "bad"')
  })

  it.each([
    [['--known-good', '--known-bad'], 'exactly one of --known-good or --known-bad'],
    [[], 'exactly one of --known-good or --known-bad'],
  ])('needs exactly one purpose (%j)', async (flags, message) => {
    const run = await cli([
      'hashset',
      'import',
      writeTemp('l.txt', A.md5),
      '--case',
      join(tempDir(), 'c.outpost'),
      ...flags,
    ])

    expect(run.code).toBe(EXIT.USAGE)
    expect(run.stderr).toContain(message)
  })

  it('explains what is wrong with the input', async () => {
    const casePath = join(tempDir(), 'case.outpost')

    const empty = await cli([
      'hashset',
      'import',
      writeTemp('e.txt', '# nothing\n'),
      '--case',
      casePath,
      '--known-good',
    ])
    const missing = await cli([
      'hashset',
      'import',
      '/nonexistent/list.txt',
      '--case',
      casePath,
      '--known-good',
    ])
    const noCase = await cli(['hashset', 'list', '--case', join(tempDir(), 'none.outpost')])
    const noAction = await cli(['hashset', '--case', casePath])

    expect(empty.stderr).toContain('e.txt holds no valid MD5, SHA-1 or SHA-256 digest')
    expect(missing.code).toBe(EXIT.INPUT)
    expect(noCase.code).toBe(EXIT.INPUT)
    expect(noAction.stderr).toContain('usage: outpost hashset import')
  })
})
