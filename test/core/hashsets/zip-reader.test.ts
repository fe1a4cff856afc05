import { describe, expect, it } from 'vitest'
import {
  DEFAULT_ZIP_LIMITS,
  isUnsafeEntryName,
  openZip,
} from '../../../main/core/archive/zip-reader'
import { writeTemp, writeZip } from './hashset-fixtures'

function refusal(run: () => unknown): string {
  try {
    run()
  } catch (error: unknown) {
    return `${(error as { code: string }).code}: ${(error as Error).message}`
  }
  return 'accepted'
}

describe('openZip', () => {
  it('lists and reads stored and deflated entries, CRC-checked', () => {
    const text = 'hello '.repeat(1000)
    const path = writeZip([
      { name: 'b/', data: '', method: 'stored' },
      { name: 'b/stored.txt', data: 'plain', method: 'stored' },
      { name: 'b/deflated.txt', data: text, method: 'deflate' },
    ])

    const zip = openZip(path)
    try {
      expect(zip.entries.map((e) => [e.name, e.isDirectory, e.method])).toEqual([
        ['b/', true, 'stored'],
        ['b/stored.txt', false, 'stored'],
        ['b/deflated.txt', false, 'deflate'],
      ])
      const stored = zip.find('b/stored.txt')
      const deflated = zip.find('b/deflated.txt')
      expect(stored && zip.read(stored).toString()).toBe('plain')
      expect(deflated && zip.read(deflated).toString()).toBe(text)
    } finally {
      zip.close()
    }
  })

  it.each([
    ['../evil.txt', 'unsafe name'],
    ['a/../../evil.txt', 'unsafe name'],
    ['/etc/passwd', 'unsafe name'],
    ['C:/Windows/evil.dll', 'unsafe name'],
    ['a\\..\\evil.txt', 'unsafe name'],
  ])('refuses the zip-slip entry %s', (name, why) => {
    const path = writeZip([
      { name: 'ok.txt', data: 'fine' },
      { name, data: 'bad' },
    ])

    expect(refusal(() => openZip(path))).toMatch(new RegExp(`^INVALID_INPUT: .*${why}`))
  })

  it('refuses symbolic links', () => {
    const path = writeZip([
      { name: 'link', data: '/etc/passwd', method: 'stored', unixMode: 0o120777 },
    ])

    expect(refusal(() => openZip(path))).toMatch(/INVALID_INPUT: .*symbolic link/)
  })

  it('refuses entries past the size and ratio caps before inflating them', () => {
    const bomb = writeZip([{ name: 'zeros', data: Buffer.alloc(2 * 1024 * 1024) }])
    const big = writeZip([{ name: 'big', data: 'x'.repeat(5000), method: 'stored' }])

    expect(refusal(() => openZip(bomb))).toMatch(/compresses more than 200:1/)
    expect(refusal(() => openZip(big, { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 4096 }))).toMatch(
      /more than 4096 bytes/,
    )
    expect(refusal(() => openZip(big, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 4096 }))).toMatch(
      /more than 4096 bytes/,
    )
  })

  it('refuses an entry whose data is longer than its header says', () => {
    const path = writeZip([{ name: 'liar', data: 'a'.repeat(3000), declaredSize: 100 }])
    const zip = openZip(path)
    try {
      const entry = zip.find('liar')
      expect(entry).toBeDefined()
      expect(refusal(() => entry && zip.read(entry))).toMatch(/INVALID_INPUT/)
    } finally {
      zip.close()
    }
  })

  it('refuses what is not a zip', () => {
    expect(refusal(() => openZip(writeTemp('x.zip', 'PK not really a zip at all')))).toMatch(
      /INVALID_INPUT: .*no end-of-central-directory/,
    )
    expect(refusal(() => openZip('/nonexistent/x.zip'))).toMatch(/^PATH_NOT_FOUND/)
  })

  it.each([
    ['stix/bundle.json', false],
    ['a/b/c.txt', false],
    ['..', true],
    ['a/..', true],
    ['', true],
    ['a\u0000b', true],
  ])('isUnsafeEntryName(%j) is %s', (name, unsafe) => {
    expect(isUnsafeEntryName(name)).toBe(unsafe)
  })
})
