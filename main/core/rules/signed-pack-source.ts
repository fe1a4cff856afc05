import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve, sep } from 'node:path'
import { openZip } from '../archive/zip-reader'
import type { ZipLimits } from '../archive/zip-reader'
import { AppError } from '../model/errors'
import type { SignerResolution } from '../share/keys/trust-store'
import { MAX_MANIFEST_BYTES, parseManifest } from './pack-manifest'
import type { PackManifest } from './pack-manifest'
import { checkPackSignature, PACK_SIGNATURE_FILE } from './pack-signature'
import type { PackSignature } from './pack-signature'

/** Limits for a pack arriving as a zip: far above real packs (signature-base is ~30 MiB). */
export const PACK_ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 200,
}

/** The longest entry name a pack zip may hold: `pack.json` lists paths of at most 512. */
const MAX_ENTRY_NAME_CHARS = 512
/** The deepest entry a pack zip may hold, in path segments. */
const MAX_ENTRY_DEPTH = 32

/** A signed pack (folder or extracted zip) whose `pack.json` checked out against its signature. */
export interface SignedPackSource {
  /** The pack's files: the source folder, or a private temporary copy of a zip. */
  readonly folder: string
  readonly manifestBytes: Buffer
  readonly manifest: PackManifest
  readonly signature: PackSignature
  /** Remove the temporary copy of a zip; a no-op for a folder. */
  readonly discard: () => void
}

/**
 * Open a signed pack, in order: unsafe zip entries and caps (a zip is extracted into a private
 * temporary folder), then `pack.json` (size, schema) against `pack.json.minisig` with our own
 * and trusted keys — never unsigned. Nothing else of the pack is read yet: the caller loads it.
 * `label` names the pack in messages ("Rule pack", "The previous release"), `manifestFile` its
 * manifest in schema errors.
 *
 * @throws AppError `RULES_NOT_FOUND`, `RULES_INVALID`, `BUNDLE_UNTRUSTED`, `SIGNATURE_INVALID`;
 *   a temporary copy is removed first.
 */
export function openSignedPackSource(
  source: string,
  resolveKey: (keyId: string) => SignerResolution,
  label: string,
  manifestFile = 'pack.json',
): SignedPackSource {
  let isFile: boolean
  try {
    isFile = statSync(source).isFile()
  } catch (error: unknown) {
    throw new AppError('RULES_NOT_FOUND', `${label} ${source} does not exist.`, { cause: error })
  }
  const extracted = isFile ? extractPackZip(source, label) : null
  const folder = extracted ?? source
  const discard = (): void => {
    if (extracted !== null) rmSync(extracted, { recursive: true, force: true })
  }
  try {
    const manifestBytes = readManifestBytes(folder, label)
    const manifest = parseManifest(manifestBytes, manifestFile)
    const signatureText = readSmallText(join(folder, PACK_SIGNATURE_FILE), 64 * 1024)
    const signature = checkPackSignature(manifestBytes, manifest, signatureText, {
      resolveKey,
      allowUnsigned: false,
    })
    return { folder, manifestBytes, manifest, signature, discard }
  } catch (error: unknown) {
    discard()
    throw error
  }
}

/** `pack.json`'s bytes, bounded. */
export function readManifestBytes(folder: string, label: string): Buffer {
  const path = join(folder, 'pack.json')
  try {
    if (statSync(path).size > MAX_MANIFEST_BYTES) {
      throw new AppError('RULES_INVALID', `pack.json is larger than ${MAX_MANIFEST_BYTES} bytes.`)
    }
    return readFileSync(path)
  } catch (error: unknown) {
    if (error instanceof AppError) throw error
    throw new AppError('RULES_NOT_FOUND', `${label} has no readable pack.json.`, { cause: error })
  }
}

/** A small text file's content, or null when there is none (a minisig is a few hundred bytes). */
export function readSmallText(path: string, maxBytes: number): string | null {
  try {
    if (statSync(path).size > maxBytes) {
      throw new AppError('RULES_INVALID', `${path} is larger than ${maxBytes} bytes.`)
    }
    return readFileSync(path, 'utf8')
  } catch (error: unknown) {
    if (error instanceof AppError) throw error
    return null
  }
}

/** Extract a pack zip into a private temporary folder, refusing anything unsafe first. */
function extractPackZip(path: string, label: string): string {
  let zip
  try {
    zip = openZip(path, PACK_ZIP_LIMITS)
  } catch (error: unknown) {
    if (error instanceof AppError && error.code === 'INVALID_INPUT') {
      throw new AppError('RULES_INVALID', `${label} refused: ${error.message}`, { cause: error })
    }
    throw error
  }
  const folder = mkdtempSync(join(tmpdir(), 'outpost-pack-'))
  try {
    for (const entry of zip.entries) {
      if (entry.isDirectory) continue
      writeEntry(folder, entry.name, () => zip.read(entry), label)
    }
    return folder
  } catch (error: unknown) {
    rmSync(folder, { recursive: true, force: true })
    if (error instanceof AppError && error.code === 'INVALID_INPUT') {
      throw new AppError('RULES_INVALID', `${label} refused: ${error.message}`, { cause: error })
    }
    throw error
  } finally {
    zip.close()
  }
}

/**
 * Write one entry under `folder`. Names are already safe (no `..`, absolute path or `\\`), but
 * a hostile zip can still name a file and a folder alike (`a` and `a/b`) or write `.`: the file
 * system refuses those, and that refusal becomes the pack's error, not a raw Node error.
 */
function writeEntry(folder: string, name: string, data: () => Buffer, label: string): void {
  // A pack lists paths of at most 512 characters; deeper trees than any pack needs are refused
  // before mkdir: removing a 2,000-level tree overflows Node 20's recursive rmSync.
  if (name.length > MAX_ENTRY_NAME_CHARS || name.split('/').length > MAX_ENTRY_DEPTH) {
    throw new AppError(
      'RULES_INVALID',
      `${label} refused: an entry name is longer than ${MAX_ENTRY_NAME_CHARS} characters or ` +
        `deeper than ${MAX_ENTRY_DEPTH} folders.`,
    )
  }
  const target = resolve(folder, name)
  if (!target.startsWith(folder + sep)) {
    throw new AppError('RULES_INVALID', `${label} refused: entry "${name}" is not a file path.`)
  }
  const bytes = data()
  try {
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, bytes, { flag: 'wx', mode: 0o600 })
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new AppError(
      'RULES_INVALID',
      `${label} refused: entry "${name}" cannot be extracted (${code}: it clashes with another entry).`,
      { cause: error },
    )
  }
}
