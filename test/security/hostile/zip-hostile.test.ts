import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openZip } from '../../../main/core/archive/zip-reader'
import { buildZip } from '../../../main/core/archive/zip-writer'
import { openSignedPackSource, PACK_ZIP_LIMITS } from '../../../main/core/rules/signed-pack-source'
import { BUNDLE_ZIP_LIMITS } from '../../../main/core/share/bundle/verify-bundle'
import { tempDir } from '../../helpers/temp-dir'
import { filesUnder, outcome, overlappingBomb, rawZip, writeZeroBomb } from './hostile-zips'

/**
 * Named hostile-archive cases, security-checks D1 (zip-slip), D2 (links and special files) and
 * D3 (bombs and size lies). The reader is `main/core/archive/zip-reader.ts`; a pack zip is
 * extracted by `signed-pack-source.ts` into a private staging folder under the OS temp folder,
 * which these tests point at a fresh folder so that "nothing outside it" can be listed.
 * More cases live in test/core/hashsets/zip-reader.test.ts (five zip-slip names, a symlink,
 * the 200:1 ratio, size caps, a lying header) and test/core/share/bundle/bundle-tamper.test.ts.
 */

let root: string
let staging: string
let savedTmp: string | undefined

beforeEach(() => {
  root = tempDir('outpost-hostile-')
  staging = join(root, 'tmp')
  mkdirSync(staging)
  savedTmp = process.env['TMPDIR']
  process.env['TMPDIR'] = staging
})

afterEach(() => {
  if (savedTmp === undefined) delete process.env['TMPDIR']
  else process.env['TMPDIR'] = savedTmp
})

function zipFile(bytes: Buffer, name = 'pack.zip'): string {
  const path = join(root, name)
  writeFileSync(path, bytes)
  return path
}

/** Open `zip` as a signed pack; the key never resolves, so no hostile zip gets past the manifest. */
function openAsPack(path: string): string {
  return outcome(() =>
    openSignedPackSource(path, () => ({ status: 'unknown' }) as never, 'Rule pack'),
  )
}

/** Nothing but the zip itself is left under the test's root: no escape, no staging left over. */
function expectNothingWritten(zipName = 'pack.zip'): void {
  expect(filesUnder(root)).toEqual([zipName])
}

const PAYLOAD = Buffer.from('evil')

