import { parseArgs } from 'node:util'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../core/model/errors'
import { formatDiagnostic } from '../core/engine/yara-engine'
import type { RuleDiagnostic } from '../core/model/rules'
import type { ScanChildLauncher } from '../core/scan/child/child-handle'
import type { ScanControl } from '../core/scan/scan-control'
import type { CliIo } from './cli-context'
import { defaultExaminer } from './cli-context'
import { auditVerifyCommand } from './commands/audit-command'
import { findingsCommand } from './commands/findings-command'
import { hashSetCommand } from './commands/hashset-command'
import { inspectCommand } from './commands/inspect-command'
import { keysCommand } from './commands/keys-command'
import { lsCommand } from './commands/ls-command'
import { sampleCommand } from './commands/sample-command'
import { rulesCommand } from './commands/rules-command'
import { isRuleStatesCommand, ruleStatesCommand } from './commands/rule-states-command'
import { isTriageCommand, triageCommand } from './commands/triage-command'
import { resolveDataDir } from './data-dir'
import { scanCommand } from './commands/scan-command'
import { shareCommand } from './commands/share-command'
import { EXIT, exitCodeFor } from './exit-codes'

/** What the CLI needs from its host process. */
export interface CliEnvironment {
  readonly io: CliIo
  readonly launcher: ScanChildLauncher
  readonly bundledRulesDir: string
  readonly signal: AbortSignal
  readonly cacheDir?: string
  /** The data folder (pack store, keys) when not given by --data-dir or $OUTPOST_DATA_DIR. */
  readonly dataDir?: string
  /** Pause/resume of a running scan (keys or SIGUSR1, wired by the host process). */
  readonly control?: ScanControl
}

export const USAGE = `Usage: outpost <command> [options]

  scan <paths…> --case <file> [--rules <pack|folder|file>]… [--json] [--skip-verify]
        (without --rules: the active packs of [--data-dir <dir>], the default pack installed first)
        [--examiner <name>] [--case-name <name>] [--processes <n> | --cpu <percent>]
        [--max-file-size <bytes>] [--timeout <seconds>] [--match-cap <n>] [--no-reuse]
  scan --resume <scan id> --case <file>   finish an interrupted or cancelled scan
        (while a scan runs: p pauses/resumes, Ctrl-C stops; or kill -USR1 <pid> to pause/resume)
  findings --case <file> [--scan <id>] [--min-score <n>] [--json | --csv]
  audit verify --case <file> [--head <seq:sha256>] [--json]
  hashset import <file|dir> --case <file> --known-good|--known-bad [--name <n>] [--json]
  hashset list --case <file> [--json]
  inspect <image> [--json]     the layout of a disk image (container, partitions, file systems)
  ls <image> [--json] [--hash] every entry of every file system of a disk image
  sample [dir]                 write a sample evidence folder (default ./sample-evidence)
  keys create --org <name> [--contact <c>] [--passphrase-file <file>]   a signing key
  keys list|trusted [--json]   own signing keys | trusted partner keys
  keys export [<key id>]       print a public key (.pub) for partners
  keys trust <file.pub> --org <name> [--note <text>] | keys untrust <key id>
        (keys commands take [--data-dir <dir>]; default $OUTPOST_DATA_DIR or the app's folder)
  export --case <file> --tlp <level> --out <dir> [--redact none|partner|strict]
        [--redact-term <word>]… [--scan <id>] [--min-score <n>] [--triage <status,…>]
        [--key <key id>] [--passphrase-file <file>]      a signed report bundle (+ .minisig)
  rules import <pack folder|zip> [--activate] [--json]   a signed rule pack: checked, diffed,
        installed and activated only with --activate;  rules list [--json]
  rules import <rule folder|file.yar> [--drop-invalid] [--name <n>] [--activate]   unsigned local
        pack;  rules check <folder|file|pack> [--json]   every error and warning (exit 4 on errors)
  rules pack <dir> --sign [--previous <pack|zip>] [--version <v>] [--zip] [--out <dir>] …
        an authoring folder released as a signed pack + CHANGELOG (no args: every option)
  rules state <rule key> <active|testing|disabled> --case <file> [--reason <r>]
  rules states --case <file> [--json]          per-case rule states (from the next scan on)
  findings suppress <finding id> --reason <r> --case <file>   a known false positive (rule + SHA-256)
  findings triage --case <file> --status <s> (--ids <1,2,5-9> | --rule <name>…) [--scan <id>]
  findings tag --case <file> [--add <t1,t2>] [--remove <t3>] (--ids <…> | --rule <name>…)
        (status: new, needs-review, confirmed, false-positive, benign; one audit entry per call)
  suppressions list|export --case <file> [--out <file>] [--json]   export: a pack's suppressions.json
  verify <bundle.zip> [--accept-unknown-key] [--case <file>] [--json]
  import <bundle.zip> --case <file> [--accept-unknown-key] [--json]   a partner's bundle

Exit codes: 0 ok/no findings, 1 findings, 2 usage, 3 input, 4 rules invalid,
            5 scan incomplete, 6 audit chain broken, 7 bundle verification failed,
            70 internal error.
`

