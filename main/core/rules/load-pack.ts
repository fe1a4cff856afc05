import { realpath, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
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
export async function loadRulePack(path: string, origin: 'bundled' | 'local'): Promise<LoadedPack> {
  const root = await realRoot(path)
  const info = await stat(root)
  if (info.isDirectory()) {
    if (await pathExists(join(root, 'pack.json'))) return loadManifestPack(root, origin)
    return loadLocalPack(root, origin, await localFolderFiles(root))
  }
  if (info.isFile() && isRuleFileName(root)) {
    return loadLocalPack(root, origin, [{ relPath: basename(root), realPath: root }])
  }
  throw new AppError(
    'RULES_INVALID',
    `${root} is neither a rule pack folder nor a .yar/.yara rule file.`,
  )
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
): Promise<LoadedPack> {
  const name = basename(root).replace(/\.yara?$/i, '')
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
