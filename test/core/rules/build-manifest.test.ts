import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  buildManifest,
  manifestHeader,
  serialiseManifest,
} from '../../../main/core/rules/build-manifest'
import type { PackFileContent, PackHeader } from '../../../main/core/rules/build-manifest'
import { parseManifest } from '../../../main/core/rules/pack-manifest'

const HEADER: PackHeader = {
  name: 'unit.pack',
  version: '0.1.0',
  sequence: 7,
  created: '2026-02-03T04:05:06Z',
  publisher: { name: 'Unit', key_id: 'AA9A0821A99FBBFE' },
  tlp: 'amber',
  license: 'CC0-1.0',
  engine: { min_version: '1.0.0' },
  supersedes: { version: '0.0.9', sequence: 6, pack_sha256: 'a'.repeat(64) },
}

const file = (path: string, text: string): PackFileContent => ({ path, content: Buffer.from(text) })

const META = 'author = "u" description = "Detects things" date = "2026-02-01"'
const WITH_PE = file(
  'rules/b.yar',
  `import "pe"\nrule B { meta: ${META} hash = "AB${'c'.repeat(62)}" sha256 = "${'d'.repeat(64)}" md5 = "${'e'.repeat(32)}" hash = "ab${'c'.repeat(62)}" condition: pe.is_pe and filename == "x" }\n`,
)
const PLAIN = file(
  'rules/a.yar',
  `rule A : one two { meta: ${META} modified = "2026-02-02" reference = "Internal Research" condition: extension == ".txt" }\n`,
)
const LICENSE = file('LICENSE', 'CC0\n')

describe('buildManifest', () => {
  it('lists files sorted by path and rules in file then source order, whatever the input order', () => {
    const one = buildManifest(HEADER, [WITH_PE, LICENSE, PLAIN])
    const two = buildManifest(HEADER, [PLAIN, WITH_PE, LICENSE])

    expect(one).toEqual(two)
    expect(one.files.map((f) => f.path)).toEqual(['LICENSE', 'rules/a.yar', 'rules/b.yar'])
    expect(one.files[0]).toEqual({
      path: 'LICENSE',
      sha256: createHash('sha256').update('CC0\n').digest('hex'),
      size: 4,
    })
    expect(one.rules.map((r) => [r.name, r.file, r.namespace])).toEqual([
      ['A', 'rules/a.yar', 'unit_pack'],
      ['B', 'rules/b.yar', 'unit_pack'],
    ])
  })

  it('declares the imported modules and the externals the conditions use', () => {
    const manifest = buildManifest(HEADER, [PLAIN, WITH_PE])

    expect(manifest.engine).toEqual({
      min_version: '1.0.0',
      modules: ['pe'],
      externals: ['filename', 'extension'],
    })
  })

  it('normalises rule meta: tags, optional fields, and sample hashes folded into hash[]', () => {
    const [a, b] = buildManifest(HEADER, [PLAIN, WITH_PE]).rules

    expect(a!.meta).toEqual({
      author: 'u',
      description: 'Detects things',
      reference: 'Internal Research',
      date: '2026-02-01',
      modified: '2026-02-02',
      score: 50,
      tags: ['one', 'two'],
    })
    expect(b!.meta.hash).toEqual([`ab${'c'.repeat(62)}`, 'd'.repeat(64), 'e'.repeat(32)])
    expect(a!.id).toBeNull()
    expect(a!.status).toBe('active')
  })

  it('round-trips through its serialised form and keeps the header', () => {
    const manifest = buildManifest(HEADER, [PLAIN])

    const text = serialiseManifest(manifest)

    expect(text.endsWith('}\n')).toBe(true)
    expect(parseManifest(Buffer.from(text))).toEqual(manifest)
    expect(manifestHeader(manifest)).toEqual(HEADER)
  })

  it.each([
    {
      what: 'a rule without author meta',
      files: [
        file(
          'rules/a.yar',
          'rule A { meta: description = "Detects x" date = "2026-01-01" condition: true }',
        ),
      ],
      message: /rule A has no author meta/,
    },
    {
      what: 'a date that is not YYYY-MM-DD',
      files: [
        file(
          'rules/a.yar',
          'rule A { meta: author = "u" description = "Detects x" date = "01/02/2026" condition: true }',
        ),
      ],
      message: /rules\.0\.meta\.date/,
    },
    {
      what: 'a rule file that does not parse',
      files: [file('rules/a.yar', 'rule A { meta: author = "u" }')],
      message: /rule A has no condition/,
    },
    {
      what: 'an unsafe path',
      files: [file('../a.yar', '')],
      message: /Unsafe pack path "\.\.\/a\.yar"/,
    },
  ])('refuses $what', ({ files, message }) => {
    expect(() => buildManifest(HEADER, files)).toThrow(message)
  })
})
