import { existsSync, statSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { AppError } from '../core/model/errors'
import type { PackImportPreview } from '../core/model/rule-packs'
import type { RuleDiagnostic } from '../core/model/rules'
import { confirmPackImport, preparePackImport } from '../core/rules/import-pack'
import type { PackImportPlan } from '../core/rules/import-pack'
import { confirmLocalPackImport, prepareLocalPackImport } from '../core/rules/import-local-pack'
import type { LocalPackImportPlan } from '../core/rules/import-local-pack'
import type { LoadedPack } from '../core/rules/load-pack'
import type { PackDiff } from '../core/rules/pack-diff'
import { isRuleFileName } from '../core/rules/pack-files'
import type { PackInstall, PackStore } from '../core/rules/pack-store'
import type { PackValidation, RuleFileSource, ValidateOptions } from '../core/rules/validate-pack'
import type { KeyResolver } from './rule-pack-views'
import { diffView, signerView } from './rule-pack-views'

/** A checked import waiting for the analyst: a signed pack, or a plain folder as a local pack. */
export type PendingPlan =
  | { readonly kind: 'signed'; readonly plan: PackImportPlan }
  | { readonly kind: 'local'; readonly plan: LocalPackImportPlan }

/** What checking an import needs: the store, keys, and the bounded compile and validation. */
export interface ImportDeps {
  readonly store: PackStore
  readonly resolveKey: KeyResolver
  /** Compile a signed pack in a scan process; returns its warnings. */
  readonly compile: (pack: LoadedPack) => Promise<RuleDiagnostic[]>
  /** Validate plain rule files in a scan process. */
  readonly validate: (
    files: readonly RuleFileSource[],
    options: ValidateOptions,
  ) => Promise<PackValidation>
}

/**
 * Check what the analyst picked: a folder with `pack.json` or a `.zip` is a signed pack; any
 * other folder, or a `.yar`/`.yara` file, a plain rule set imported as an unsigned local pack
 * (with `dropInvalid`, the rules that do not compile are left out and listed).
 */
export async function preparePending(
  path: string,
  dropInvalid: boolean,
  deps: ImportDeps,
): Promise<{ pending: PendingPlan; warnings: string[] }> {
  if (!isAbsolute(path)) {
    throw new AppError('INVALID_INPUT', `Give the full path of the rule pack, not ${path}.`)
  }
  if (!existsSync(path)) {
    throw new AppError('PATH_NOT_FOUND', `There is no file or folder at ${path}.`)
  }
  const info = statSync(path)
  const plain = info.isDirectory() ? !existsSync(join(path, 'pack.json')) : isRuleFileName(path)
  if (plain) {
    const plan = await prepareLocalPackImport(path, {
      store: deps.store,
      validate: deps.validate,
      dropInvalid,
    }).catch((error: unknown) => {
      throw inAppWords(error)
    })
    const warnings = plan.diagnostics.filter((d) => d.severity === 'warning').map(diagnosticText)
    return { pending: { kind: 'local', plan }, warnings }
  }
  const warnings: string[] = []
  try {
    const plan = await preparePackImport(path, {
      store: deps.store,
      resolveKey: deps.resolveKey,
      compile: async (pack) => {
        warnings.push(...(await deps.compile(pack)).map(diagnosticText))
      },
    })
    return { pending: { kind: 'signed', plan }, warnings }
  } catch (error: unknown) {
    throw explainUntrusted(error)
  }
}

/** Install and activate a pending import; returns the install and the active id it replaced. */
export function confirmPending(
  pending: PendingPlan,
  store: PackStore,
  installedBy: string,
): { name: string; install: PackInstall; previousId: string | null; diff: PackDiff | null } {
  const previousId = pending.plan.installed?.active?.id ?? null
  const install =
    pending.kind === 'signed'
      ? confirmPackImport(pending.plan, store, installedBy)
      : confirmLocalPackImport(pending.plan, store, installedBy)
  const name = pending.kind === 'signed' ? pending.plan.manifest.name : pending.plan.name
  return { name, install, previousId, diff: pending.plan.diff }
}

/** The preview of a pending import, as the UI shows it. */
export function previewOf(
  token: string,
  pending: PendingPlan,
  compileWarnings: readonly string[],
  resolveKey: KeyResolver,
): PackImportPreview {
  const { plan } = pending
  const diff = plan.diff
  const previous = plan.installed?.active ?? null
  const warnings = [...compileWarnings]
  if (pending.kind === 'local') {
    warnings.push('Unsigned: nobody vouches for these rules; review them before you rely on them.')
  } else if (!pending.plan.signature.prehashed) {
    warnings.push('Signed with a legacy minisign signature (over the raw file).')
  }
  if (diff?.engineChanged === true) {
    warnings.push('The engine requirements changed (minimum version, modules or externals).')
  }
  if (diff !== null && diff.removed.length > 0) {
    warnings.push(
      `${diff.removed.length} rule(s) are removed: findings they made stay in cases, but no new ` +
        'scan will make them.',
    )
  }
  const common = {
    token,
    kind: pending.kind,
    ruleCount: plan.pack.rules.length,
    previous: previous === null ? null : { version: previous.version, sequence: previous.sequence },
    diff: diff === null ? null : diffView(diff),
    warnings,
  }
  if (pending.kind === 'local') {
    return {
      ...common,
      name: pending.plan.name,
      version: 'local',
      sequence: null,
      tlp: null,
      signature: 'unsigned',
      signer: null,
      prehashed: false,
      dropped: pending.plan.dropped.map((d) => ({
        file: d.file,
        rule: d.rule,
        line: d.line,
        reason: d.reason,
      })),
    }
  }
  const { manifest, signature } = pending.plan
  return {
    ...common,
    name: manifest.name,
    version: manifest.version,
    sequence: manifest.sequence,
    tlp: manifest.tlp,
    signature: signature.status,
    signer: signerView(signature.keyId, resolveKey),
    prehashed: signature.prehashed,
    dropped: [],
  }
}

function diagnosticText(d: RuleDiagnostic): string {
  return `${d.file}${d.line === null ? '' : `:${d.line}`}: ${d.message}`
}

/** The core speaks of the CLI's `--drop-invalid`; in the app it is a checkbox. */
function inAppWords(error: unknown): unknown {
  if (!(error instanceof AppError) || !error.message.includes('--drop-invalid')) return error
  return new AppError(
    error.code,
    error.message.replace(/import with --drop-invalid/g, 'tick “Drop invalid rules”'),
    { details: error.details, cause: error },
  )
}

/** An unknown key: say which one and where to trust it. */
function explainUntrusted(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== 'BUNDLE_UNTRUSTED') return error
  const keyId = (error.details as { keyId?: string } | undefined)?.keyId ?? 'unknown'
  return new AppError(
    'BUNDLE_UNTRUSTED',
    `${error.message} The key id is ${keyId}: ask the publisher for their public key over a ` +
      'channel you trust, compare its fingerprint with them, add it under Share › Trust a ' +
      'partner key, then import the pack again.',
    { details: { keyId }, cause: error },
  )
}
