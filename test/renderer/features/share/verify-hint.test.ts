import { describe, expect, it } from 'vitest'
import {
  baseName,
  shellWord,
  verifyCommands,
} from '../../../../renderer/features/share/verify-hint'

describe('verify-hint', () => {
  it.each([
    ['/exports/a.zip', 'a.zip'],
    ['C:\\exports\\b.zip', 'b.zip'],
    ['c.zip', 'c.zip'],
  ])('baseName(%s) is %s', (path, expected) => {
    expect(baseName(path)).toBe(expected)
  })

  it.each([
    ['plain-name_1.zip', 'plain-name_1.zip'],
    ['with space.zip', "'with space.zip'"],
    ["it's.zip", "'it'\\''s.zip'"],
    ['$(rm -rf x).zip', "'$(rm -rf x).zip'"],
  ])('shellWord(%s) is %s', (word, expected) => {
    expect(shellWord(word)).toBe(expected)
  })

  it('checks the zip, unpacks it, checks SHA256SUMS and every file', () => {
    expect(verifyCommands('/out/Case A.zip', 'RWQ+key=')).toEqual([
      "minisign -Vm 'Case A.zip' -P RWQ+key=",
      "unzip 'Case A.zip' -d 'Case A' && cd 'Case A'",
      'minisign -Vm SHA256SUMS -P RWQ+key=',
      'sha256sum -c SHA256SUMS',
    ])
  })

  it('leaves out the signature checks when the key is not known', () => {
    expect(verifyCommands('/out/b.zip', null)).toEqual([
      'unzip b.zip -d b && cd b',
      'sha256sum -c SHA256SUMS',
    ])
  })
})
