import { parseArgs } from 'node:util'
import { closeCase } from '../../core/case/case-file'
import { AppError } from '../../core/model/errors'
import { TRIAGE_STATUSES } from '../../core/model/findings'
import type { TriageStatus } from '../../core/model/findings'
import type { ExportResult, ImportResult, VerificationView } from '../../core/model/sharing'
import { isTlpLevel, tlpLabel } from '../../core/model/tlp'
import { listPartnerFindings } from '../../core/share/bundle/partner-repo'
import { SigningKeyStore } from '../../core/share/keys/key-store'
import { TrustStore } from '../../core/share/keys/trust-store'
import { parseRedactionProfile } from '../../core/share/redaction'
import {
  exportCaseBundle,
  importBundleFile,
  verifyBundleFile,
} from '../../core/share/share-actions'
import type { SharingStores } from '../../core/share/share-actions'
import type { CliIo } from '../cli-context'
import { APP_VERSION, defaultExaminer, openExistingCase, openOrCreateCase } from '../cli-context'
import { resolveDataDir } from '../data-dir'
import { EXIT } from '../exit-codes'
import { printable } from './findings-command'
import { unlockSigningKey } from './keys-passphrase'
import type { PassphraseSources } from './keys-passphrase'

const USAGE_LINE = `usage: outpost export --case <file> --tlp <clear|green|amber|amber+strict|red> --out <dir>
         [--redact none|partner|strict] [--redact-term <word>]… [--scan <id>] [--min-score <n>]
         [--triage <status,…>] [--key <key id>] [--passphrase-file <file>] [--examiner <name>]
       outpost verify <bundle.zip> [--accept-unknown-key] [--case <file>] [--json]
       outpost import <bundle.zip> --case <file> [--accept-unknown-key] [--json]
  all take [--data-dir <dir>] (keys and trust store; default $OUTPOST_DATA_DIR or the app's folder)`

const OPTIONS = {
  case: { type: 'string' },
  tlp: { type: 'string' },
  out: { type: 'string' },
  redact: { type: 'string', default: 'none' },
  'redact-term': { type: 'string', multiple: true },
  scan: { type: 'string' },
  'min-score': { type: 'string' },
  triage: { type: 'string' },
  key: { type: 'string' },
  'passphrase-file': { type: 'string' },
  examiner: { type: 'string' },
  'accept-unknown-key': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
} as const

type ShareArgs = ReturnType<typeof parse>

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS })
}

/**
 * `outpost export | verify | import`: signed report bundles out of a case, and a partner's
 * bundles checked and brought in. Takes its own argument list (the command word first).
 */
export async function shareCommand(
  argv: readonly string[],
  io: CliIo,
  host: PassphraseSources = { env: process.env, stdin: process.stdin, stderr: io.stderr },
): Promise<number> {
  const [command, ...rest] = argv
  const args = parse(rest)
  const dataDir = resolveDataDir(args.values['data-dir'], host.env)
  const stores: SharingStores = {
    keys: SigningKeyStore.forDataDir(dataDir),
    trust: TrustStore.forDataDir(dataDir),
  }
  switch (command) {
    case 'export':
      return exportBundle(args, stores, io, host)
    case 'verify':
      return verifyCommand(args, stores, io)
    case 'import':
      return importCommand(args, stores, io)
    default:
      throw new AppError('INVALID_INPUT', USAGE_LINE)
  }
}

async function exportBundle(
  args: ShareArgs,
  stores: SharingStores,
  io: CliIo,
  host: PassphraseSources,
): Promise<number> {
  const { values } = args
  const casePath = required(values.case, '--case <file>')
  const out = required(values.out, '--out <dir>')
  const tlp = required(values.tlp, '--tlp <level>')
  if (!isTlpLevel(tlp)) throw new AppError('INVALID_INPUT', `--tlp ${tlp} is not a TLP 2.0 level.`)
  const signer = await unlockSigningKey(stores.keys, values.key, values['passphrase-file'], host)
  const handle = openExistingCase(casePath)
  try {
    const result = exportCaseBundle(
      handle.db,
      handle.info.uuid,
      {
        tlp,
        redaction: parseRedactionProfile(values.redact),
        extraTerms: values['redact-term'] ?? [],
        ...(values.scan === undefined ? {} : { scanId: positiveInt('--scan', values.scan) }),
        filter: {
          ...(values['min-score'] === undefined
            ? {}
            : { minScore: positiveInt('--min-score', values['min-score']) }),
          ...(values.triage === undefined ? {} : { triage: triageList(values.triage) }),
        },
        examiner: values.examiner ?? defaultExaminer(),
        toolVersion: APP_VERSION,
      },
      signer,
      out,
    )
    io.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : exportText(result))
    return EXIT.OK
  } finally {
    closeCase(handle)
  }
}

