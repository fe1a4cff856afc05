import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { AppError } from '../../core/model/errors'
import type { SigningKeyInfo } from '../../core/share/keys/key-store'
import { SigningKeyStore } from '../../core/share/keys/key-store'
import { passphraseProtector } from '../../core/share/keys/secret-box'
import type { TrustEntry } from '../../core/share/keys/trust-store'
import { TrustStore } from '../../core/share/keys/trust-store'
import type { CliIo } from '../cli-context'
import { defaultExaminer } from '../cli-context'
import { resolveDataDir } from '../data-dir'
import { EXIT } from '../exit-codes'
import { printable } from './findings-command'
import { newKeyPassphrase } from './keys-passphrase'

/** What `outpost keys` reads besides its arguments (replaceable in tests). */
export interface KeysCommandHost {
  readonly env: NodeJS.ProcessEnv
  readonly stdin: NodeJS.ReadStream
}

const USAGE_LINE = `usage: outpost keys create --org <name> [--contact <c>] [--passphrase-file <file>]
       outpost keys list [--json]
       outpost keys export [<key id>]
       outpost keys trust <file.pub> --org <name> [--note <text>]
       outpost keys untrust <key id>
       outpost keys trusted [--json]
  every keys command takes [--data-dir <dir>] (default $OUTPOST_DATA_DIR or the app's data folder)`

interface KeysArgs {
  readonly action: string | undefined
  readonly operands: readonly string[]
  readonly org: string | undefined
  readonly contact: string | undefined
  readonly passphraseFile: string | undefined
  readonly note: string | undefined
  readonly json: boolean
  readonly keys: SigningKeyStore
  readonly trust: TrustStore
}

/**
 * `outpost keys …`: the organisation's signing keys and the partner keys it trusts.
 *
 * Takes its own argument list (after `keys`), since its options are its own.
 */
export async function keysCommand(
  argv: readonly string[],
  io: CliIo,
  host: KeysCommandHost = { env: process.env, stdin: process.stdin },
): Promise<number> {
  const args = parseKeysArgs(argv, host.env)
  switch (args.action) {
    case 'create':
      return createKey(args, io, host)
    case 'list':
      return listKeys(args, io)
    case 'export':
      return exportKey(args, io)
    case 'trust':
      return trustKey(args, io)
    case 'untrust':
      return untrustKey(args, io)
    case 'trusted':
      return listTrusted(args, io)
    default:
      throw new AppError('INVALID_INPUT', USAGE_LINE)
  }
}

function parseKeysArgs(argv: readonly string[], env: NodeJS.ProcessEnv): KeysArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      org: { type: 'string' },
      contact: { type: 'string' },
      'passphrase-file': { type: 'string' },
      note: { type: 'string' },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  })
  const dataDir = resolveDataDir(values['data-dir'], env)
  const [action, ...operands] = positionals
  return {
    action,
    operands,
    org: values.org,
    contact: values.contact,
    passphraseFile: values['passphrase-file'],
    note: values.note,
    json: values.json,
    keys: SigningKeyStore.forDataDir(dataDir),
    trust: TrustStore.forDataDir(dataDir),
  }
}

async function createKey(args: KeysArgs, io: CliIo, host: KeysCommandHost): Promise<number> {
  if (args.org === undefined || args.operands.length > 0)
    throw new AppError('INVALID_INPUT', USAGE_LINE)
  const passphrase = await newKeyPassphrase(args.passphraseFile, {
    env: host.env,
    stdin: host.stdin,
    stderr: io.stderr,
  })
  const info = args.keys.create({
    org: args.org,
    contact: args.contact,
    protector: passphraseProtector(passphrase),
  })
  io.out(
    `Created signing key ${info.keyId} for "${printable(info.org)}" (passphrase-protected)\n` +
      `  fingerprint: ${info.fingerprint}\n` +
      `  public key:  ${info.publicKeyBase64}\n` +
      `  stored in:   ${args.keys.dir}\n` +
      `Partners verify with: minisign -Vm <file> -P ${info.publicKeyBase64}\n` +
      'Give partners the public key (outpost keys export) and read them the fingerprint.\n',
  )
  return EXIT.OK
}

function listKeys(args: KeysArgs, io: CliIo): number {
  const keys = args.keys.list()
  if (args.json) io.out(`${JSON.stringify(keys, null, 2)}\n`)
  else if (keys.length === 0)
    io.out(`No signing keys in ${args.keys.dir}. Create one: outpost keys create --org <name>\n`)
  else io.out(keys.map(keyLine).join(''))
  return EXIT.OK
}

function keyLine(key: SigningKeyInfo): string {
  const contact = key.contact === null ? '' : ` <${printable(key.contact)}>`
  return (
    `${key.keyId}  ${key.createdAt}  ${key.protection.padEnd(11)}  ` +
    `${printable(key.org)}${contact}\n  fingerprint ${key.fingerprint}\n`
  )
}

function exportKey(args: KeysArgs, io: CliIo): number {
  const [keyId, ...extra] = args.operands
  if (extra.length > 0) throw new AppError('INVALID_INPUT', USAGE_LINE)
  const key = keyId === undefined ? args.keys.defaultKey() : args.keys.get(keyId.toUpperCase())
  if (key === null) {
    throw new AppError(
      'KEY_NOT_FOUND',
      `No signing keys in ${args.keys.dir}. Create one: outpost keys create --org <name>`,
    )
  }
  io.out(key.publicKeyText)
  return EXIT.OK
}

function trustKey(args: KeysArgs, io: CliIo): number {
  const [file, ...extra] = args.operands
  if (file === undefined || extra.length > 0 || args.org === undefined)
    throw new AppError('INVALID_INPUT', USAGE_LINE)
  const entry = args.trust.add({
    publicKeyText: readPublicKeyFile(file),
    org: args.org,
    addedBy: defaultExaminer(),
    note: args.note,
  })
  io.out(
    `Trusted key ${entry.keyId} for "${printable(entry.org)}"\n` +
      `  fingerprint: ${entry.fingerprint}\n` +
      'Check the fingerprint with the partner (by phone) before relying on it.\n',
  )
  return EXIT.OK
}

function untrustKey(args: KeysArgs, io: CliIo): number {
  const [keyId, ...extra] = args.operands
  if (keyId === undefined || extra.length > 0) throw new AppError('INVALID_INPUT', USAGE_LINE)
  const removed = args.trust.remove(keyId.toUpperCase())
  io.out(`No longer trusting key ${removed.keyId} ("${printable(removed.org)}").\n`)
  return EXIT.OK
}

function listTrusted(args: KeysArgs, io: CliIo): number {
  const entries = args.trust.list()
  if (args.json) io.out(`${JSON.stringify(entries, null, 2)}\n`)
  else if (entries.length === 0) io.out('No trusted partner keys.\n')
  else io.out(entries.map(trustLine).join(''))
  return EXIT.OK
}

function trustLine(entry: TrustEntry): string {
  const note = entry.note === undefined ? '' : `\n  note: ${printable(entry.note)}`
  return (
    `${entry.keyId}  ${printable(entry.org)}  (added ${entry.addedAt} by ${printable(entry.addedBy)})\n` +
    `  fingerprint ${entry.fingerprint}${note}\n`
  )
}

function readPublicKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error: unknown) {
    const missing = (error as { code?: string }).code === 'ENOENT'
    throw new AppError(
      missing ? 'PATH_NOT_FOUND' : 'PATH_UNREADABLE',
      `Cannot read the public key file ${path}.`,
      { cause: error },
    )
  }
}
