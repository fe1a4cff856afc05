import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serialiseManifest } from '../../../main/core/rules/build-manifest'
import { loadRulePack } from '../../../main/core/rules/load-pack'
import { parseManifest } from '../../../main/core/rules/pack-manifest'
import { PackStore } from '../../../main/core/rules/pack-store'
import { ROOT } from '../../helpers/launcher'
import { tempDir } from '../../helpers/temp-dir'

/** A copy of the default pack as version `version`, sequence `sequence`. */
function packCopy(version: string, sequence: number): { folder: string; bytes: Buffer } {
  const folder = join(tempDir(), `outpost-default-${version}`)
  cpSync(join(ROOT, 'rules'), folder, { recursive: true })
  const manifest = { ...parseManifest(readFileSync(join(folder, 'pack.json'))), version, sequence }
  const bytes = Buffer.from(serialiseManifest(manifest))
  writeFileSync(join(folder, 'pack.json'), bytes)
  return { folder, bytes }
}

function install(store: PackStore, version: string, sequence: number) {
  const { folder, bytes } = packCopy(version, sequence)
  return store.install(folder, parseManifest(bytes), {
    signature: 'bundled',
    keyId: null,
    installedBy: 'ana',
    manifestBytes: bytes,
  })
}

describe('the rule pack store', () => {
  it('installs versions side by side, activates one, and rolls back to an earlier one', async () => {
    const store = PackStore.forDataDir(tempDir())

    const first = install(store, '1.0.0', 1)
    const second = install(store, '1.1.0', 2)
    store.activate('outpost-default', second.id)
    const folders = store.activeFolders()
    const loaded = await loadRulePack(folders[0] ?? '', 'local')
    store.activate('outpost-default', first.id)

    expect(loaded.summary.version).toBe('1.1.0')
    expect(store.find('outpost-default')?.installs.map((i) => i.id)).toEqual(['1.0.0-1', '1.1.0-2'])
    expect(store.find('outpost-default')?.active?.version).toBe('1.0.0')
    expect(store.activeFolders()).toEqual([store.folderOf('outpost-default', '1.0.0-1')])
  })

  it('refuses the same version twice, an unknown version, and a pack changed at rest', () => {
    const store = PackStore.forDataDir(tempDir())
    const first = install(store, '1.0.0', 1)
    store.activate('outpost-default', first.id)

    expect(() => install(store, '1.0.0', 1)).toThrow(/already installed/)
    expect(() => store.activate('outpost-default', '9.9.9-9')).toThrow(/no installed version/)
    const manifest = join(store.folderOf('outpost-default', first.id), 'pack.json')
    writeFileSync(manifest, `${readFileSync(manifest, 'utf8')} `)
    expect(() => store.activeFolders()).toThrow(/changed after it was installed/)
  })

  it('leaves a damaged store file alone and says so', () => {
    const dataDir = tempDir()
    const store = PackStore.forDataDir(dataDir)
    install(store, '1.0.0', 1)
    writeFileSync(
      join(dataDir, 'packs', 'store.json'),
      '{"format":"outpost-pack-store/1","__proto__":{}}',
    )

    expect(() => store.list()).toThrow(/is damaged/)
    expect(readFileSync(join(dataDir, 'packs', 'store.json'), 'utf8')).toContain('__proto__')
  })
})
