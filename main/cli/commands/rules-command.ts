import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { tmpdir } from 'node:os'
import { loadYaraBinding } from '../../core/engine/yara-binding'
import { AppError } from '../../core/model/errors'
import { confirmPackImport, preparePackImport } from '../../core/rules/import-pack'
import type { PackImportPlan } from '../../core/rules/import-pack'
import { PackStore } from '../../core/rules/pack-store'
import { ensureCompiledRules, planRuleSet } from '../../core/scan/compile-rule-set'
import type { ScanChildLauncher } from '../../core/scan/child/child-handle'
import { SigningKeyStore } from '../../core/share/keys/key-store'
import { resolveSigner, TrustStore } from '../../core/share/keys/trust-store'
import type { CliIo } from '../cli-context'
import { defaultExaminer } from '../cli-context'
import { resolveDataDir } from '../data-dir'
import { EXIT } from '../exit-codes'
import { printable } from './findings-command'
import { diffCounts, diffLines } from './pack-diff-text'
import { isPlainRuleSource, rulesCheck, rulesImportLocal } from './rules-local'
import { rulesPackCommand } from './rules-pack-command'

const USAGE_LINE = `usage: outpost rules import <pack folder|pack.zip> [--activate] [--json]
       outpost rules import <rule folder|file.yar> [--drop-invalid] [--name <n>] [--activate] [--json]
       outpost rules check <rule folder|file.yar|pack folder> [--json]
       outpost rules list [--json]
  both take [--data-dir <dir>] (packs, keys and trust store; default $OUTPOST_DATA_DIR or the app's folder)`

/** What `outpost rules` needs from its host. */
export interface RulesCommandHost {
  readonly launcher: ScanChildLauncher
  readonly cacheDir?: string | undefined
}

/**
 * `outpost rules import|list`: signed rule packs into this workbench's pack store. An import is
 * checked and its diff shown; it is installed and activated only with `--activate`.
 */
export async function rulesCommand(
  argv: readonly string[],
  io: CliIo,
  host: RulesCommandHost,
): Promise<number> {
  // `pack` (releasing a signed pack) has options of its own; it parses its arguments itself.
  if (argv[0] === 'pack') return rulesPackCommand(argv.slice(1), io)
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      activate: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'drop-invalid': { type: 'boolean', default: false },
      name: { type: 'string' },
      'data-dir': { type: 'string' },
      examiner: { type: 'string' },
    },
  })
  const [action, ...operands] = positionals
  const dataDir = resolveDataDir(values['data-dir'])
  const store = PackStore.forDataDir(dataDir)
  if (action === 'list' && operands.length === 0) {
    const packs = store.list()
    if (values.json) io.out(`${JSON.stringify(packs, null, 2)}\n`)
    else
      for (const pack of packs) {
        // A local pack's versions are its imports: local-1, local-2…
        const label = (i: (typeof pack.installs)[number]): string =>
          i.version === 'local' && i.signature === 'unsigned' ? i.id : i.version
        const versions = pack.installs.map((i) => (i === pack.active ? `[${label(i)}]` : label(i)))
        io.out(
          `${printable(pack.name)}  ${versions.join(' ')}  (${pack.active?.signature ?? 'inactive'})\n`,
        )
      }
    return EXIT.OK
  }
  const [source] = operands
  if (action === 'check' && source !== undefined && operands.length === 1) {
    return rulesCheck(source, io, { launcher: host.launcher, json: values.json })
  }
  if (action === 'import' && source !== undefined && operands.length === 1) {
    if (isPlainRuleSource(source)) {
      return rulesImportLocal(source, io, {
        store,
        launcher: host.launcher,
        dropInvalid: values['drop-invalid'],
        name: values.name,
        activate: values.activate,
        json: values.json,
        installedBy: values.examiner ?? defaultExaminer(),
      })
    }
    if (values['drop-invalid'] || values.name !== undefined) {
      throw new AppError('INVALID_INPUT', '--drop-invalid and --name are for plain rule folders.')
    }
  }
  if (action !== 'import' || source === undefined || operands.length > 1) {
    throw new AppError('INVALID_INPUT', USAGE_LINE)
  }
  const stores = {
    keys: SigningKeyStore.forDataDir(dataDir),
    trust: TrustStore.forDataDir(dataDir),
  }
  const bindingId = (() => {
    const { info } = loadYaraBinding()
    return `${info.packageName}@${info.version}`
  })()
  const plan = await preparePackImport(source, {
    store,
    resolveKey: (keyId) => resolveSigner(keyId, stores),
    // Compiled in a scan process with its deadline: a hostile pack cannot hang or crash us.
    compile: async (pack) => {
      await ensureCompiledRules(planRuleSet([pack]), {
        launcher: host.launcher,
        cacheDir: host.cacheDir ?? join(tmpdir(), 'outpost-rule-cache'),
        bindingId,
        deadlineMs: 120_000,
      })
    },
  })
  if (!values.activate) {
    plan.discard()
    io.out(values.json ? `${JSON.stringify(summary(plan), null, 2)}\n` : planText(plan, false))
    return EXIT.OK
  }
  const install = confirmPackImport(plan, store, values.examiner ?? defaultExaminer())
  io.out(
    values.json
      ? `${JSON.stringify({ ...summary(plan), installed: install }, null, 2)}\n`
      : planText(plan, true),
  )
  return EXIT.OK
}

function summary(plan: PackImportPlan): Record<string, unknown> {
  const { manifest, signature, diff } = plan
  return {
    name: manifest.name,
    version: manifest.version,
    sequence: manifest.sequence,
    rules: plan.pack.rules.length,
    signature,
    replaces: plan.installed?.active?.version ?? null,
    diff: diff === null ? null : diffCounts(diff),
  }
}

function planText(plan: PackImportPlan, activated: boolean): string {
  const { manifest, signature, diff } = plan
  const lines = [
    `Rule pack ${printable(manifest.name)} ${printable(manifest.version)} (sequence ${manifest.sequence}), ${plan.pack.rules.length} rules`,
    `  signed by ${printable(signature.org ?? '?')} (key ${signature.keyId ?? '-'}, ${signature.status}${signature.prehashed ? '' : ', legacy signature'})`,
    `  fingerprint ${signature.fingerprint ?? '-'}`,
  ]
  lines.push(...diffLines(diff, plan.installed?.active?.version ?? '?'))
  lines.push(
    activated
      ? '  installed and activated.'
      : '  checked, not installed: run again with --activate.',
  )
  return `${lines.join('\n')}\n`
}