function verifyCommand(args: ShareArgs, stores: SharingStores, io: CliIo): number {
  const path = onlyOperand(args)
  const accept = args.values['accept-unknown-key']
  const casePath = args.values.case
  const handle = casePath === undefined ? null : openExistingCase(casePath)
  try {
    const audit =
      handle === null
        ? undefined
        : {
            db: handle.db,
            caseUuid: handle.info.uuid,
            actor: args.values.examiner ?? defaultExaminer(),
          }
    const view = verifyBundleFile(path, stores, {
      acceptUnknownKey: accept,
      ...(audit ? { audit } : {}),
    })
    io.out(args.values.json ? `${JSON.stringify(view, null, 2)}\n` : verificationText(view))
    return EXIT.OK
  } finally {
    if (handle !== null) closeCase(handle)
  }
}

function importCommand(args: ShareArgs, stores: SharingStores, io: CliIo): number {
  const path = onlyOperand(args)
  const examiner = args.values.examiner ?? defaultExaminer()
  const { handle } = openOrCreateCase(required(args.values.case, '--case <file>'), examiner)
  try {
    const result = importBundleFile(
      path,
      stores,
      { db: handle.db, caseUuid: handle.info.uuid, actor: examiner },
      { acceptUnknownKey: args.values['accept-unknown-key'] },
    )
    const page = listPartnerFindings(handle.db, {
      bundleId: result.bundle.id,
      offset: 0,
      limit: 10,
    })
    io.out(
      args.values.json ? `${JSON.stringify(result, null, 2)}\n` : importText(result, page.rows),
    )
    return EXIT.OK
  } finally {
    closeCase(handle)
  }
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '')
    throw new AppError('INVALID_INPUT', `This needs ${what}.\n${USAGE_LINE}`)
  return value
}

function onlyOperand(args: ShareArgs): string {
  const [path, ...more] = args.positionals
  if (path === undefined || more.length > 0) throw new AppError('INVALID_INPUT', USAGE_LINE)
  return path
}

function positiveInt(flag: string, text: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 0)
    throw new AppError('INVALID_INPUT', `${flag} needs a whole number.`)
  return n
}

function triageList(text: string): TriageStatus[] {
  return text.split(',').map((part) => {
    const status = TRIAGE_STATUSES.find((s) => s === part.trim())
    if (status === undefined) {
      throw new AppError(
        'INVALID_INPUT',
        `--triage: ${part} is not one of ${TRIAGE_STATUSES.join(', ')}.`,
      )
    }
    return status
  })
}

function exportText(result: ExportResult): string {
  return [
    `Exported ${result.findings} finding(s) and ${result.rules} rule(s) at ${tlpLabel(result.tlp)}` +
      ` (redaction: ${result.redaction}), signed with key ${result.keyId}.`,
    result.withheldAboveTlp > 0
      ? `Withheld above ${tlpLabel(result.tlp)}: ${result.withheldAboveTlp}.`
      : '',
    `Bundle:    ${printable(result.zipPath)} (${result.sizeBytes} bytes)`,
    `Signature: ${printable(result.signaturePath)}`,
    '',
  ]
    .filter((line, i, all) => line !== '' || i === all.length - 1)
    .join('\n')
}

function verificationText(view: VerificationView): string {
  const who =
    view.signer.status === 'unknown'
      ? `UNKNOWN key ${view.signer.keyId} (claims ${printable(view.signer.org ?? '?')}) — not in your trust store`
      : `${printable(view.signer.org ?? '?')} (key ${view.signer.keyId}, ${view.signer.status})`
  return [
    `Verified ${printable(view.fileName)}: ${tlpLabel(view.tlp)}, case ${printable(view.caseName)}`,
    `  signed by ${who}`,
    `  fingerprint ${view.signer.fingerprint}`,
    `  trusted comment: ${printable(view.signer.trustedComment)}`,
    ...view.checks.map((c) => `  ok  ${c.check}: ${printable(c.detail)}`),
    `  ${view.counts.findings} finding(s), ${view.counts.rules} rule(s), ${view.counts.evidence} evidence item(s)`,
    '',
  ].join('\n')
}

function importText(
  result: ImportResult,
  rows: readonly { score: number; ruleName: string; path: string }[],
): string {
  const head = result.alreadyImported
    ? `Already imported as partner bundle ${result.bundle.id}; nothing added.`
    : `Imported partner bundle ${result.bundle.id}: ${result.bundle.findingCount} finding(s), ${result.bundle.ruleCount} rule(s) from ${printable(result.bundle.producerOrg)}.`
  return [
    verificationText(result.verification).trimEnd(),
    head,
    ...rows.map(
      (r) => `  ${String(r.score).padStart(3)}  ${printable(r.ruleName)}  ${printable(r.path)}`,
    ),
    '',
  ].join('\n')
}
