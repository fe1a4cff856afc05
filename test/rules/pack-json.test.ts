import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { buildManifest, manifestHeader } from '../../main/core/rules/build-manifest'
import { readPackContents } from '../../main/core/rules/pack-files'
import { parseManifest } from '../../main/core/rules/pack-manifest'

describe('rules/pack.json', () => {
  it('is what scripts/build-default-pack.ts produces from the files of rules/', async () => {
    const committed = parseManifest(await readFile('rules/pack.json'))

    const rebuilt = buildManifest(manifestHeader(committed), await readPackContents('rules'))

    // If this fails: run `node --import tsx scripts/build-default-pack.ts` and commit the result.
    expect(rebuilt).toEqual(committed)
  })

  it('describes the first release of outpost-default', async () => {
    const manifest = parseManifest(await readFile('rules/pack.json'))

    expect(manifest).toMatchObject({
      name: 'outpost-default',
      version: '1.0.0',
      sequence: 1,
      tlp: 'clear',
      license: 'MIT',
      supersedes: null,
      publisher: { key_id: null },
    })
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['LICENSE', 'CHANGELOG.md']),
    )
  })
})
