import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { sha256Hex } from '../crypto/digest'
import { isRuleFileName } from './pack-files'

/**
 * The identity of a pack without a manifest, as `loadRulePack` computes it: the SHA-256 of
 * `JSON.stringify([{ path, sha256 }, …])` over its rule files sorted by path (hidden names
 * skipped). Synchronous, for the store's check of an installed local pack before a scan.
 */
export function localListingSha256(folder: string): string {
  const paths = readdirSync(folder, { recursive: true })
    .map(String)
    .map((path) => path.split('\\').join('/'))
    .filter((path) => !path.split('/').some((part) => part.startsWith('.')))
    .filter((path) => isRuleFileName(path) && statSync(join(folder, path)).isFile())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const listing = paths.map((path) => ({
    path,
    sha256: sha256Hex(readFileSync(join(folder, path))),
  }))
  return sha256Hex(JSON.stringify(listing))
}
