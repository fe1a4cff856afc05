import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildManifest, serialiseManifest } from '../../main/core/rules/build-manifest'
import { readPackContents } from '../../main/core/rules/pack-files'
import type { PackManifest } from '../../main/core/rules/pack-manifest'
import type { PackInstall, PackStore } from '../../main/core/rules/pack-store'
import { tempDir } from './temp-dir'

/** One rule of a test pack: a text marker it matches, with an `id` meta. */
export interface MarkerRule {
  readonly name: string
  readonly id: string
  readonly marker: string
}

/** YARA source of marker rules, with the meta a manifest requires. */
export function markerRules(rules: readonly MarkerRule[]): string {
  return rules
    .map(
      (rule) => `rule ${rule.name} : test
{
  meta:
    id = "${rule.id}"
    author = "Tests"
    description = "Detects the test marker ${rule.marker}"
    date = "2026-11-01"
    score = 70
  strings:
    $m = "${rule.marker}"
  condition:
    $m
}
`,
    )
    .join('\n')
}

/** A manifest pack `name` at `version`/`sequence` holding `rules`, in a fresh folder. */
export async function versionedPack(
  name: string,
  version: string,
  sequence: number,
  rules: readonly MarkerRule[],
): Promise<{ readonly folder: string; readonly manifest: PackManifest }> {
  const folder = join(tempDir('outpost-vpack-'), `${name}-${version}`)
  mkdirSync(join(folder, 'rules'), { recursive: true })
  writeFileSync(join(folder, 'rules', 'markers.yar'), markerRules(rules))
  writeFileSync(join(folder, 'LICENSE'), 'MIT\n')
  const manifest = buildManifest(
    {
      name,
      version,
      sequence,
      created: '2026-11-01T00:00:00Z',
      publisher: { name: 'Tests', key_id: null },
      tlp: 'clear',
      license: 'MIT',
      engine: { min_version: '1.0.0' },
      supersedes: null,
    },
    await readPackContents(folder),
  )
  writeFileSync(join(folder, 'pack.json'), serialiseManifest(manifest))
  return { folder, manifest }
}

/** Install a {@link versionedPack} into `store` (as the analyst's own) and return the install. */
export function installVersion(
  store: PackStore,
  pack: { readonly folder: string; readonly manifest: PackManifest },
): PackInstall {
  return store.install(pack.folder, pack.manifest, {
    signature: 'own',
    keyId: null,
    installedBy: 'ana',
    manifestBytes: readFileSync(join(pack.folder, 'pack.json')),
  })
}
