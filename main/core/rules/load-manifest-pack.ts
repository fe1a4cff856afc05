import { AppError } from '../model/errors'
import { assembleLoadedPack } from './loaded-pack'
import type { LoadedPack, PackRule } from './loaded-pack'
import { selfContainedSources } from './self-contained-rule'
import { checkRulesMatchManifest } from './manifest-rules-check'
import {
  fileDiagnostic,
  isRuleSourcePath,
  isSafeRelativePath,
  listPackFolder,
  packFileError,
  readBoundedFile,
  resolveInsidePack,
  sanitiseNamespace,
  sha256Hex,
  UNLISTED_PACK_FILES,
} from './pack-files'
import { MAX_MANIFEST_BYTES, MAX_PACK_FILE_BYTES, parseManifest } from './pack-manifest'
import type { ManifestFile, PackManifest } from './pack-manifest'
import { parseRuleFiles } from './pack-rules'
import type { LocatedRule } from './pack-rules'
import { metaRecord } from './yara-meta'
import { parseSuppressionsFile, SUPPRESSIONS_FILE } from './suppressions-file'

/** The most bytes all listed files of one pack may add up to. */
const MAX_PACK_TOTAL_BYTES = 512 * 1024 * 1024

interface CheckedFile {
  readonly entry: ManifestFile
  readonly realPath: string
  readonly bytes: Buffer
}

/**
 * Load a folder that has a `pack.json`: verify it completely before trusting any of it.
 *
 * Order matters: the manifest is parsed and its paths checked before anything else is read,
 * then the folder is walked for unlisted files, then each file's size and SHA-256 are checked,
 * and only then are rule sources parsed and compared with the manifest's rule list.
 *
 * @throws AppError `RULES_INVALID` naming the file at fault.
 */
export async function loadManifestPack(
  root: string,
  origin: 'bundled' | 'local',
): Promise<LoadedPack> {
  const manifestPath = await resolveInsidePack(root, 'pack.json')
  const manifestBytes = await readBoundedFile(manifestPath, MAX_MANIFEST_BYTES, 'pack.json')
  const manifest = parseManifest(manifestBytes)
  const namespace = sanitiseNamespace(manifest.name)
  checkListedPaths(manifest)
  await checkNothingUnlisted(root, manifest)
  const files = await readListedFiles(root, manifest)
  const sources = files.filter((file) => isRuleSourcePath(file.entry.path))
  const located = parseRuleFiles(
    sources.map((file) => ({ path: file.entry.path, text: file.bytes.toString('utf8') })),
  )
  checkRulesMatchManifest(manifest, located, namespace)
  const rules = packRules(manifest, located, namespace)
  const manifestSha256 = sha256Hex(manifestBytes)
  // Listed, so already size- and hash-checked like every file; parsed only if present.
  const suppressionsFile = files.find((file) => file.entry.path === SUPPRESSIONS_FILE)
  const suppressions =
    suppressionsFile === undefined ? [] : parseSuppressionsFile(suppressionsFile.bytes)
  return assembleLoadedPack({
    name: manifest.name,
    version: manifest.version,
    origin,
    root,
    namespace,
    sources: sources.map((f) => ({ path: f.realPath, displayName: f.entry.path })),
    rules,
    manifestSha256,
    tlp: manifest.tlp,
    suppressions,
  })
}

/**
 * The pack's rules: id, status, score and tags as the publisher declared them in the
 * manifest (status exists nowhere else); meta from the source, as the engine reports it.
 */
function packRules(
  manifest: PackManifest,
  located: readonly LocatedRule[],
  namespace: string,
): PackRule[] {
  const sourceMeta = new Map(located.map((l) => [l.rule.name, metaRecord(l.rule.meta)]))
  const shareable = selfContainedSources(located)
  return manifest.rules.map((rule) => ({
    id: rule.id,
    name: rule.name,
    namespace,
    file: rule.file,
    logicHash: rule.logic_hash,
    status: rule.status,
    score: rule.meta.score,
    tags: rule.meta.tags,
    meta: sourceMeta.get(rule.name) ?? {},
    source: shareable.get(rule.name) ?? '',
  }))
}

/** Every listed path is plain, relative, unique, and not the manifest itself. */
function checkListedPaths(manifest: PackManifest): void {
  const seen = new Set<string>()
  let total = 0
  for (const { path, size } of manifest.files) {
    if (!isSafeRelativePath(path)) {
      throw packFileError(path, `pack.json lists "${path}", which escapes the pack folder`)
    }
    if (UNLISTED_PACK_FILES.includes(path) || seen.has(path)) {
      throw packFileError(path, `pack.json lists "${path}" twice or lists itself`)
    }
    seen.add(path)
    total += size
  }
  if (total > MAX_PACK_TOTAL_BYTES) {
    throw new AppError('RULES_INVALID', `The pack's files add up to ${total} bytes; too big.`)
  }
}

/** Refuse any file in the folder that the manifest does not list (hidden files included). */
async function checkNothingUnlisted(root: string, manifest: PackManifest): Promise<void> {
  const listed = new Set(manifest.files.map((file) => file.path))
  const entries = await listPackFolder(root, { skipHidden: false })
  const unlisted = entries
    .map((entry) => entry.relPath)
    .filter((path) => !listed.has(path) && !UNLISTED_PACK_FILES.includes(path))
  const first = unlisted[0]
  if (first === undefined) return
  throw new AppError(
    'RULES_INVALID',
    `Rule pack refused: ${first} is in the pack folder but not listed in pack.json` +
      (unlisted.length > 1 ? ` (and ${unlisted.length - 1} more).` : '.'),
    { details: unlisted.map((path) => fileDiagnostic(path, 'file is not listed in pack.json')) },
  )
}

/** Read every listed file (symlinks must resolve inside) and check its size and SHA-256. */
async function readListedFiles(root: string, manifest: PackManifest): Promise<CheckedFile[]> {
  const checked: CheckedFile[] = []
  for (const entry of manifest.files) {
    const realPath = await resolveInsidePack(root, entry.path)
    const bytes = await readBoundedFile(realPath, MAX_PACK_FILE_BYTES, entry.path)
    if (bytes.length !== entry.size) {
      throw packFileError(
        entry.path,
        `${entry.path} is ${bytes.length} bytes but pack.json says ${entry.size}`,
      )
    }
    if (sha256Hex(bytes) !== entry.sha256) {
      throw packFileError(entry.path, `${entry.path} does not match its SHA-256 in pack.json`)
    }
    checked.push({ entry, realPath, bytes })
  }
  return checked
}
