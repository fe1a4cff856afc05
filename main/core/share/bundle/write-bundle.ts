import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildZip } from '../../archive/zip-writer'
import { sha256Hex } from '../../crypto/digest'
import { FILE_EXTERNALS, validateSource } from '../../engine/yara-engine'
import { AppError } from '../../model/errors'
import type { ExportModel } from '../export-model'
import { checkMispEvent } from '../misp/check-misp-event'
import { buildMispEvent } from '../misp/build-misp-event'
import { mispFeedOf } from '../misp/misp-feed'
import { buildStixBundle } from '../stix/build-stix-bundle'
import { checkStixBundle, checkYaraPatterns } from '../stix/check-stix-bundle'
import { buildBundleManifest } from './bundle-manifest'
import { bundleMembers, memberEntry, slug } from './bundle-members'
import type { BundleKeyInfo } from './bundle-members'
import { formatSha256Sums, SUMS_FILE, SUMS_SIGNATURE_FILE } from './sha256sums'

/** What signs a bundle: an unlocked signing key. */
export interface BundleSigner extends BundleKeyInfo {
  readonly org: string
  /** A minisign signature (`.minisig` text) of `data` with this trusted comment. */
  sign(data: Uint8Array, trustedComment: string): string
}

/** A bundle as bytes, before it is written. */
export interface BuiltBundle {
  readonly fileName: string
  readonly zip: Buffer
  readonly signature: string
  readonly manifestSha256: string
}

/**
 * Build the signed bundle of a model: every member rendered, checked (STIX MUST rules, every
 * YARA pattern compiles alone, the MISP event), listed in the manifest and SHA256SUMS, that list
 * signed, all zipped deterministically, and the zip signed (detached).
 *
 * The same model gives the same zip apart from the two signatures' trusted comments, which say
 * when it was signed (`now`).
 *
 * `onStep` hears each phase as it starts (progress of a background export).
 *
 * @throws AppError `EXPORT_INVALID` when a check fails (a bug or a rule that cannot be shared).
 */
