import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { buildZip } from '../archive/zip-writer'
import { FILE_EXTERNALS, validateSource } from '../engine/yara-engine'
import { AppError } from '../model/errors'
import type { RuleDiagnostic } from '../model/rules'
import type { Signer } from '../share/keys/key-store'
import type { SignerResolution } from '../share/keys/trust-store'
import { buildManifest, serialiseManifest } from './build-manifest'
import type { PackFileContent, PackHeader } from './build-manifest'
import { changelogSection, hasVersionSection, prependChangelog } from './changelog'
import { loadRulePack } from './load-pack'
import type { LoadedPack } from './loaded-pack'
import { diffPacks } from './pack-diff'
import type { PackDiff } from './pack-diff'
import { sanitiseNamespace, sha256Hex } from './pack-files'
import type { PackManifest } from './pack-manifest'
import { checkPackSignature, PACK_SIGNATURE_FILE, packTrustedComment } from './pack-signature'
import { openPreviousRelease } from './previous-release'
import type { PreviousRelease } from './previous-release'
import { historyWarnings, idWarnings, readAuthoringFolder, releaseHeader } from './release-inputs'
import type { AuthoringContents, ReleaseChoices } from './release-inputs'
import { serialiseSuppressions, SUPPRESSIONS_FILE } from './suppressions-file'

/** What {@link buildPackRelease} needs besides the authoring folder. */
export interface PackReleaseOptions extends ReleaseChoices {
  /** Our unlocked signing key: it signs `pack.json` and is named as `publisher.key_id`. */
  readonly signer: Signer
  /** Who a key id belongs to (own keys and the trust store), to check the previous release. */
  readonly resolveKey: (keyId: string) => SignerResolution
  /** The previous signed release (folder or zip) this one supersedes. */
  readonly previous?: string | undefined
  /** Where to write the pack folder; default `<dir>/../<name>-<version>`. */
  readonly out?: string | undefined
  /** Also write `<out>.zip`, deterministic (same inputs and clock, same bytes). */
  readonly zip?: boolean | undefined
  readonly clock?: (() => Date) | undefined
}

/** What a release wrote. */
export interface PackRelease {
  readonly folder: string
  readonly zip: string | null
  readonly manifest: PackManifest
  readonly manifestSha256: string
  /** Against the previous release; null for a first release. */
  readonly diff: PackDiff | null
  /** The section added to CHANGELOG.md. */
  readonly changelogSection: string
  /** Things worth a look that do not stop the release (rules without an `id`). */
  readonly warnings: readonly string[]
}

/**
 * Build, sign and write a new release of a rule pack from an authoring folder.
 *
 * In order: the previous release is checked (signature ours or trusted, every file); the rules
 * must compile with the engine (a pack that does not compile is never signed); the pack is
 * staged without its changelog and loaded back to diff it against the previous release; the
 * CHANGELOG section is generated from that diff; the final `pack.json` is built, signed, and the
 * staged folder checked again as an import would (files, signature) before it is moved into
 * place. Nothing is written outside the staging folder until every check has passed, and an
 * existing output is never overwritten.
 *
 * @throws AppError `RULES_INVALID` (rules, meta, schema), `INVALID_INPUT` (choices, an existing
 *   output), `BUNDLE_UNTRUSTED` / `SIGNATURE_INVALID` (previous release).
 */
