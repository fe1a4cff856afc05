import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { confirmPackImport, preparePackImport } from '../../../main/core/rules/import-pack'
import { loadRulePack } from '../../../main/core/rules/load-pack'
import { buildPackRelease } from '../../../main/core/rules/pack-release'
import type { PackReleaseOptions } from '../../../main/core/rules/pack-release'
import { PackStore } from '../../../main/core/rules/pack-store'
import { serialiseSuppressions } from '../../../main/core/rules/suppressions-file'
import { resolveSigner } from '../../../main/core/share/keys/trust-store'
import { workbench } from '../../helpers/shared-case'
import type { Workbench } from '../../helpers/shared-case'
import { tempDir } from '../../helpers/temp-dir'
import { authoringFolder, V1_RULES, V2_RULES, yarRule } from '../../helpers/pack-authoring'

const CLOCK_1 = (): Date => new Date('2026-03-01T10:00:00.000Z')
const CLOCK_2 = (): Date => new Date('2026-04-02T10:00:00.000Z')

function options(bench: Workbench, over: Partial<PackReleaseOptions> = {}): PackReleaseOptions {
  return {
    signer: bench.signer,
    resolveKey: (id) => resolveSigner(id, bench.stores),
    name: 'test-pack',
    tlp: 'amber',
    license: 'MIT',
    clock: CLOCK_1,
    ...over,
  }
}

function importOptions(bench: Workbench, store: PackStore) {
  return {
    store,
    resolveKey: (id: string) => resolveSigner(id, bench.stores),
    compile: async () => {},
  }
}