export function buildBundle(
  model: ExportModel,
  signer: BundleSigner,
  now: Date,
  onStep: (phase: string) => void = () => undefined,
): BuiltBundle {
  onStep('building STIX')
  const stix = buildStixBundle(model)
  onStep('checking STIX and rules')
  refuseProblems('STIX', [
    ...checkStixBundle(stix, { expectedTlp: model.tlp }),
    ...checkYaraPatterns(stix, compileAlone),
  ])
  onStep('building MISP')
  const event = buildMispEvent(model)
  refuseProblems(
    'MISP',
    checkMispEvent(event).map((p) => `${p.path}: ${p.message}`),
  )
  onStep('rendering the report')
  const fileName = bundleFileName(model)
  const members = bundleMembers(model, { stix, misp: mispFeedOf(event) }, signer, fileName)
  const manifest = buildBundleManifest(model, members.map(memberEntry))
  const manifestData = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')
  const listed = [
    ...members.map((m) => ({ name: m.path, data: m.data })),
    { name: 'manifest.json', data: manifestData },
  ]
  const sums = Buffer.from(
    formatSha256Sums(listed.map((m) => ({ path: m.name, sha256: sha256Hex(m.data) }))),
  )
  onStep('signing and zipping')
  const comment = trustedComment(model, signer, now)
  const entries = [
    ...listed,
    { name: SUMS_FILE, data: sums },
    { name: SUMS_SIGNATURE_FILE, data: Buffer.from(signer.sign(sums, comment), 'utf8') },
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const zip = buildZip(entries)
  return {
    fileName,
    zip,
    signature: signer.sign(zip, `${comment} file:${fileName}`),
    manifestSha256: sha256Hex(manifestData),
  }
}

/** The paths a written bundle went to. */
export interface WrittenBundle {
  readonly zipPath: string
  readonly signaturePath: string
}

/**
 * Write a built bundle and its detached signature into `folder`, atomically (temporary name,
 * then rename): an interrupted export leaves no half bundle under the real name.
 *
 * @throws AppError `INVALID_INPUT` when a bundle of that name is already there.
 */
export function writeBundle(built: BuiltBundle, folder: string): WrittenBundle {
  const zipPath = join(folder, built.fileName)
  const signaturePath = `${zipPath}.minisig`
  if (existsSync(zipPath) || existsSync(signaturePath)) {
    throw new AppError('INVALID_INPUT', `${zipPath} already exists; nothing was overwritten.`)
  }
  const temporary = `${zipPath}.partial-${process.pid}`
  try {
    mkdirSync(folder, { recursive: true })
    writeFileSync(temporary, built.zip, { flag: 'wx' })
    writeFileSync(`${temporary}.minisig`, built.signature, { flag: 'wx' })
    renameSync(temporary, zipPath)
    renameSync(`${temporary}.minisig`, signaturePath)
  } catch (error: unknown) {
    rmSync(temporary, { force: true })
    rmSync(`${temporary}.minisig`, { force: true })
    const code = (error as NodeJS.ErrnoException).code
    throw new AppError(
      'PATH_UNREADABLE',
      `Could not write the bundle to ${folder}: ${code === 'ENOSPC' ? 'the disk is full' : (code ?? String(error))}. Nothing was left behind; choose another folder or free space.`,
      { cause: error },
    )
  }
  return { zipPath, signaturePath }
}

/**
 * {@link writeBundle} without blocking the thread (the app's main process): the same temporary
 * name and renames; a cancel (`signal`) or a failure removes the temporary files.
 *
 * @throws AppError `CANCELLED`, `INVALID_INPUT` (the bundle exists) or `PATH_UNREADABLE`.
 */
export async function writeBundleAsync(
  built: BuiltBundle,
  folder: string,
  signal?: AbortSignal,
): Promise<WrittenBundle> {
  const zipPath = join(folder, built.fileName)
  const signaturePath = `${zipPath}.minisig`
  if (existsSync(zipPath) || existsSync(signaturePath)) {
    throw new AppError('INVALID_INPUT', `${zipPath} already exists; nothing was overwritten.`)
  }
  const temporary = `${zipPath}.partial-${process.pid}-${Date.now()}`
  const stopIfCancelled = (): void => {
    if (signal?.aborted === true)
      throw new AppError('CANCELLED', 'Cancelled — nothing was written.')
  }
  try {
    await mkdir(folder, { recursive: true })
    await writeFile(temporary, built.zip, {
      flag: 'wx',
      ...(signal === undefined ? {} : { signal }),
    })
    await writeFile(`${temporary}.minisig`, built.signature, { flag: 'wx' })
    stopIfCancelled()
    await rename(temporary, zipPath)
    await rename(`${temporary}.minisig`, signaturePath)
  } catch (error: unknown) {
    await rm(temporary, { force: true })
    await rm(`${temporary}.minisig`, { force: true })
    await rm(zipPath, { force: true })
    if (signal?.aborted === true || (error instanceof AppError && error.code === 'CANCELLED')) {
      throw new AppError('CANCELLED', 'Cancelled — nothing was written.', { cause: error })
    }
    const code = (error as NodeJS.ErrnoException).code
    throw new AppError(
      'PATH_UNREADABLE',
      `Could not write the bundle to ${folder}: ${code === 'ENOSPC' ? 'the disk is full' : (code ?? String(error))}. Nothing was left behind; choose another folder or free space.`,
      { cause: error },
    )
  }
  return { zipPath, signaturePath }
}

/** `<case>_<evidence>_TLP-<LEVEL>_<UTC time>.zip`, from the (redacted) model. */
export function bundleFileName(model: ExportModel): string {
  const caseName = slug(model.case.caseNumber ?? model.case.name) || 'case'
  const [only] = model.evidence
  const evidence =
    model.evidence.length === 1 && only !== undefined
      ? slug(only.label) || 'evidence'
      : `${model.evidence.length}-evidence`
  const level = model.tlp.toUpperCase().replace('+', '-')
  const time = `${model.created.slice(0, 19).replace(/[-:]/g, '')}Z`
  return `${caseName}_${evidence}_TLP-${level}_${time}.zip`
}

/** Signed provenance partners see after `minisign -V`. */
function trustedComment(model: ExportModel, signer: BundleSigner, now: Date): string {
  return [
    `bundle:${model.bundleId}`,
    `tlp:${model.tlp.toUpperCase()}`,
    `created:${model.created}`,
    `signed:${now.toISOString()}`,
    `key:${signer.keyId}`,
    `tool:outpost/${model.producer.toolVersion}`,
  ].join(' ')
}

function compileAlone(source: string): string[] {
  // The per-file externals are declared, as every YARA host that scans files can define them.
  return validateSource({ source, namespace: 'shared', displayName: 'pattern' }, FILE_EXTERNALS)
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.line ?? 0}:${d.column ?? 0} ${d.message}`)
}

function refuseProblems(what: string, problems: readonly string[]): void {
  if (problems.length === 0) return
  throw new AppError(
    'EXPORT_INVALID',
    `The ${what} export failed its own checks (${problems.length}); first: ${problems[0] ?? ''}`,
    { details: problems.slice(0, 100) },
  )
}
