import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../main/core/model/errors'
import {
  confirmLocalPackImport,
  prepareLocalPackImport,
} from '../../../main/core/rules/import-local-pack'
import { loadRulePack } from '../../../main/core/rules/load-pack'
import { parseManifest } from '../../../main/core/rules/pack-manifest'
import { PackStore } from '../../../main/core/rules/pack-store'
import { validateInChild } from '../../../main/core/rules/validate-in-child'
import { validateRuleFiles } from '../../../main/core/rules/validate-pack'
import { ROOT, sourceLauncher } from '../../helpers/launcher'
import { tempDir } from '../../helpers/temp-dir'

const V1 = {
  'web.yar': `rule Web_Marker
{
    strings:
        $w = "web-marker-one"
    condition:
        $w
}

rule Broken_Regex
{
    strings:
        $r = /broken(/
    condition:
        $r
}
`,
  'sub/tools.yar': 'rule Tool_Marker { strings: $t = "tool-marker" condition: $t }\n',
}

function folder(files: Record<string, string>, name = 'Partner Rules'): string {
  const dir = join(tempDir('outpost-plain-'), name)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

function options(store: PackStore, dropInvalid = true, name?: string) {
  return {
    store,
    dropInvalid,
    name,
    validate: (...args: Parameters<typeof validateRuleFiles>) =>
      Promise.resolve(validateRuleFiles(...args)),
  }
}

describe('importing a plain rule folder as an unsigned local pack', () => {
  it('validates, drops the failing rule, installs local-1 under the folder name and activates', async () => {
    const store = PackStore.forDataDir(tempDir())
    const source = folder(V1)

    const plan = await prepareLocalPackImport(source, options(store))
    expect(store.find('partner-rules')).toBeNull()
    const install = confirmLocalPackImport(plan, store, 'ana')

    expect(plan.name).toBe('partner-rules')
    expect(plan.diff).toBeNull()
    expect(plan.dropped).toEqual([
      expect.objectContaining({ file: 'web.yar', rule: 'Broken_Regex', code: 'E014' }),
    ])
    expect(install).toMatchObject({
      id: 'local-1',
      version: 'local',
      sequence: 1,
      signature: 'unsigned',
      keyId: null,
      source,
      dropped: plan.dropped,
    })
    const [active] = store.activePacks()
    expect(active?.folder).toBe(store.folderOf('partner-rules', 'local-1'))
    const stored = readFileSync(join(active!.folder, 'web.yar'), 'utf8')
    expect(stored).not.toMatch(/Broken_Regex/)
    expect(stored.split('\n')).toHaveLength(V1['web.yar'].split('\n').length)
    const loaded = await loadRulePack(active!.folder, 'local', { name: active!.name })
    expect(loaded.summary.name).toBe('partner-rules')
    expect(loaded.namespace).toBe('partner_rules')
    expect(loaded.rules.map((r) => r.name).sort()).toEqual(['Tool_Marker', 'Web_Marker'])
    expect(loaded.manifestSha256).toBe(install.manifestSha256)
    // A caller with only the folder (scan --rules <store folder>) gets the store name too.
    const byFolder = await loadRulePack(active!.folder, 'local')
    expect([byFolder.summary.name, byFolder.namespace]).toEqual(['partner-rules', 'partner_rules'])
  })

  it('diffs a second import against the active one and installs it as local-2', async () => {
    const store = PackStore.forDataDir(tempDir())
    confirmLocalPackImport(await prepareLocalPackImport(folder(V1), options(store)), store, 'ana')
    const v2 = {
      'web.yar': V1['web.yar'].replace('web-marker-one', 'web-marker-two'),
      'new.yar': 'rule New_Marker { strings: $n = "new-marker" condition: $n }\n',
    }

    const plan = await prepareLocalPackImport(folder(v2), options(store))
    expect(store.find('partner-rules')?.active?.id).toBe('local-1')
    const install = confirmLocalPackImport(plan, store, 'ana')

    expect(plan.diff?.added.map((r) => r.name)).toEqual(['New_Marker'])
    expect(plan.diff?.removed.map((r) => r.name)).toEqual(['Tool_Marker'])
    expect(plan.diff?.logicChanged.map((p) => p.after.name)).toEqual(['Web_Marker'])
    expect(install.id).toBe('local-2')
    expect(store.find('partner-rules')?.installs.map((i) => i.id)).toEqual(['local-1', 'local-2'])
    expect(store.find('partner-rules')?.active?.id).toBe('local-2')
  })

  it('refuses errors without --drop-invalid, with every diagnostic, and installs nothing', async () => {
    const store = PackStore.forDataDir(tempDir())

    const refused = await prepareLocalPackImport(folder(V1), options(store, false)).catch(
      (error: unknown) => error,
    )

    expect(refused).toBeInstanceOf(AppError)
    expect((refused as AppError).code).toBe('RULES_INVALID')
    expect((refused as AppError).message).toMatch(/web\.yar:12:\d+: error E014.*--drop-invalid/)
    expect((refused as AppError).details).toEqual([
      expect.objectContaining({ rule: 'Broken_Regex', code: 'E014' }),
    ])
    expect(store.list()).toEqual([])
  })

  it('never shares a name with a signed pack, either way round', async () => {
    const store = PackStore.forDataDir(tempDir())
    const bytes = readFileSync(join(ROOT, 'rules', 'pack.json'))
    const manifest = parseManifest(bytes)
    const facts = {
      signature: 'bundled' as const,
      keyId: null,
      installedBy: 'ana',
      manifestBytes: bytes,
    }
    store.install(join(ROOT, 'rules'), manifest, facts)
    confirmLocalPackImport(
      await prepareLocalPackImport(folder(V1), options(store, true, 'mine')),
      store,
      'ana',
    )

    await expect(
      prepareLocalPackImport(folder(V1), options(store, true, manifest.name)),
    ).rejects.toThrow(/A signed rule pack named outpost-default is installed.*--name/)
    expect(() => store.install(join(ROOT, 'rules'), { ...manifest, name: 'mine' }, facts)).toThrow(
      /unsigned local pack named mine/,
    )
  })

  it('refuses a store copy changed after install before it is scanned with', async () => {
    const store = PackStore.forDataDir(tempDir())
    confirmLocalPackImport(await prepareLocalPackImport(folder(V1), options(store)), store, 'ana')
    const [active] = store.activePacks()
    writeFileSync(join(active!.folder, 'sub', 'tools.yar'), 'rule Swapped { condition: true }\n')

    expect(() => store.activeFolders()).toThrow(/changed after it was installed/)
  })

  it('refuses a name the store cannot hold before validating anything', async () => {
    const store = PackStore.forDataDir(tempDir())
    let validated = false
    const refused = prepareLocalPackImport(folder(V1), {
      ...options(store, true, 'Not A Name'),
      validate: () => {
        validated = true
        return Promise.reject(new Error('not reached'))
      },
    })

    await expect(refused).rejects.toThrow(/"Not A Name" cannot name a pack/)
    expect(validated).toBe(false)
  })

  it('takes a single .yar file, named after it', async () => {
    const store = PackStore.forDataDir(tempDir())
    const file = join(folder({ 'Single-Set.yar': V1['sub/tools.yar'] }), 'Single-Set.yar')

    const plan = await prepareLocalPackImport(file, options(store))

    expect(plan.name).toBe('single-set')
    expect(plan.pack.rules.map((r) => r.name)).toEqual(['Tool_Marker'])
    plan.discard()
  })
})

describe('validation in a scan process', () => {
  it('returns what the in-process validator returns', async () => {
    const files = Object.entries(V1).map(([path, text]) => ({ path, text }))
    const options = { namespace: 'p', dropInvalid: true }

    const result = await validateInChild(files, { ...options, launcher: sourceLauncher() })

    expect(result).toEqual(validateRuleFiles(files, options))
  })

  it('is bounded in time: past the deadline the process is killed and the import refused', async () => {
    const files = Object.entries(V1).map(([path, text]) => ({ path, text }))

    const late = validateInChild(files, {
      namespace: 'p',
      dropInvalid: true,
      launcher: sourceLauncher(),
      deadlineMs: 5,
    })

    await expect(late).rejects.toMatchObject({ code: 'SCAN_FAILED', message: /longer than/ })
  })
})
