import { realpath } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { AppError } from '../model/errors'
import { isTlpLevel } from '../model/tlp'
import { manifestHeader } from './build-manifest'
import type { PackFileContent, PackHeader } from './build-manifest'
import {
  isRuleFileName,
  listPackFolder,
  pathExists,
  readBoundedFile,
  resolveInsidePack,
} from './pack-files'
import { MAX_MANIFEST_BYTES, MAX_PACK_FILE_BYTES, parseManifest } from './pack-manifest'
import type { PackManifest } from './pack-manifest'
import type { LoadedPack } from './loaded-pack'
import type { PreviousRelease } from './previous-release'
import {
  MAX_SUPPRESSIONS_BYTES,
  parseSuppressionsFile,
  SUPPRESSIONS_FILE,
} from './suppressions-file'
import type { PackSuppression } from './suppressions-file'

/** What `pack.json` accepts as a name (checked here to suggest --name). */
const PACK_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/

/** What a person may decide on the command line; the rest comes from the folder or the past. */
export interface ReleaseChoices {
  readonly name?: string | undefined
  readonly version?: string | undefined
  readonly publisher?: string | undefined
  readonly tlp?: string | undefined
  readonly license?: string | undefined
  /** A suppressions file; default: `<dir>/suppressions.json` when there is one. */
  readonly suppressions?: string | undefined
}

/** What an authoring folder holds. */
export interface AuthoringContents {
  readonly root: string
  /** `rules/…` files, sorted by path. */
  readonly ruleFiles: readonly PackFileContent[]
  readonly license: Buffer | null
  readonly changelog: string | null
  /** The header of a `pack.json` in the folder (an earlier build), reused for defaults. */
  readonly header: PackManifest | null
  readonly suppressions: readonly PackSuppression[] | null
}

/**
 * Read an authoring folder: `rules/**.yar(a)` (at least one), and when present `LICENSE`,
 * `CHANGELOG.md`, `pack.json` (its header only) and `suppressions.json` (or `choices.suppressions`).
 * Nothing in it is written to.
 *
 * @throws AppError `RULES_NOT_FOUND` without rules; `RULES_INVALID` for a bad file.
 */
export async function readAuthoringFolder(
  dir: string,
  choices: ReleaseChoices,
): Promise<AuthoringContents> {
  let root: string
  try {
    root = await realpath(dir)
  } catch (error: unknown) {
    throw new AppError('RULES_NOT_FOUND', `The authoring folder ${dir} does not exist.`, {
      cause: error,
    })
  }
  const rulesDir = join(root, 'rules')
  const listed = (await pathExists(rulesDir))
    ? await listPackFolder(rulesDir, { skipHidden: true })
    : []
  const ruleFiles: PackFileContent[] = []
  for (const entry of listed.filter((e) => isRuleFileName(e.relPath))) {
    const path = `rules/${entry.relPath}`
    const real = await resolveInsidePack(root, path)
    ruleFiles.push({ path, content: await readBoundedFile(real, MAX_PACK_FILE_BYTES, path) })
  }
  if (ruleFiles.length === 0) {
    throw new AppError('RULES_NOT_FOUND', `${dir} has no rules/*.yar file to release.`)
  }
  const optional = async (name: string, limit: number): Promise<Buffer | null> =>
    (await pathExists(join(root, name)))
      ? readBoundedFile(await resolveInsidePack(root, name), limit, name)
      : null
  const manifestBytes = await optional('pack.json', MAX_MANIFEST_BYTES)
  const suppressionsBytes =
    choices.suppressions === undefined
      ? await optional(SUPPRESSIONS_FILE, MAX_SUPPRESSIONS_BYTES)
      : await readGiven(choices.suppressions, MAX_SUPPRESSIONS_BYTES)
  const changelog = await optional('CHANGELOG.md', MAX_PACK_FILE_BYTES)
  return {
    root,
    ruleFiles,
    license: await optional('LICENSE', MAX_PACK_FILE_BYTES),
    changelog: changelog === null ? null : decodeUtf8(changelog, 'CHANGELOG.md'),
    header: manifestBytes === null ? null : parseManifest(manifestBytes, `${dir}/pack.json`),
    suppressions:
      suppressionsBytes === null
        ? null
        : parseSuppressionsFile(suppressionsBytes, choices.suppressions ?? SUPPRESSIONS_FILE),
  }
}

/**
 * The header of the new release. Each field comes from, in order: the command line, the
 * folder's `pack.json`, the previous release, a default. `sequence` is the previous one + 1
 * (1 without one) and `supersedes` names the previous release by the SHA-256 of its
 * `pack.json`; the version, unless given, is the previous one with its patch number bumped.
 *
 * @throws AppError `INVALID_INPUT` when a field cannot be decided or is malformed.
 */
