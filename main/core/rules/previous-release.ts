import { join } from 'node:path'
import type { SignerResolution } from '../share/keys/trust-store'
import { loadRulePack } from './load-pack'
import type { LoadedPack } from './loaded-pack'
import { sha256Hex } from './pack-files'
import type { PackManifest } from './pack-manifest'
import type { PackSignature } from './pack-signature'
import { openSignedPackSource, readSmallText } from './signed-pack-source'

/** The version a new release supersedes, checked as an import would check it. */
export interface PreviousRelease {
  readonly manifest: PackManifest
  readonly manifestSha256: string
  readonly signature: PackSignature
  readonly pack: LoadedPack
  /** Its `CHANGELOG.md`, when it has one: the history the new release continues. */
  readonly changelog: string | null
}

/**
 * Open the previous signed release of a pack (folder or zip) and check it end to end: its
 * signature by one of our keys or a trusted one (never unsigned), then every file (the loader).
 * A zip is extracted into a private temporary folder, removed before returning.
 *
 * @throws AppError `RULES_NOT_FOUND` when it is missing; `BUNDLE_UNTRUSTED`,
 *   `SIGNATURE_INVALID` or `RULES_INVALID` when it does not check out.
 */
export async function openPreviousRelease(
  source: string,
  resolveKey: (keyId: string) => SignerResolution,
): Promise<PreviousRelease> {
  const opened = openSignedPackSource(
    source,
    resolveKey,
    'The previous release',
    'the previous release’s pack.json',
  )
  try {
    const { folder, manifest, manifestBytes, signature } = opened
    const pack = await loadRulePack(folder, 'local')
    const changelog = readSmallText(join(folder, 'CHANGELOG.md'), 4 * 1024 * 1024)
    return {
      manifest,
      manifestSha256: sha256Hex(manifestBytes),
      signature,
      pack,
      changelog: manifest.files.some((f) => f.path === 'CHANGELOG.md') ? changelog : null,
    }
  } finally {
    opened.discard()
  }
}
