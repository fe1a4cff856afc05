import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { serialiseManifest } from '../../main/core/rules/build-manifest'
import { parseManifest } from '../../main/core/rules/pack-manifest'
import type { PackManifest } from '../../main/core/rules/pack-manifest'
import { packTrustedComment } from '../../main/core/rules/pack-signature'
import { ROOT } from './launcher'
import type { Workbench } from './shared-case'
import { tempDir } from './temp-dir'

/**
 * The default pack's rules re-published by `publisher` as pack `name` (not the shipped pack's
 * name: the app installs that one itself), `version` / `sequence`, signed with its key
 * (`pack.json.minisig`), in a fresh folder.
 */
export function signedPack(
  publisher: Workbench,
  version: string,
  sequence: number,
  name = 'harbour-rules',
): string {
  const folder = join(tempDir(), `${name}-${version}`)
  cpSync(join(ROOT, 'rules'), folder, { recursive: true })
  const original = parseManifest(readFileSync(join(folder, 'pack.json')))
  const namespace = name.replace(/[^A-Za-z0-9_]/g, '_')
  const manifest = {
    ...original,
    name,
    version,
    sequence,
    publisher: { name: 'Publisher', key_id: publisher.signer.keyId },
    rules: original.rules.map((rule) => ({ ...rule, namespace })),
  }
  writeSignedManifest(folder, manifest, publisher)
  return folder
}

/** Write `manifest` as the folder's `pack.json` and sign it with `publisher`'s key. */
export function writeSignedManifest(
  folder: string,
  manifest: PackManifest,
  publisher: Workbench,
): void {
  const bytes = Buffer.from(serialiseManifest(manifest))
  writeFileSync(join(folder, 'pack.json'), bytes)
  writeFileSync(
    join(folder, 'pack.json.minisig'),
    publisher.signer.sign(bytes, packTrustedComment(manifest)),
  )
}