/** Run one command line; returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<number> {
  try {
    return await runCommand(argv, env)
  } catch (error: unknown) {
    return reportError(error, env.io)
  }
}

async function runCommand(argv: readonly string[], env: CliEnvironment): Promise<number> {
  // `keys` has options of its own; it parses its arguments itself.
  if (argv[0] === 'keys') return keysCommand(argv.slice(1), env.io)
  // Rule states and suppressions (rules state|states, findings suppress, suppressions …).
  if (isRuleStatesCommand(argv)) return ruleStatesCommand(argv, env.io)
  // Triage status and tags of findings (findings triage|tag).
  if (isTriageCommand(argv)) return triageCommand(argv, env.io)
  if (argv[0] === 'rules') {
    return rulesCommand(argv.slice(1), env.io, { launcher: env.launcher, cacheDir: env.cacheDir })
  }
  if (argv[0] === 'export' || argv[0] === 'verify' || argv[0] === 'import') {
    return shareCommand(argv, env.io)
  }
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      case: { type: 'string' },
      rules: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      examiner: { type: 'string' },
      'case-name': { type: 'string' },
      processes: { type: 'string' },
      'max-file-size': { type: 'string' },
      timeout: { type: 'string' },
      'match-cap': { type: 'string' },
      scan: { type: 'string' },
      'min-score': { type: 'string' },
      head: { type: 'string' },
      hash: { type: 'boolean', default: false },
      'skip-verify': { type: 'boolean', default: false },
      'known-good': { type: 'boolean', default: false },
      'known-bad': { type: 'boolean', default: false },
      name: { type: 'string' },
      resume: { type: 'string' },
      cpu: { type: 'string' },
      'no-reuse': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [command, ...rest] = positionals
  if (values.help || command === undefined || command === 'help') {
    env.io.out(USAGE)
    return command === undefined && !values.help ? EXIT.USAGE : EXIT.OK
  }
  const casePath = (): string => {
    if (values.case === undefined)
      throw new AppError('INVALID_INPUT', `${command} needs --case <file>`)
    return values.case
  }
  switch (command) {
    case 'scan':
      if (rest.length === 0 && values.resume === undefined)
        throw new AppError('INVALID_INPUT', 'scan needs at least one path (or --resume <scan id>)')
      return scanCommand(
        {
          paths: rest,
          casePath: casePath(),
          rules: values.rules ?? [],
          bundledRulesDir: env.bundledRulesDir,
          dataDir: resolveDataDir(values['data-dir'] ?? env.dataDir),
          examiner: values.examiner ?? defaultExaminer(),
          caseName: values['case-name'],
          json: values.json,
          verify: !values['skip-verify'],
          resumeScanId: optionalInt('resume', values.resume, (n) => n),
          reuse: !values['no-reuse'],
          control: env.control,
          limits: {
            ...optionalInt('processes', values.processes, (n) => ({ processes: n })),
            ...optionalInt('cpu', values.cpu, (n) => ({ processes: processesForCpuShare(n) })),
            ...optionalInt('max-file-size', values['max-file-size'], (n) => ({ maxFileBytes: n })),
            ...optionalInt('timeout', values.timeout, (n) => ({
              engineTimeoutMs: n * 1000,
              hardDeadlineMs: n * 1000 + 30_000,
            })),
            ...optionalInt('match-cap', values['match-cap'], (n) => ({ matchCapPerPattern: n })),
          },
          launcher: env.launcher,
          cacheDir: env.cacheDir ?? join(tmpdir(), 'outpost-rule-cache'),
          signal: env.signal,
        },
        env.io,
      )
    case 'findings':
      return findingsCommand(
        {
          casePath: casePath(),
          scanId: optionalInt('scan', values.scan, (n) => n),
          format: values.json ? 'json' : values.csv ? 'csv' : 'text',
          minScore: optionalInt('min-score', values['min-score'], (n) => n),
        },
        env.io,
      )
    case 'audit':
      if (rest[0] !== 'verify')
        throw new AppError('INVALID_INPUT', 'usage: outpost audit verify --case <file>')
      return auditVerifyCommand(
        { casePath: casePath(), head: values.head, json: values.json },
        env.io,
      )
    case 'hashset':
      return hashSetCommand(
        {
          action: rest[0],
          paths: rest.slice(1),
          casePath: casePath(),
          knownGood: values['known-good'],
          knownBad: values['known-bad'],
          name: values.name,
          examiner: values.examiner ?? defaultExaminer(),
          json: values.json,
        },
        env.io,
      )
    case 'inspect':
      if (rest[0] === undefined)
        throw new AppError('INVALID_INPUT', 'usage: outpost inspect <image>')
      return inspectCommand({ image: rest[0], json: values.json }, env.io)
    case 'ls':
      if (rest[0] === undefined)
        throw new AppError('INVALID_INPUT', 'usage: outpost ls <image> [--json] [--hash]')
      return lsCommand({ image: rest[0], json: values.json, hash: values.hash }, env.io)
    case 'sample':
      return sampleCommand(rest[0] ?? 'sample-evidence', env.io)
    default:
      throw new AppError('INVALID_INPUT', `unknown command "${command}"\n\n${USAGE}`)
  }
}

/** `--cpu 50` on 8 cores → 4 scan processes (at least one): a CPU cap for a laptop in use. */
function processesForCpuShare(percent: number): number {
  if (percent > 100)
    throw new AppError('INVALID_INPUT', '--cpu is a percentage of the cores (1–100)')
  return Math.max(1, Math.floor((availableParallelism() * percent) / 100))
}

function optionalInt<T>(
  name: string,
  text: string | undefined,
  wrap: (n: number) => T,
): T | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new AppError('INVALID_INPUT', `--${name} must be a positive whole number`)
  }
  return wrap(Number(text))
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof AppError) {
    io.err(`outpost: ${error.message}\n`)
    if (error.code === 'RULES_INVALID' && Array.isArray(error.details)) {
      for (const d of error.details as RuleDiagnostic[]) io.err(`  ${formatDiagnostic(d)}\n`)
    }
    return exitCodeFor(error.code)
  }
  if (
    error instanceof TypeError &&
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    io.err(`outpost: ${error.message}\n\n${USAGE}`)
    return EXIT.USAGE
  }
  io.err(
    `outpost: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  return EXIT.INTERNAL
}
