import type { SignerResolution } from '../share/keys/trust-store'
import { loadRulePack } from './load-pack'
import type { LoadedPack } from './load-pack'
import { diffPacks } from './pack-diff'
import type { PackDiff } from './pack-diff'
import { parseManifest } from './pack-manifest'
import type { PackManifest } from './pack-manifest'
import { checkSequence } from './pack-signature'
import type { PackSignature } from './pack-signature'
import type { InstalledPack, PackInstall, PackStore } from './pack-store'
import { openSignedPackSource, readManifestBytes } from './signed-pack-source'

export { PACK_ZIP_LIMITS } from './signed-pack-source'

/** A checked pack waiting for the analyst to confirm its activation. */
export interface PackImportPlan {
  readonly manifest: PackManifest
  readonly signature: PackSignature
  readonly pack: LoadedPack
  /** Against the active version of the same pack; null when none is installed. */
  readonly diff: PackDiff | null
  readonly installed: InstalledPack | null
  /** Where the checked files are (a temporary folder for a zip). */
  readonly folder: string
  readonly manifestBytes: Buffer
  /** Remove the temporary copy (a zip's extraction); a no-op for a folder. */
  discard(): void
}

/** What {@link preparePackImport} needs. */
export interface PackImportOptions {
  readonly store: PackStore
  readonly resolveKey: (keyId: string) => SignerResolution
  /** Compile the pack with its declared externals, bounded in time (a scan process does). */
  readonly compile: (pack: LoadedPack) => Promise<void>
}

/**
 * Check a signed pack (folder or zip) for import, in order: unsafe zip entries and caps; the
 * signature of `pack.json` against own and trusted keys; `sequence` above the installed one;
 * every file's hash, nothing unlisted, no `include`, rules equal to the manifest (the loader);
 * a time-bounded compile. Returns the diff against the active version; nothing is installed
 * until {@link confirmPackImport}.
 *
 * @throws AppError from whichever check fails; a temporary copy is removed first.
 */
export async function preparePackImport(
  source: string,
  options: PackImportOptions,
): Promise<PackImportPlan> {
  const opened = openSignedPackSource(source, options.resolveKey, 'Rule pack')
  const { folder, manifestBytes, manifest, signature } = opened
  const discard = (): void => {
    opened.discard()
  }
  try {
    const installed = options.store.find(manifest.name)
    const highest = installed?.installs.reduce((a, b) => (b.sequence > a.sequence ? b : a))
    checkSequence(manifest, highest ?? null)
    const pack = await loadRulePack(folder, 'local')
    await options.compile(pack)
    const diff = installed?.active
      ? await diffAgainst(options.store, installed, pack, manifest)
      : null
    return { manifest, signature, pack, diff, installed, folder, manifestBytes, discard }
  } catch (error: unknown) {
    discard()
    throw error
  }
}

/** Install the checked pack and make it the active version, atomically; then clean up. */
export function confirmPackImport(
  plan: PackImportPlan,
  store: PackStore,
  installedBy: string,
): PackInstall {
  try {
    const install = store.install(plan.folder, plan.manifest, {
      signature: plan.signature.status === 'unsigned' ? 'unsigned' : plan.signature.status,
      keyId: plan.signature.keyId,
      installedBy,
      manifestBytes: plan.manifestBytes,
    })
    store.activate(plan.manifest.name, install.id)
    return install
  } finally {
    plan.discard()
  }
}

async function diffAgainst(
  store: PackStore,
  installed: InstalledPack,
  pack: LoadedPack,
  manifest: PackManifest,
): Promise<PackDiff> {
  const active = installed.active as PackInstall
  const folder = store.folderOf(installed.name, active.id)
  const before = await loadRulePack(folder, 'local')
  const beforeManifest = parseManifest(readManifestBytes(folder, 'The installed pack'))
  return diffPacks(
    { rules: before.rules, engine: beforeManifest.engine },
    { rules: pack.rules, engine: manifest.engine },
  )
}
