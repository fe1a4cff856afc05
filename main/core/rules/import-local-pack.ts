import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { AppError } from '../model/errors'
import type { RuleDiagnostic } from '../model/rules'
import { loadRulePack, readLocalRuleFiles } from './load-pack'
import type { LoadedPack } from './load-pack'
import { sanitiseNamespace } from './pack-files'
import { diffPacks } from './pack-diff'
import type { PackDiff } from './pack-diff'
import { checkPackName, refuseOtherKind } from './pack-names'
import type { InstalledPack, PackInstall, PackStore } from './pack-store'
import { formatDiagnostic } from '../engine/yara-engine'
import type { DroppedRule, PackValidation, RuleFileSource, ValidateOptions } from './validate-pack'

/** A plain folder checked for import as an unsigned local pack, waiting for confirmation. */
export interface LocalPackImportPlan {
  /** The store name (the folder's, or the one given). */
  readonly name: string
  /** The folder or file imported (resolved). */
  readonly source: string
  /** The pack as it will be installed (from the staged copy, dropped rules left out). */
  readonly pack: LoadedPack
  /** Every error and warning of the files as given. */
  readonly diagnostics: readonly RuleDiagnostic[]
  /** What `--drop-invalid` left out, each with its reason. */
  readonly dropped: readonly DroppedRule[]
  /** Against the active version of the same name; null when none is installed. */
  readonly diff: PackDiff | null
  readonly installed: InstalledPack | null
  /** The staged copy (a temporary folder). */
  readonly folder: string
  /** Remove the staged copy. */
  discard(): void
}

/** What {@link prepareLocalPackImport} needs. */
export interface LocalPackImportOptions {
  readonly store: PackStore
  /** Validate (and drop), bounded in time: `validateInChild` outside unit tests. */
  readonly validate: (
    files: readonly RuleFileSource[],
    options: ValidateOptions,
  ) => Promise<PackValidation>
  readonly dropInvalid: boolean
  /** The store name; default: the folder's name, lower-cased. */
  readonly name?: string | undefined
}

/**
 * Check a plain rule folder (or one `.yar` file) for import as an unsigned local pack: its rule
 * files are read once, validated in the pack's own namespace (failing rules dropped with
 * `dropInvalid`, else any error refuses the import), staged without the dropped rules, loaded
 * under the store name and diffed against the active version of that name. Nothing is
 * installed until {@link confirmLocalPackImport}.
 *
 * @throws AppError `RULES_INVALID` (errors without `dropInvalid`, nothing left, a bad name or
 *   one a signed pack holds), `RULES_NOT_FOUND`, `SCAN_FAILED` (validation timed out).
 */
export async function prepareLocalPackImport(
  source: string,
  options: LocalPackImportOptions,
): Promise<LocalPackImportPlan> {
  const read = await readLocalRuleFiles(source)
  const name = options.name ?? defaultName(read.name)
  checkPackName(name)
  const installed = options.store.find(name)
  refuseOtherKind(name, installed?.installs ?? [], true)
  const validation = await options.validate(read.files, {
    namespace: sanitiseNamespace(name),
    dropInvalid: options.dropInvalid,
  })
  if (validation.errorCount > 0) {
    const first = validation.diagnostics.find((d) => d.severity === 'error')
    throw new AppError(
      'RULES_INVALID',
      `${validation.errorCount} rule error(s); first: ${first ? formatDiagnostic(first) : '?'}. ` +
        'Fix them, or import with --drop-invalid to leave the failing rules out.',
      { details: validation.diagnostics },
    )
  }
  if (validation.ruleCount === 0) {
    throw new AppError('RULES_INVALID', `No rule of ${read.root} compiles; nothing to import.`, {
      details: validation.diagnostics,
    })
  }
  const folder = mkdtempSync(join(tmpdir(), 'outpost-local-pack-'))
  const discard = (): void => {
    rmSync(folder, { recursive: true, force: true })
  }
  try {
    for (const file of validation.files) {
      mkdirSync(dirname(join(folder, file.path)), { recursive: true })
      writeFileSync(join(folder, file.path), file.text, { flag: 'wx', mode: 0o644 })
    }
    const pack = await loadRulePack(folder, 'local', { name })
    const diff = installed?.active ? await diffAgainst(options.store, installed, pack) : null
    return {
      name,
      source: read.root,
      pack,
      diagnostics: validation.diagnostics,
      dropped: validation.dropped,
      diff,
      installed,
      folder,
      discard,
    }
  } catch (error: unknown) {
    discard()
    throw error
  }
}

/** Install the staged local pack as `<name>/local-<n>` and activate it; then clean up. */
export function confirmLocalPackImport(
  plan: LocalPackImportPlan,
  store: PackStore,
  installedBy: string,
): PackInstall {
  try {
    const install = store.installLocal(plan.name, plan.folder, {
      manifestSha256: plan.pack.manifestSha256,
      installedBy,
      source: plan.source,
      dropped: [...plan.dropped],
    })
    store.activate(plan.name, install.id)
    return install
  } finally {
    plan.discard()
  }
}

/** The folder's name as a store name: lower-cased, other characters as `-`. */
function defaultName(folderName: string): string {
  const name = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64)
  if (name === '') {
    throw new AppError('RULES_INVALID', `"${folderName}" cannot name a pack; give one with --name.`)
  }
  return name
}

async function diffAgainst(
  store: PackStore,
  installed: InstalledPack,
  pack: LoadedPack,
): Promise<PackDiff> {
  const active = installed.active as PackInstall
  const folder = store.folderOf(installed.name, active.id)
  // Only local packs can hold this name (refuseOtherKind): no declared engine on either side.
  const before = await loadRulePack(folder, 'local', { name: installed.name })
  return diffPacks({ rules: before.rules, engine: null }, { rules: pack.rules, engine: null })
}
