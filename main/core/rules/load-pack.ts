import { realpath, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { AppError } from '../model/errors'
import { loadManifestPack } from './load-manifest-pack'
import { assembleLoadedPack } from './loaded-pack'
import type { LoadedPack } from './loaded-pack'

export type { LoadedPack, PackRule } from './loaded-pack'
import {
  isRuleFileName,
  listPackFolder,
  pathExists,
  readBoundedFile,
  resolveInsidePack,
  sanitiseNamespace,
  sha256Hex,
} from './pack-files'
import { MAX_PACK_FILE_BYTES } from './pack-manifest'
import { packRuleFromSource, parseRuleFiles } from './pack-rules'
import { selfContainedSources } from './self-contained-rule'

/** The version every pack without a manifest gets. */
export const LOCAL_PACK_VERSION = 'local'

/**
 * Load and check a rule pack: a folder with `pack.json`, a folder of rules, or one rule file.
 *
 * A folder with `pack.json` is checked end to end (schema, every file's size and SHA-256,
 * nothing unlisted, nothing escaping the folder, listed rules equal to the parsed ones). Any
 * other folder, or a single `.yar`/`.yara` file, is an unsigned local pack named after it.
 * `include` statements are never followed: they are errors.
 *
 * @throws AppError `RULES_NOT_FOUND` when `path` does not exist or holds no rule file, and
 *   `RULES_INVALID` (diagnostics in `details`) for everything a pack gets wrong.
 */
export async function loadRulePack(
  path: string,
  origin: 'bundled' | 'local',
  options: LoadOptions = {},
): Promise<LoadedPack> {
  const root = await realRoot(path)
  const info = await stat(root)
  if (info.isDirectory()) {
    if (await pathExists(join(root, 'pack.json'))) return loadManifestPack(root, origin)
    const name = options.name ?? (await storeNameOf(root))
    return loadLocalPack(root, origin, await localFolderFiles(root), name)
  }
  if (info.isFile() && isRuleFileName(root)) {
    return loadLocalPack(root, origin, [{ relPath: basename(root), realPath: root }], options.name)
  }
  throw notAPack(root)
}

/** Options of {@link loadRulePack}. */
export interface LoadOptions {
  /**
   * The name of a pack without a manifest (a store folder is `local-3`, its pack is not);
   * default: the folder's or file's name.
   */
  readonly name?: string | undefined
}

/** The rule files of a folder without a manifest (or of one rule file), read but not parsed. */
export interface LocalRuleFiles {
  readonly root: string
  /** The folder's or file's name (without `.yar`). */
  readonly name: string
  /** Sorted by path; `path` is relative to the folder. */
  readonly files: readonly { readonly path: string; readonly text: string }[]
}

/**
 * Read the rule files of a plain folder or a single rule file, for validation: unlike
 * {@link loadRulePack}, nothing is parsed, so a file with an `include` or a syntax error can
 * still be reported on (and dropped).
 *
 * @throws AppError `RULES_NOT_FOUND` (nothing there, no rule file), `RULES_INVALID` (a folder
 *   with `pack.json`, a file that is not a rule file, a symlink leaving the folder, a file too big).
 */
export async function readLocalRuleFiles(path: string): Promise<LocalRuleFiles> {
  const root = await realRoot(path)
  const info = await stat(root)
  let files: LocalFile[]
  if (info.isDirectory()) {
    if (await pathExists(join(root, 'pack.json'))) {
      throw new AppError('RULES_INVALID', `${root} is a pack with a manifest, not a plain folder.`)
    }
    files = await localFolderFiles(root)
  } else if (info.isFile() && isRuleFileName(root)) {
    files = [{ relPath: basename(root), realPath: root }]
  } else throw notAPack(root)
  const read = await Promise.all(
    files.map(async (file) => {
      const bytes = await readBoundedFile(file.realPath, MAX_PACK_FILE_BYTES, file.relPath)
      return { path: file.relPath, text: bytes.toString('utf8') }
    }),
  )
  return { root, name: localPackName(root), files: read }
}

/**
 * The store name of a local pack installed in the pack store (`<store>/<name>/local-<n>/`, with
 * `<store>/store.json`), so callers that only have the folder still get the pack's name and
 * namespace, not `local-3`; undefined for any other folder.
 */
async function storeNameOf(root: string): Promise<string | undefined> {
  if (!/^local-\d+$/.test(basename(root))) return undefined
  const packDir = dirname(root)
  return (await pathExists(join(dirname(packDir), 'store.json'))) ? basename(packDir) : undefined
}

function notAPack(root: string): AppError {
  return new AppError(
    'RULES_INVALID',
    `${root} is neither a rule pack folder nor a .yar/.yara rule file.`,
  )
}

function localPackName(root: string): string {
  return basename(root).replace(/\.yara?$/i, '')
}

async function realRoot(path: string): Promise<string> {
  try {
    return await realpath(resolve(path))
  } catch (error: unknown) {
    throw new AppError('RULES_NOT_FOUND', `No rule pack at ${resolve(path)}.`, { cause: error })
  }
}

interface LocalFile {
  readonly relPath: string
  readonly realPath: string
}

/** The rule files of a folder without a manifest; symlinks must stay inside it. */
async function localFolderFiles(root: string): Promise<LocalFile[]> {
  const entries = await listPackFolder(root, { skipHidden: true })
  const files: LocalFile[] = []
  for (const entry of entries.filter((e) => isRuleFileName(e.relPath))) {
    const realPath = entry.isSymlink ? await resolveInsidePack(root, entry.relPath) : entry.absPath
    files.push({ relPath: entry.relPath, realPath })
  }
  if (files.length === 0) {
    throw new AppError('RULES_NOT_FOUND', `No .yar or .yara rule file in ${root}.`)
  }
  return files
}

/** Build an unsigned pack from rule files found on disk. */
async function loadLocalPack(
  root: string,
  origin: 'bundled' | 'local',
  files: readonly LocalFile[],
  givenName?: string,
): Promise<LoadedPack> {
  const name = givenName ?? localPackName(root)
  const namespace = sanitiseNamespace(name)
  const read = await Promise.all(
    files.map(async (file) => {
      const bytes = await readBoundedFile(file.realPath, MAX_PACK_FILE_BYTES, file.relPath)
      return { ...file, sha256: sha256Hex(bytes), text: bytes.toString('utf8') }
    }),
  )
  const located = parseRuleFiles(read.map((file) => ({ path: file.relPath, text: file.text })))
  const shareable = selfContainedSources(located)
  const rules = located.map((rule) =>
    packRuleFromSource(rule, namespace, shareable.get(rule.rule.name) ?? rule.rule.text),
  )
  // A stable identity for a pack that has no manifest: the sorted files and their hashes.
  const listing = read.map((file) => ({ path: file.relPath, sha256: file.sha256 }))
  const manifestSha256 = sha256Hex(JSON.stringify(listing))
  return assembleLoadedPack({
    name,
    version: LOCAL_PACK_VERSION,
    origin,
    root,
    namespace,
    sources: read.map((file) => ({ path: file.realPath, displayName: file.relPath })),
    rules,
    manifestSha256,
  })
}
