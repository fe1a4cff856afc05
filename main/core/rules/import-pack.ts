import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { openZip } from '../archive/zip-reader'
import type { ZipLimits } from '../archive/zip-reader'
import { AppError } from '../model/errors'
import type { SignerResolution } from '../share/keys/trust-store'
import { loadRulePack } from './load-pack'
import type { LoadedPack } from './load-pack'
import { diffPacks } from './pack-diff'
import type { PackDiff } from './pack-diff'
import { MAX_MANIFEST_BYTES, parseManifest } from './pack-manifest'
import type { PackManifest } from './pack-manifest'
import { checkPackSignature, checkSequence, PACK_SIGNATURE_FILE } from './pack-signature'
import type { PackSignature } from './pack-signature'
import type { InstalledPack, PackInstall, PackStore } from './pack-store'

/** Limits for a pack arriving as a zip: far above real packs (signature-base is ~30 MiB). */
export const PACK_ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 200,
}

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
  const extracted = statSync(source).isFile() ? extractZip(source) : null
  const folder = extracted ?? source
  const discard = (): void => {
    if (extracted !== null) rmSync(extracted, { recursive: true, force: true })
  }
  try {
    const manifestBytes = readSmall(join(folder, 'pack.json'), 'pack.json')
    const manifest = parseManifest(manifestBytes)
    const signatureText = readOptional(join(folder, PACK_SIGNATURE_FILE))
    const signature = checkPackSignature(manifestBytes, manifest, signatureText, {
      resolveKey: options.resolveKey,
      allowUnsigned: false,
    })
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
  const beforeManifest = parseManifest(readSmall(join(folder, 'pack.json'), 'pack.json'))
  return diffPacks(
    { rules: before.rules, engine: beforeManifest.engine },
    { rules: pack.rules, engine: manifest.engine },
  )
}

/** Extract a pack zip into a private temporary folder, refusing anything unsafe first. */
function extractZip(path: string): string {
  let zip
  try {
    zip = openZip(path, PACK_ZIP_LIMITS)
  } catch (error: unknown) {
    if (error instanceof AppError && error.code === 'INVALID_INPUT') {
      throw new AppError('RULES_INVALID', `Rule pack refused: ${error.message}`, { cause: error })
    }
    throw error
  }
  const folder = mkdtempSync(join(tmpdir(), 'outpost-pack-'))
  try {
    for (const entry of zip.entries) {
      if (entry.isDirectory) continue
      const target = join(folder, entry.name)
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, zip.read(entry), { flag: 'wx', mode: 0o600 })
    }
    return folder
  } catch (error: unknown) {
    rmSync(folder, { recursive: true, force: true })
    throw error
  } finally {
    zip.close()
  }
}

function readSmall(path: string, name: string): Buffer {
  try {
    if (statSync(path).size > MAX_MANIFEST_BYTES) {
      throw new AppError('RULES_INVALID', `${name} is larger than ${MAX_MANIFEST_BYTES} bytes.`)
    }
    return readFileSync(path)
  } catch (error: unknown) {
    if (error instanceof AppError) throw error
    throw new AppError('RULES_NOT_FOUND', `The pack has no readable ${name}.`, { cause: error })
  }
}

/** The signature file's text, or null when there is none (a minisig is a few hundred bytes). */
function readOptional(path: string): string | null {
  try {
    if (statSync(path).size > 64 * 1024) {
      throw new AppError('SIGNATURE_INVALID', `${PACK_SIGNATURE_FILE} is too large to be one.`)
    }
    return readFileSync(path, 'utf8')
  } catch (error: unknown) {
    if (error instanceof AppError) throw error
    return null
  }
}
