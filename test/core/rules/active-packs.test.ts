import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensureDefaultPack, loadActivePacks } from '../../../main/core/rules/active-packs'
import { serialiseManifest } from '../../../main/core/rules/build-manifest'
import { parseManifest } from '../../../main/core/rules/pack-manifest'
import { PackStore } from '../../../main/core/rules/pack-store'
import { ROOT } from '../../helpers/launcher'
import { tempDir } from '../../helpers/temp-dir'
import { installVersion, versionedPack } from '../../helpers/versioned-pack'

const BUNDLED = join(ROOT, 'rules')

/** The shipped pack re-released with another sequence (an app update). */
function bundledWithSequence(sequence: number): string {
  const folder = join(tempDir(), 'rules')
  cpSync(BUNDLED, folder, { recursive: true })
  const manifest = parseManifest(readFileSync(join(folder, 'pack.json')))
  writeFileSync(
    join(folder, 'pack.json'),
    serialiseManifest({ ...manifest, version: `1.${sequence}.0`, sequence }),
  )
  return folder
}

describe('the default pack in the store', () => {
  it('is installed and activated on first run, once', async () => {
    const store = new PackStore(tempDir())
    const install = await ensureDefaultPack(store, BUNDLED, 'Outpost test')
    expect(install).toMatchObject({ signature: 'bundled', installedBy: 'Outpost test' })
    expect(store.find('outpost-default')?.active?.id).toBe(install?.id)
    expect(await ensureDefaultPack(store, BUNDLED, 'Outpost test')).toBeNull()
    expect(store.find('outpost-default')?.installs).toHaveLength(1)
  })

  it('two first uses at once (pack list and scan start) install it once, neither fails', async () => {
    const store = new PackStore(tempDir())
    const both = await Promise.all([
      ensureDefaultPack(store, BUNDLED, 'list'),
      loadActivePacks(new PackStore(store.dir), BUNDLED, 'scan'),
    ])
    expect(both[0]).not.toBeNull()
    expect(both[1].map((p) => p.summary.name)).toEqual(['outpost-default'])
    expect(store.find('outpost-default')?.installs).toHaveLength(1)
  })

  it('an app update with a higher sequence installs and activates it; the old one stays', async () => {
    const store = new PackStore(tempDir())
    await ensureDefaultPack(store, BUNDLED, 'v1')
    const update = await ensureDefaultPack(store, bundledWithSequence(7), 'v2')
    expect(update?.sequence).toBe(7)
    const pack = store.find('outpost-default')
    expect(pack?.active?.sequence).toBe(7)
    expect(pack?.installs.map((i) => i.sequence)).toEqual([1, 7])
  })

  it('a newer version the analyst imported stays active over the shipped one', async () => {
    const store = new PackStore(tempDir())
    const imported = await versionedPack('outpost-default', '2.0.0', 9, [
      { name: 'TEST_Own', id: 'O-1', marker: 'own-marker' },
    ])
    store.activate('outpost-default', installVersion(store, imported).id)
    expect(await ensureDefaultPack(store, bundledWithSequence(7), 'v2')).toBeNull()
    expect(store.find('outpost-default')?.active?.version).toBe('2.0.0')
  })

  it('a scan without named packs gets every active pack, signed status from the install', async () => {
    const store = new PackStore(tempDir())
    const other = await versionedPack('markers', '1.0.0', 1, [
      { name: 'TEST_Alpha', id: 'T-1', marker: 'alpha-marker' },
    ])
    store.activate('markers', installVersion(store, other).id)
    const packs = await loadActivePacks(store, BUNDLED, 'test')
    expect(packs.map((p) => [p.summary.name, p.summary.origin, p.summary.signed])).toEqual([
      ['markers', 'local', true],
      ['outpost-default', 'bundled', false],
    ])
  })

  it('refuses an active pack changed at rest', async () => {
    const store = new PackStore(tempDir())
    await ensureDefaultPack(store, BUNDLED, 'test')
    const active = store.find('outpost-default')!.active!
    const file = join(store.folderOf('outpost-default', active.id), 'rules', 'test-files.yar')
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// changed\n`)
    await expect(loadActivePacks(store, BUNDLED, 'test')).rejects.toMatchObject({
      code: 'RULES_INVALID',
    })
  })
})
