import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { formatDiagnostic } from '../../core/engine/yara-engine'
import type { RuleDiagnostic } from '../../core/model/rules'
import { confirmLocalPackImport, prepareLocalPackImport } from '../../core/rules/import-local-pack'
import type { LocalPackImportPlan } from '../../core/rules/import-local-pack'
import { loadRulePack, readLocalRuleFiles } from '../../core/rules/load-pack'
import { isRuleFileName, sanitiseNamespace } from '../../core/rules/pack-files'
import type { PackStore } from '../../core/rules/pack-store'
import { validateInChild } from '../../core/rules/validate-in-child'
import type { RuleFileSource } from '../../core/rules/validate-pack'
import type { ScanChildLauncher } from '../../core/scan/child/child-handle'
import type { CliIo } from '../cli-context'
import { EXIT } from '../exit-codes'
import { printable } from './findings-command'
import { diffCounts, diffLines } from './pack-diff-text'

/** Compiling the biggest real set takes seconds; a minute more means something is wrong. */
const VALIDATE_DEADLINE_MS = 120_000

/** True for a plain rule folder (no `pack.json`) or a single `.yar`/`.yara` file. */
export function isPlainRuleSource(path: string): boolean {
  if (!existsSync(path)) return false
  const info = statSync(path)
  if (info.isDirectory()) return !existsSync(join(path, 'pack.json'))
  return info.isFile() && isRuleFileName(path)
}

/**
 * `outpost rules check <folder|file|pack>`: every error and warning, one per line as compilers
 * print them, validated in a scan process with a deadline. Exit 4 when there is an error.
 */
export async function rulesCheck(
  target: string,
  io: CliIo,
  options: { readonly launcher: ScanChildLauncher; readonly json: boolean },
): Promise<number> {
  const { files, namespace } = await checkInputs(resolve(target))
  const result = await validateInChild(files, {
    namespace,
    dropInvalid: false,
    launcher: options.launcher,
    deadlineMs: VALIDATE_DEADLINE_MS,
  })
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length
  const warnings = result.diagnostics.length - errors
  if (options.json) {
    const report = { files: files.length, rules: result.ruleCount, errors, warnings }
    io.out(`${JSON.stringify({ ...report, diagnostics: result.diagnostics }, null, 2)}\n`)
  } else {
    for (const d of result.diagnostics) io.out(`${printable(formatDiagnostic(d))}\n`)
    io.out(
      `${files.length} file(s), ${result.ruleCount} rule(s): ${errors} error(s), ${warnings} warning(s)\n`,
    )
  }
  return errors > 0 ? EXIT.RULES : EXIT.OK
}

/** The files to check: a signed pack passes the loader's checks first. */
async function checkInputs(
  target: string,
): Promise<{ files: RuleFileSource[]; namespace: string }> {
  if (!isPlainRuleSource(target) && existsSync(join(target, 'pack.json'))) {
    const pack = await loadRulePack(target, 'local')
    const files = pack.sources.map((s) => ({
      path: s.displayName,
      text: readFileSync(s.path, 'utf8'),
    }))
    return { files, namespace: pack.namespace }
  }
  const read = await readLocalRuleFiles(target)
  return { files: [...read.files], namespace: sanitiseNamespace(read.name) }
}

/** Options of {@link rulesImportLocal}. */
export interface LocalImportOptions {
  readonly store: PackStore
  readonly launcher: ScanChildLauncher
  readonly dropInvalid: boolean
  readonly name: string | undefined
  readonly activate: boolean
  readonly json: boolean
  readonly installedBy: string
}

/**
 * `outpost rules import <folder|file.yar>`: a plain folder as an unsigned local pack, validated
 * in a scan process (failing rules dropped with `--drop-invalid`), diffed against the active
 * version of that name, installed and activated only with `--activate`.
 */
export async function rulesImportLocal(
  source: string,
  io: CliIo,
  options: LocalImportOptions,
): Promise<number> {
  const plan = await prepareLocalPackImport(source, {
    store: options.store,
    dropInvalid: options.dropInvalid,
    name: options.name,
    validate: (files, validateOptions) =>
      validateInChild(files, {
        ...validateOptions,
        launcher: options.launcher,
        deadlineMs: VALIDATE_DEADLINE_MS,
      }),
  })
  const install = options.activate
    ? confirmLocalPackImport(plan, options.store, options.installedBy)
    : (plan.discard(), null)
  if (options.json) {
    const report = { ...summary(plan), installed: install }
    io.out(`${JSON.stringify(report, null, 2)}\n`)
  } else io.out(planText(plan, install?.id ?? null))
  return EXIT.OK
}

function summary(plan: LocalPackImportPlan): Record<string, unknown> {
  return {
    name: plan.name,
    version: 'local',
    signature: 'unsigned',
    source: plan.source,
    rules: plan.pack.rules.length,
    dropped: plan.dropped,
    warnings: plan.diagnostics.filter((d) => d.severity === 'warning').length,
    replaces: plan.installed?.active?.id ?? null,
    diff: plan.diff === null ? null : diffCounts(plan.diff),
  }
}

function planText(plan: LocalPackImportPlan, installedId: string | null): string {
  const warnings: RuleDiagnostic[] = plan.diagnostics.filter((d) => d.severity === 'warning')
  const lines = [
    `Local rule pack ${printable(plan.name)} (unsigned), ${plan.pack.rules.length} rules from ${printable(plan.source)}`,
    `  ${plan.dropped.length} dropped, ${warnings.length} warning(s) (rules check lists them)`,
  ]
  for (const d of plan.dropped) {
    const what = d.rule === null ? 'whole file' : `rule ${d.rule}`
    lines.push(
      `    ${printable(`${d.file}:${d.line ?? 0}`)} ${printable(what)}: ${printable(d.reason)}`,
    )
  }
  lines.push(...diffLines(plan.diff, plan.installed?.active?.id ?? '?'))
  lines.push(
    installedId === null
      ? '  checked, not installed: run again with --activate.'
      : `  installed as ${installedId} and activated.`,
  )
  return `${lines.join('\n')}\n`
}
