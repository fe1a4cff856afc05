import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { openZip } from '../archive/zip-reader'
import { AppError } from '../model/errors'
import type { SignerResolution } from '../share/keys/trust-store'
import { PACK_ZIP_LIMITS } from './import-pack'
import { loadRulePack } from './load-pack'
import type { LoadedPack } from './loaded-pack'
import { sha256Hex } from './pack-files'
import { MAX_MANIFEST_BYTES, parseManifest } from './pack-manifest'
import type { PackManifest } from './pack-manifest'
import { checkPackSignature, PACK_SIGNATURE_FILE } from './pack-signature'
import type { PackSignature } from './pack-signature'

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
  let isFile: boolean
  try {
    isFile = statSync(source).isFile()
  } catch (error: unknown) {
    throw new AppError('RULES_NOT_FOUND', `The previous release ${source} does not exist.`, {
      cause: error,
    })
  }
  const extracted = isFile ? extractZip(source) : null
  const folder = extracted ?? source
  try {
    const manifestBytes = readBounded(join(folder, 'pack.json'), MAX_MANIFEST_BYTES, 'pack.json')
    const manifest = parseManifest(manifestBytes, 'the previous release’s pack.json')
    const signatureBytes = readOptional(join(folder, PACK_SIGNATURE_FILE))
    const signature = checkPackSignature(manifestBytes, manifest, signatureBytes, {
      resolveKey,
      allowUnsigned: false,
    })
    const pack = await loadRulePack(folder, 'local')
    const changelogBytes = readOptional(join(folder, 'CHANGELOG.md'))
    return {
      manifest,
      manifestSha256: sha256Hex(manifestBytes),
      signature,
      pack,
      changelog: manifest.files.some((f) => f.path === 'CHANGELOG.md') ? changelogBytes : null,
    }
  } finally {
    if (extracted !== null) rmSync(extracted, { recursive: true, force: true })
  }
}

/** Extract a pack zip into a private temporary folder, refusing anything unsafe first. */
function extractZip(path: string): string {
  let zip
  try {
    zip = openZip(path, PACK_ZIP_LIMITS)
  } catch (error: unknown) {
    if (error instanceof AppError && error.code === 'INVALID_INPUT') {
      throw new AppError('RULES_INVALID', `Previous release refused: ${error.message}`, {
        cause: error,
      })
    }
    throw error
  }
  const folder = mkdtempSync(join(tmpdir(), 'outpost-previous-'))
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

function readBounded(path: string, limit: number, name: string): Buffer {
  try {
    if (statSync(path).size > limit) {
      throw new AppError('RULES_INVALID', `${name} is larger than ${limit} bytes.`)
    }
    return readFileSync(path)
  } catch (error: unknown) {
    if (error instanceof AppError) throw error
    throw new AppError('RULES_NOT_FOUND', `The previous release has no readable ${name}.`, {
      cause: error,
    })
  }
}

/** A small text file's content, or null when there is none (a minisig is a few hundred bytes). */
function readOptional(path: string): string | null {
  try {
    if (statSync(path).size > 4 * 1024 * 1024) {
      throw new AppError('RULES_INVALID', `${path} is too large.`)
    }
    return readFileSync(path, 'utf8')
  } catch (error: unknown) {
    if (error instanceof AppError) throw error
    return null
  }
}