describe('releasing a signed pack from an authoring folder', () => {
  it('builds v1 then v2 whose changelog, sequence and supersedes match what an import sees', async () => {
    const bench = workbench('Test CERT')
    const dir = authoringFolder(V1_RULES)
    const v1 = await buildPackRelease(dir, options(bench))

    expect(v1.folder).toBe(join(dir, '..', 'test-pack-1.0.0'))
    expect(v1.manifest).toMatchObject({
      version: '1.0.0',
      sequence: 1,
      supersedes: null,
      created: '2026-03-01T10:00:00Z',
      publisher: { name: 'Test CERT', key_id: bench.signer.keyId },
      tlp: 'amber',
    })
    expect(v1.manifest.files.map((f) => f.path)).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'rules/a.yar',
      'rules/b.yar',
    ])
    expect(readFileSync(join(v1.folder, 'CHANGELOG.md'), 'utf8')).toBe(
      '# Changelog\n\n## 1.0.0 — 2026-03-01 (sequence 1)\n\nInitial release: 5 rules.\n',
    )
    expect(readFileSync(join(dir, 'rules', 'a.yar'), 'utf8')).toBe(V1_RULES['a.yar'])

    const store = PackStore.forDataDir(bench.dataDir)
    const plan1 = await preparePackImport(v1.folder, importOptions(bench, store))
    expect(plan1.signature.status).toBe('own')
    confirmPackImport(plan1, store, 'ana')

    // The author edits the rules, then releases v2 over v1.
    rmSync(join(dir, 'rules'), { recursive: true })
    mkdirSync(join(dir, 'rules'))
    for (const [name, text] of Object.entries(V2_RULES))
      writeFileSync(join(dir, 'rules', name), text)
    const v2 = await buildPackRelease(dir, options(bench, { previous: v1.folder, clock: CLOCK_2 }))
    const v1Sha = createHash('sha256')
      .update(readFileSync(join(v1.folder, 'pack.json')))
      .digest('hex')

    expect(v2.manifest).toMatchObject({
      version: '1.0.1',
      sequence: 2,
      supersedes: { version: '1.0.0', sequence: 1, pack_sha256: v1Sha },
    })
    const changelog = readFileSync(join(v2.folder, 'CHANGELOG.md'), 'utf8')
    expect(changelog).toBe(
      [
        '# Changelog',
        '',
        '## 1.0.1 — 2026-04-02 (sequence 2)',
        '',
        '### Added',
        '',
        '- `T-6` Added',
        '',
        '### Removed',
        '',
        '- `T-5` Gone',
        '',
        '### Renamed',
        '',
        '- `T-2` Old_Name → New_Name',
        '',
        '### Logic changed',
        '',
        '- `T-3` Logic',
        '',
        '### Meta only',
        '',
        '- `T-4` Meta',
        '',
        '## 1.0.0 — 2026-03-01 (sequence 1)',
        '',
        'Initial release: 5 rules.',
        '',
      ].join('\n'),
    )
    const plan2 = await preparePackImport(v2.folder, importOptions(bench, store))
    const names = (list: readonly { name: string }[]): string[] => list.map((r) => r.name)
    const pairNames = (list: readonly { after: { name: string } }[]): string[] =>
      list.map((p) => p.after.name)
    expect(plan2.diff).not.toBeNull()
    expect(names(plan2.diff!.added)).toEqual(names(v2.diff!.added))
    expect(names(plan2.diff!.removed)).toEqual(['Gone'])
    expect(pairNames(plan2.diff!.renamed)).toEqual(['New_Name'])
    expect(pairNames(plan2.diff!.logicChanged)).toEqual(['Logic'])
    expect(pairNames(plan2.diff!.metaOnly)).toEqual(['Meta'])
    expect(plan2.diff!.unchanged).toBe(1)
    plan2.discard()
  }, 60_000)

  it('writes a byte-identical zip for two builds with the same clock, importable as is', async () => {
    const bench = workbench('Test CERT')
    const dir = authoringFolder(V1_RULES)
    const first = await buildPackRelease(
      dir,
      options(bench, { zip: true, out: join(tempDir(), 'one') }),
    )
    const second = await buildPackRelease(
      dir,
      options(bench, { zip: true, out: join(tempDir(), 'two') }),
    )

    expect(first.zip).toBe(`${first.folder}.zip`)
    expect(readFileSync(first.zip!).equals(readFileSync(second.zip!))).toBe(true)
    const store = PackStore.forDataDir(bench.dataDir)
    const plan = await preparePackImport(first.zip!, importOptions(bench, store))
    expect(plan.pack.rules).toHaveLength(5)
    plan.discard()
    const later = await buildPackRelease(
      dir,
      options(bench, { zip: true, out: join(tempDir(), 'three'), clock: CLOCK_2 }),
    )
    expect(readFileSync(later.zip!).equals(readFileSync(first.zip!))).toBe(false)
  }, 60_000)

  it('refuses a previous release signed by a key we do not know', async () => {
    const stranger = workbench('Stranger')
    const bench = workbench('Test CERT')
    const dir = authoringFolder(V1_RULES)
    const theirs = await buildPackRelease(dir, options(stranger))

    await expect(
      buildPackRelease(dir, options(bench, { previous: theirs.folder, out: join(tempDir(), 'x') })),
    ).rejects.toMatchObject({ code: 'BUNDLE_UNTRUSTED' })
    // A tampered previous release of our own is refused too.
    const ours = await buildPackRelease(dir, options(bench, { out: join(tempDir(), 'ours') }))
    writeFileSync(join(ours.folder, 'rules', 'a.yar'), V2_RULES['a.yar'])
    await expect(
      buildPackRelease(dir, options(bench, { previous: ours.folder, out: join(tempDir(), 'y') })),
    ).rejects.toMatchObject({ code: 'RULES_INVALID' })
  }, 60_000)

  it('refuses to sign rules that do not compile, and writes nothing', async () => {
    const bench = workbench('Test CERT')
    const broken = yarRule('Broken', 'T-9', 'x').replace('$a\n}', '$a and pe.is_dll()\n}')
    const dir = authoringFolder({ ...V1_RULES, 'c.yar': broken })
    const out = join(tempDir(), 'never')

    const error: unknown = await buildPackRelease(dir, options(bench, { out, zip: true })).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: 'RULES_INVALID' })
    expect((error as Error).message).toMatch(/^Not signed: .*rules\/c\.yar:\d+/)
    expect(existsSync(out)).toBe(false)
    expect(existsSync(`${out}.zip`)).toBe(false)
  }, 60_000)

  it('refuses an output that already exists, and a version already in the changelog', async () => {
    const bench = workbench('Test CERT')
    const dir = authoringFolder(V1_RULES)
    const v1 = await buildPackRelease(dir, options(bench))
    await expect(buildPackRelease(dir, options(bench))).rejects.toThrow(/already exists/)
    cpSync(join(v1.folder, 'CHANGELOG.md'), join(dir, 'CHANGELOG.md'))
    await expect(
      buildPackRelease(dir, options(bench, { out: join(tempDir(), 'z') })),
    ).rejects.toThrow(/already has a section for 1\.0\.0/)
  }, 60_000)

  it('ships suppressions.json signed with the pack, and the loader exposes them', async () => {
    const bench = workbench('Test CERT')
    const dir = authoringFolder(V1_RULES)
    const list = [
      { ruleKey: 'name:test_pack:Gone', sha256: 'c'.repeat(64), reason: 'vendor tool' },
      { ruleKey: 'id:T-1', sha256: 'd'.repeat(64), reason: 'our test corpus' },
    ]
    const file = join(tempDir(), 'fp.json')
    writeFileSync(file, serialiseSuppressions(list))
    const release = await buildPackRelease(dir, options(bench, { suppressions: file }))
    const pack = await loadRulePack(release.folder, 'local')

    expect(release.manifest.files.map((f) => f.path)).toContain('suppressions.json')
    expect(pack.suppressions).toEqual([list[1], list[0]])
    expect((await loadRulePack(join(dir, 'rules'), 'local')).suppressions).toEqual([])
    // The next release ships one fewer; the changelog says so.
    writeFileSync(file, serialiseSuppressions([list[1]!]))
    const next = await buildPackRelease(
      dir,
      options(bench, { suppressions: file, previous: release.folder, out: join(tempDir(), 'n') }),
    )
    expect(next.changelogSection).toMatch(/### Suppressions\n\n- 1 removed \(1 in all\)\n$/)
    // Changing the file after signing breaks the pack: it is covered by the manifest.
    writeFileSync(join(release.folder, 'suppressions.json'), serialiseSuppressions([list[0]!]))
    await expect(loadRulePack(release.folder, 'local')).rejects.toThrow(/suppressions\.json/)
  }, 60_000)

  it('continues the released history unless the folder’s CHANGELOG already covers it', async () => {
    const bench = workbench('Test CERT')
    const dir = authoringFolder(V1_RULES)
    writeFileSync(join(dir, 'CHANGELOG.md'), '# Changelog\n\nStale notes.\n')
    const v1 = await buildPackRelease(dir, options(bench))
    const v2 = await buildPackRelease(
      dir,
      options(bench, { previous: v1.folder, out: join(tempDir(), 'v2'), clock: CLOCK_2 }),
    )
    const v2Log = readFileSync(join(v2.folder, 'CHANGELOG.md'), 'utf8')
    expect(v2Log).toBe(
      '# Changelog\n\nStale notes.\n\n## 1.0.1 — 2026-04-02 (sequence 2)\n\nNo rule changes: 5 rules.\n\n' +
        '## 1.0.0 — 2026-03-01 (sequence 1)\n\nInitial release: 5 rules.\n',
    )
    // The author copies the released log back and adds a note: their copy is used.
    writeFileSync(join(dir, 'CHANGELOG.md'), v2Log.replace('Stale notes.', 'Fresh notes.'))
    const v3 = await buildPackRelease(
      dir,
      options(bench, { previous: v2.folder, out: join(tempDir(), 'v3'), clock: CLOCK_2 }),
    )
    const v3Log = readFileSync(join(v3.folder, 'CHANGELOG.md'), 'utf8')
    expect(v3Log).toMatch(/^# Changelog\n\nFresh notes\.\n\n## 1\.0\.2 — [^\n]+\(sequence 3\)\n/)
    expect(v3Log.endsWith(v2Log.slice(v2Log.indexOf('## 1.0.1')))).toBe(true)
    // A pack.json in the folder without --previous: restarting its history at 1 is refused;
    // under another name it is a new pack with its own history.
    cpSync(join(v3.folder, 'pack.json'), join(dir, 'pack.json'))
    await expect(
      buildPackRelease(dir, options(bench, { version: '9.0.0', out: join(tempDir(), 'v9') })),
    ).rejects.toThrow(/1\.0\.2 \(sequence 3\) was released: pass that signed release/)
    const renamed = await buildPackRelease(
      dir,
      options(bench, { name: 'fork-pack', version: '5.0.0', out: join(tempDir(), 'fork') }),
    )
    expect(renamed.manifest.sequence).toBe(1)
    expect(renamed.warnings).toEqual([expect.stringMatching(/fork-pack starts its own history/)])
  }, 60_000)

  it('refuses choices it cannot use, with a clear error and nothing written', async () => {
    const bench = workbench('Test CERT')
    const dir = authoringFolder(V1_RULES)
    const out = join(tempDir(), 'out')
    const bad = join(tempDir(), 'bad.json')
    writeFileSync(bad, '{"format":"outpost-suppressions/1","suppressions":[{"rule_key":"x"}]}')
    const cases: [Partial<PackReleaseOptions>, string, RegExp][] = [
      [{ name: 'Not A Name' }, 'INVALID_INPUT', /give --name/],
      [{ tlp: undefined }, 'INVALID_INPUT', /--tlp/],
      [{ tlp: 'purple' }, 'INVALID_INPUT', /not a TLP 2\.0 level/],
      [{ license: undefined }, 'INVALID_INPUT', /--license/],
      [{ suppressions: join(tempDir(), 'missing.json') }, 'PATH_UNREADABLE', /Cannot read/],
      [{ suppressions: bad }, 'RULES_INVALID', /not a valid suppressions file/],
      [{ previous: join(tempDir(), 'nowhere') }, 'RULES_NOT_FOUND', /does not exist/],
    ]
    for (const [over, code, message] of cases) {
      const error: unknown = await buildPackRelease(dir, options(bench, { out, ...over })).catch(
        (e: unknown) => e,
      )
      expect(error, JSON.stringify(over)).toMatchObject({ code })
      expect((error as Error).message).toMatch(message)
    }
    expect(existsSync(out)).toBe(false)
    const v1 = await buildPackRelease(dir, options(bench, { out }))
    await expect(
      buildPackRelease(
        dir,
        options(bench, { previous: v1.folder, version: '1.0.0', out: `${out}2` }),
      ),
    ).rejects.toThrow(/is the previous release's version/)
    await expect(
      buildPackRelease(dir, options(bench, { previous: v1.folder, name: 'other', out: `${out}3` })),
    ).rejects.toThrow(/supersedes its own pack/)
  }, 60_000)

  it('warns about rules without an id', async () => {
    const bench = workbench('Test CERT')
    const dir = authoringFolder({ 'a.yar': yarRule('No_Id', null, 'no-id-marker') })
    const release = await buildPackRelease(dir, options(bench))
    expect(release.warnings).toEqual([
      expect.stringMatching(/^rule No_Id \(rules\/a\.yar\) has no id meta/),
    ])
    expect(release.manifest.rules[0]?.id).toBeNull()
  }, 60_000)
})