export async function buildPackRelease(
  dir: string,
  options: PackReleaseOptions,
): Promise<PackRelease> {
  const contents = await readAuthoringFolder(dir, options)
  const previous =
    options.previous === undefined
      ? null
      : await openPreviousRelease(options.previous, options.resolveKey)
  const created = (options.clock ?? (() => new Date()))()
  const header = releaseHeader(contents, options, previous, {
    keyId: options.signer.keyId,
    org: options.signer.org,
    created,
  })
  checkCompiles(contents.ruleFiles, sanitiseNamespace(header.name))
  const folder = resolve(
    options.out ?? join(dirname(contents.root), `${header.name}-${header.version}`),
  )
  const zipPath = options.zip === true ? `${folder}.zip` : null
  refuseExisting(folder)
  if (zipPath !== null && existsSync(zipPath)) {
    throw new AppError('INVALID_INPUT', `${zipPath} already exists; nothing was overwritten.`)
  }
  const stage = makeStage(folder)
  try {
    const files = packFiles(contents)
    const provisional = await stagePack(stage, buildManifest(header, files), files)
    const diff =
      previous === null ? null : diffAgainst(previous, provisional.pack, provisional.manifest)
    const section = changelogSection(
      {
        version: header.version,
        sequence: header.sequence,
        day: created.toISOString().slice(0, 10),
        ruleCount: provisional.pack.rules.length,
      },
      diff,
      previous === null
        ? null
        : {
            before: { engine: previous.manifest.engine, suppressions: previous.pack.suppressions },
            after: {
              engine: provisional.manifest.engine,
              suppressions: provisional.pack.suppressions,
            },
          },
    )
    const changelog = releaseChangelog(contents, previous, header, section)
    const changelogBytes = Buffer.from(changelog, 'utf8')
    const allFiles = [...files, { path: 'CHANGELOG.md', content: changelogBytes }]
    const manifest = buildManifest(header, allFiles)
    const manifestBytes = Buffer.from(serialiseManifest(manifest), 'utf8')
    const signature = options.signer.sign(manifestBytes, packTrustedComment(manifest))
    writeFileSync(join(stage, 'CHANGELOG.md'), changelogBytes)
    writeFileSync(join(stage, 'pack.json'), manifestBytes)
    writeFileSync(join(stage, PACK_SIGNATURE_FILE), signature)
    // What we hand out must pass the checks an importer runs: signature, then every file.
    checkPackSignature(manifestBytes, manifest, signature, {
      resolveKey: options.resolveKey,
      allowUnsigned: false,
    })
    const final = await loadRulePack(stage, 'local')
    renameSync(stage, folder)
    if (zipPath !== null) {
      writeFileSync(zipPath, packZip(allFiles, manifestBytes, signature), { flag: 'wx' })
    }
    return {
      folder,
      zip: zipPath,
      manifest,
      manifestSha256: sha256Hex(manifestBytes),
      diff,
      changelogSection: section,
      warnings: [...historyWarnings(contents, previous, final.summary.name), ...idWarnings(final)],
    }
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

/** Every file of the pack but `pack.json`, its signature and the changelog. */
function packFiles(contents: AuthoringContents): PackFileContent[] {
  const files: PackFileContent[] = [...contents.ruleFiles]
  if (contents.license !== null) files.push({ path: 'LICENSE', content: contents.license })
  if (contents.suppressions !== null) {
    const text = serialiseSuppressions(contents.suppressions)
    files.push({ path: SUPPRESSIONS_FILE, content: Buffer.from(text, 'utf8') })
  }
  return files
}

/** Write a manifest and its files into the staging folder, and load them back. */
async function stagePack(
  stage: string,
  manifest: PackManifest,
  files: readonly PackFileContent[],
): Promise<{ manifest: PackManifest; pack: LoadedPack }> {
  for (const file of files) {
    mkdirSync(dirname(join(stage, file.path)), { recursive: true })
    writeFileSync(join(stage, file.path), file.content)
  }
  writeFileSync(join(stage, 'pack.json'), serialiseManifest(manifest))
  return { manifest, pack: await loadRulePack(stage, 'local') }
}

function diffAgainst(
  previous: PreviousRelease,
  pack: LoadedPack,
  manifest: PackManifest,
): PackDiff {
  return diffPacks(
    { rules: previous.pack.rules, engine: previous.manifest.engine },
    { rules: pack.rules, engine: manifest.engine },
  )
}

/**
 * The new CHANGELOG.md: the section on top of the history so far, else a new file. The history
 * is the authoring folder's CHANGELOG.md when it already covers the previous release (the
 * author may have added notes), else the previous release's (the folder's copy is stale: it
 * lacks what the last release added), else whichever exists.
 *
 * @throws AppError `INVALID_INPUT` when that history already has a section for this version.
 */
function releaseChangelog(
  contents: AuthoringContents,
  previous: PreviousRelease | null,
  header: PackHeader,
  section: string,
): string {
  const own = contents.changelog
  const released = previous?.changelog ?? null
  const ownIsCurrent =
    own !== null && (previous === null || hasVersionSection(own, previous.manifest.version))
  const history = ownIsCurrent ? own : (released ?? own)
  if (history !== null && hasVersionSection(history, header.version)) {
    throw new AppError(
      'INVALID_INPUT',
      `CHANGELOG.md already has a section for ${header.version}: give another --version.`,
    )
  }
  return prependChangelog(history, section)
}

/**
 * Refuse to sign rules the engine does not compile: each file on its own, in the pack's
 * namespace, with every Outpost external defined (as the scan does).
 */
function checkCompiles(files: readonly PackFileContent[], namespace: string): void {
  const diagnostics: RuleDiagnostic[] = files.flatMap((file) =>
    validateSource(
      { namespace, source: file.content.toString('utf8'), displayName: file.path },
      FILE_EXTERNALS,
    ),
  )
  const errors = diagnostics.filter((d) => d.severity === 'error')
  const first = errors[0]
  if (first === undefined) return
  throw new AppError(
    'RULES_INVALID',
    `Not signed: ${errors.length} rule error(s); first: ${first.file}` +
      `${first.line === null ? '' : `:${first.line}`}: ${first.message}`,
    { details: diagnostics },
  )
}

/** A hidden staging folder beside the output, so the final rename stays on one file system. */
function makeStage(folder: string): string {
  try {
    mkdirSync(dirname(folder), { recursive: true })
    return mkdtempSync(join(dirname(folder), `.${basename(folder)}.staging-`))
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new AppError('INVALID_INPUT', `Cannot write the pack beside ${folder} (${code}).`, {
      cause: error,
    })
  }
}

function refuseExisting(folder: string): void {
  if (!existsSync(folder)) return
  if (readdirSync(folder).length > 0) {
    throw new AppError('INVALID_INPUT', `${folder} already exists; nothing was overwritten.`)
  }
  rmSync(folder, { recursive: true })
}

/** The pack as a deterministic zip: every file at the root of the archive, sorted by path. */
function packZip(
  files: readonly PackFileContent[],
  manifestBytes: Buffer,
  signature: string,
): Buffer {
  const entries = [
    ...files.map((f) => ({ name: f.path, data: f.content })),
    { name: 'pack.json', data: manifestBytes },
    { name: PACK_SIGNATURE_FILE, data: Buffer.from(signature, 'utf8') },
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return buildZip(entries)
}