export function releaseHeader(
  contents: AuthoringContents,
  choices: ReleaseChoices,
  previous: PreviousRelease | null,
  context: { readonly keyId: string; readonly org: string; readonly created: Date },
): PackHeader {
  const before = previous?.manifest ?? null
  const kept = contents.header ?? before
  const base = kept === null ? null : manifestHeader(kept)
  const name = choices.name ?? before?.name ?? base?.name ?? basename(contents.root).toLowerCase()
  if (!PACK_NAME.test(name)) {
    throw new AppError(
      'INVALID_INPUT',
      `"${name}" is not a pack name (lower-case letters, digits, . _ -): give --name.`,
    )
  }
  if (before !== null && before.name !== name) {
    throw new AppError(
      'INVALID_INPUT',
      `The previous release is pack "${before.name}", not "${name}": a release supersedes its own pack.`,
    )
  }
  const version = choices.version ?? (before === null ? (base?.version ?? '1.0.0') : bump(before))
  if (before !== null && version === before.version) {
    throw new AppError('INVALID_INPUT', `Version ${version} is the previous release's version.`)
  }
  const tlp = choices.tlp ?? base?.tlp
  if (tlp === undefined) {
    throw new AppError('INVALID_INPUT', 'Say who may see the pack: --tlp <clear|green|amber|…>.')
  }
  if (!isTlpLevel(tlp)) throw new AppError('INVALID_INPUT', `--tlp ${tlp} is not a TLP 2.0 level.`)
  const license = choices.license ?? base?.license
  if (license === undefined) {
    throw new AppError('INVALID_INPUT', 'Name the licence of the rules: --license <SPDX id>.')
  }
  return {
    name,
    version,
    sequence: before === null ? 1 : before.sequence + 1,
    // Whole seconds: the manifest is read by people, and the clock is injected in tests.
    created: context.created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    publisher: {
      name: choices.publisher ?? base?.publisher.name ?? context.org,
      key_id: context.keyId,
    },
    tlp,
    license,
    engine: { min_version: base?.engine.min_version ?? '1.0.0' },
    supersedes:
      before === null || previous === null
        ? null
        : {
            version: before.version,
            sequence: before.sequence,
            pack_sha256: previous.manifestSha256,
          },
  }
}

/** `1.4.2` → `1.4.3`; anything else needs `--version`. */
function bump(manifest: PackManifest): string {
  const parts = /^(\d+)\.(\d+)\.(\d+)$/.exec(manifest.version)
  if (parts === null) {
    throw new AppError(
      'INVALID_INPUT',
      `The previous version "${manifest.version}" is not major.minor.patch: give --version.`,
    )
  }
  return `${parts[1]}.${parts[2]}.${Number(parts[3]) + 1}`
}

/** A file named on the command line; a missing or unreadable one is the user's to fix. */
async function readGiven(path: string, limit: number): Promise<Buffer> {
  try {
    return await readBoundedFile(path, limit, path)
  } catch (error: unknown) {
    if (error instanceof AppError) throw error
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new AppError('PATH_UNREADABLE', `Cannot read ${path} (${code}).`, { cause: error })
  }
}

function decodeUtf8(bytes: Buffer, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch (error: unknown) {
    throw new AppError('RULES_INVALID', `${name} is not UTF-8 text.`, { cause: error })
  }
}

/**
 * A first release from a folder that was released before under the same name: importers that
 * have that history refuse a sequence that starts again at 1, so this is an error, not a
 * warning. Under another name it is a new pack, and the old history does not apply.
 */
export function historyWarnings(
  contents: AuthoringContents,
  previous: PreviousRelease | null,
  name: string,
): string[] {
  if (previous !== null || contents.header === null) return []
  const released = `${contents.header.version} (sequence ${contents.header.sequence})`
  if (contents.header.name === name) {
    throw new AppError(
      'INVALID_INPUT',
      `pack.json says ${name} ${released} was released: pass that signed release with ` +
        '--previous to continue its history (a sequence starting again at 1 would be refused ' +
        'by everyone who has it), or give the pack another --name.',
    )
  }
  return [`pack.json says ${contents.header.name} ${released}; ${name} starts its own history`]
}

/** Rules without an id cannot be followed across renames by diffs, states and suppressions. */
export function idWarnings(pack: LoadedPack): string[] {
  return pack.rules
    .filter((rule) => rule.id === null)
    .map(
      (rule) =>
        `rule ${rule.name} (${rule.file}) has no id meta: it cannot be followed across renames`,
    )
}
