import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildZip } from '../../../main/core/archive/zip-writer'
import { confirmPackImport, preparePackImport } from '../../../main/core/rules/import-pack'
import { PackStore } from '../../../main/core/rules/pack-store'
import { resolveSigner } from '../../../main/core/share/keys/trust-store'
import { workbench } from '../../helpers/shared-case'
import type { Workbench } from '../../helpers/shared-case'
import { signedPack } from '../../helpers/signed-pack'

function zipOf(folder: string): string {
  const files: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.push(path)
    }
  }
  walk(folder)
  const path = `${folder}.zip`
  writeFileSync(
    path,
    buildZip(files.sort().map((f) => ({ name: relative(folder, f), data: readFileSync(f) }))),
  )
  return path
}

function options(bench: Workbench, store: PackStore) {
  return {
    store,
    resolveKey: (id: string) => resolveSigner(id, bench.stores),
    compile: async () => {},
  }
}

describe('importing a signed rule pack', () => {
  it('checks, diffs against the active version, and activates only on confirmation', async () => {
    const publisher = workbench('Publisher')
    const store = PackStore.forDataDir(publisher.dataDir)

    const first = await preparePackImport(
      zipOf(signedPack(publisher, '1.0.0', 10)),
      options(publisher, store),
    )
    expect(first.diff).toBeNull()
    expect(store.find('harbour-rules')).toBeNull()
    confirmPackImport(first, store, 'ana')
    const second = await preparePackImport(
      signedPack(publisher, '1.1.0', 11),
      options(publisher, store),
    )

    expect(first.signature.status).toBe('own')
    expect(second.diff?.unchanged).toBe(second.pack.rules.length)
    expect(second.diff?.added).toEqual([])
    expect(store.find('harbour-rules')?.active?.version).toBe('1.0.0')
    confirmPackImport(second, store, 'ana')
    expect(store.find('harbour-rules')?.active?.version).toBe('1.1.0')
  })

  it('refuses a replayed older pack, an untrusted one, a tampered file, and one that does not compile', async () => {
    const publisher = workbench('Publisher')
    const store = PackStore.forDataDir(publisher.dataDir)
    confirmPackImport(
      await preparePackImport(signedPack(publisher, '2.0.0', 20), options(publisher, store)),
      store,
      'ana',
    )

    await expect(
      preparePackImport(signedPack(publisher, '1.9.0', 19), options(publisher, store)),
    ).rejects.toThrow(/never goes back/)
    const stranger = workbench('Stranger')
    await expect(
      preparePackImport(signedPack(publisher, '2.1.0', 21), options(stranger, store)),
    ).rejects.toThrow(expect.objectContaining({ code: 'BUNDLE_UNTRUSTED' }))
    const tampered = signedPack(publisher, '2.2.0', 22)
    const ruleFile = join(tampered, 'rules', 'webshells.yar')
    writeFileSync(ruleFile, `${readFileSync(ruleFile, 'utf8')}\n// changed`)
    await expect(preparePackImport(tampered, options(publisher, store))).rejects.toThrow(
      /webshells.yar is \d+ bytes but pack.json says/,
    )
    const failing = {
      ...options(publisher, store),
      compile: () => Promise.reject(new Error('does not compile')),
    }
    await expect(preparePackImport(signedPack(publisher, '2.3.0', 23), failing)).rejects.toThrow(
      /does not compile/,
    )
    expect(store.find('harbour-rules')?.active?.version).toBe('2.0.0')
  })
})