describe('D1 zip-slip: no entry is written outside the staging folder', () => {
  it.each([
    ['../../evil.txt'],
    ['/abs/evil.txt'],
    ['..\\..\\evil.txt'],
    ['C:/x/evil.txt'],
    ['c:evil.txt'],
    ['ok/\u0000/../../evil.txt'],
    ['ok/../../../evil.txt'],
  ])('D1 refuses the entry %j at the reader and at pack import', (name) => {
    const path = zipFile(
      rawZip([
        { name: 'pack.json', data: PAYLOAD },
        { name, data: PAYLOAD },
      ]),
    )

    expect(outcome(() => openZip(path))).toMatch(/^INVALID_INPUT: .*unsafe name/)
    expect(openAsPack(path)).toMatch(/^RULES_INVALID: Rule pack refused: .*unsafe name/)
    expectNothingWritten()
  })

  it('D1 refuses a NUL inside a name (the C string would stop early)', () => {
    const path = zipFile(rawZip([{ name: Buffer.from('evil.txt\u0000.yar'), data: PAYLOAD }]))

    expect(outcome(() => openZip(path))).toMatch(/^INVALID_INPUT: .*unsafe name/)
    expectNothingWritten()
  })

  it('D1 an over-long name (64 KiB) or path (2,000 folders) is refused before any folder is made', () => {
    const longName = zipFile(rawZip([{ name: 'a'.repeat(0xffff), data: PAYLOAD }]), 'long.zip')
    const deepName = zipFile(
      rawZip([{ name: `${'d/'.repeat(2000)}evil.txt`, data: PAYLOAD }]),
      'deep.zip',
    )

    // Before the cap, the 2,000-level tree was made, then removing it overflowed Node 20's
    // recursive rmSync: a RangeError escaped and the staging folder stayed behind.
    expect(openAsPack(longName)).toMatch(/^RULES_INVALID: .*longer than 512 characters/)
    expect(openAsPack(deepName)).toMatch(/^RULES_INVALID: .*deeper than 32 folders/)
    expect(filesUnder(root)).toEqual(['deep.zip', 'long.zip'])
  })

  it('D1 a 300-character path segment (over NAME_MAX) is a typed refusal', () => {
    const path = zipFile(rawZip([{ name: `x/${'a'.repeat(300)}`, data: PAYLOAD }]))

    expect(openAsPack(path)).toMatch(/^RULES_INVALID: .*cannot be extracted \(ENAMETOOLONG/)
    expectNothingWritten()
  })

  it('D1 a Unicode lookalike "..∕" (U+2215) is an ordinary name: it stays inside the staging folder', () => {
    const path = zipFile(rawZip([{ name: '..\u2215..\u2215evil.txt', data: PAYLOAD }]))

    // Accepted by the reader (it is one path segment), then refused for want of a pack.json:
    // in between it was written inside the staging folder and removed with it.
    expect(outcome(() => openZip(path))).toBe('accepted')
    expect(openAsPack(path)).toMatch(/^RULES_NOT_FOUND: Rule pack has no readable pack.json/)
    expectNothingWritten()
  })

  it.each([
    [
      'a file then a folder of the same name',
      [
        { name: 'a', data: PAYLOAD },
        { name: 'a/b', data: PAYLOAD },
      ],
    ],
    [
      'a folder then a file of the same name',
      [
        { name: 'a/b', data: PAYLOAD },
        { name: 'a', data: PAYLOAD },
      ],
    ],
    ['the staging folder itself (".")', [{ name: '.', data: PAYLOAD }]],
  ])('D1 %s: a typed refusal, not a raw file-system error', (_, entries) => {
    const path = zipFile(rawZip(entries))

    expect(openAsPack(path)).toMatch(/^RULES_INVALID: Rule pack refused: entry /)
    expectNothingWritten()
  })
})

describe('D2 links and special files are refused before extraction', () => {
  it.each([
    ['a symbolic link to /etc/passwd', 0o120777],
    ['a character device', 0o020644],
    ['a block device', 0o060644],
    ['a FIFO', 0o010644],
    ['a socket', 0o140644],
  ])('D2 refuses %s', (_, mode) => {
    const path = zipFile(
      rawZip([
        { name: 'link', data: Buffer.from('/etc/passwd'), unixMode: mode },
        { name: 'link/x', data: PAYLOAD },
      ]),
    )

    expect(outcome(() => openZip(path))).toMatch(
      /^INVALID_INPUT: .*"link" is (a symbolic link|not a regular file or folder)/,
    )
    expect(openAsPack(path)).toMatch(/^RULES_INVALID: /)
    expectNothingWritten()
  })

  it('D2 hard links do not exist in ZIP: a DOS-made entry with link bits is a plain file', () => {
    // Only Unix-made entries carry a file type; the same bits from a DOS host mean nothing.
    const path = zipFile(rawZip([{ name: 'x', data: PAYLOAD, unixMode: 0o120777, host: 0 }]))
    const zip = openZip(path)
    try {
      expect(zip.read(zip.entries[0]!).toString()).toBe('evil')
    } finally {
      zip.close()
    }
  })
})

describe('D3 zip bombs and size lies stop at our caps', () => {
  it('D3 1 GiB of zeros deflated (~1 MB, streamed at test time) is refused from its header', () => {
    const path = join(root, 'bomb.zip')
    writeZeroBomb(path, 1024)
    const rssBefore = process.memoryUsage().rss

    expect(outcome(() => openZip(path))).toMatch(/^INVALID_INPUT: .*more than 268435456 bytes/)
    expect(outcome(() => openZip(path, BUNDLE_ZIP_LIMITS))).toMatch(/more than 536870912 bytes/)
    expect(openAsPack(path)).toMatch(/^RULES_INVALID: .*more than 33554432 bytes/)
    expect(outcome(() => openZip(path, { ...BUNDLE_ZIP_LIMITS, maxEntryBytes: 2 ** 31 }))).toMatch(
      /compresses more than 200:1/,
    )
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024)
    expect(filesUnder(root)).toEqual(['bomb.zip'])
  })

  it('D3 the same 1 GiB stream under a header that says 1,000 bytes: the read stops at 1,001', () => {
    const path = join(root, 'liar.zip')
    writeZeroBomb(path, 1024, 1000)
    const rssBefore = process.memoryUsage().rss
    const zip = openZip(path)
    try {
      expect(outcome(() => zip.read(zip.entries[0]!))).toMatch(
        /^INVALID_INPUT: .*does not decompress/,
      )
    } finally {
      zip.close()
    }
    expect(openAsPack(path)).toMatch(/^RULES_INVALID: .*does not decompress/)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024)
    expect(filesUnder(root)).toEqual(['liar.zip'])
  })

  it('D3 an entry whose header says 10 bytes but holds 100 kB (stored) is refused', () => {
    const bytes = rawZip([{ name: 'x', data: Buffer.alloc(100_000, 0x41) }])
    // Patch both headers' sizes to 10: stored data must equal the declared size.
    bytes.writeUInt32LE(10, 22)
    const cd = bytes.length - 22 - 46 - 1
    bytes.writeUInt32LE(10, cd + 24)
    const path = zipFile(bytes)

    expect(outcome(() => openZip(path))).toMatch(/^INVALID_INPUT: .*inconsistent sizes/)
  })

  it('D3 65,534 tiny entries (the most a classic ZIP can list) exceed the entry caps', () => {
    const entries = Array.from({ length: 0xfffe }, (_, i) => ({
      name: `f${i}`,
      data: 'x',
      method: 'stored' as const,
    }))
    const path = zipFile(buildZip(entries))

    expect(outcome(() => openZip(path))).toMatch(/more than 10000 entries/)
    expect(openAsPack(path)).toMatch(/^RULES_INVALID: .*more than 20000 entries/)
    expectNothingWritten()
  })

  it('D3 100,000 entries need ZIP64 (count 0xFFFF): refused', () => {
    const bytes = rawZip([{ name: 'x', data: PAYLOAD }])
    bytes.writeUInt16LE(0xffff, bytes.length - 12)
    bytes.writeUInt16LE(0xffff, bytes.length - 14)

    expect(outcome(() => openZip(zipFile(bytes)))).toMatch(/ZIP64 archives are not supported/)
  })

  it('D3 overlapping entries à la Fifield (1,000 × one 100 kB kernel) are refused', () => {
    const bytes = overlappingBomb(1000, 100_000)
    const path = zipFile(bytes)

    // Each entry alone is honest (1:1, right CRC), and all fit the caps: only the overlap
    // check stands between this ~136 kB file and ~100 MB of output.
    expect(bytes.length).toBeLessThan(200_000)
    expect(outcome(() => openZip(path, PACK_ZIP_LIMITS))).toMatch(/overlaps another entry/)
    expect(openAsPack(path)).toMatch(/^RULES_INVALID: .*overlaps another entry/)
    expectNothingWritten()
  })

  it('D3 control: the same bomb with its overlap hidden would be accepted, proving the check', () => {
    // One entry of the bomb alone: its data still quotes headers, but nothing overlaps it.
    const bytes = overlappingBomb(1, 100_000)
    expect(outcome(() => openZip(zipFile(bytes)))).toBe('accepted')
  })

  it('D3 the ratio cap: 2 MiB of zeros (~1000:1) is refused before inflating, for packs too', () => {
    const path = zipFile(buildZip([{ name: 'pack.json', data: Buffer.alloc(2 * 1024 * 1024) }]))

    expect(outcome(() => openZip(path))).toMatch(/compresses more than 200:1/)
    expect(openAsPack(path)).toMatch(/^RULES_INVALID: .*compresses more than 200:1/)
    expectNothingWritten()
  })
})
