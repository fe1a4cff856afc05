import { parseArgs } from 'node:util'
import { AppError } from '../../core/model/errors'
import { buildPackRelease } from '../../core/rules/pack-release'
import type { PackRelease } from '../../core/rules/pack-release'
import { SigningKeyStore } from '../../core/share/keys/key-store'
import { resolveSigner, TrustStore } from '../../core/share/keys/trust-store'
import type { CliIo } from '../cli-context'
import { resolveDataDir } from '../data-dir'
import { EXIT } from '../exit-codes'
import { printable } from './findings-command'
import { unlockSigningKey } from './keys-passphrase'
import type { PassphraseSources } from './keys-passphrase'

const USAGE_LINE = `usage: outpost rules pack <authoring folder> --sign [--name <n>] [--version <v>]
         [--previous <signed pack folder|zip>] [--publisher <org>] [--tlp <level>]
         [--license <SPDX id>] [--suppressions <file.json>] [--out <folder>] [--zip]
         [--key <key id>] [--passphrase-file <file>] [--data-dir <dir>] [--json]`

const OPTIONS = {
  sign: { type: 'boolean', default: false },
  name: { type: 'string' },
  version: { type: 'string' },
  previous: { type: 'string' },
  publisher: { type: 'string' },
  tlp: { type: 'string' },
  license: { type: 'string' },
  suppressions: { type: 'string' },
  out: { type: 'string' },
  zip: { type: 'boolean', default: false },
  key: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const

/** What the command needs besides its arguments; tests inject the clock. */
export interface RulesPackHost extends PassphraseSources {
  readonly clock?: (() => Date) | undefined
}

/**
 * `outpost rules pack <dir> --sign`: release the authoring folder as a new signed version of a
 * pack (manifest, CHANGELOG, signature), superseding `--previous`. Signed with our key (the
 * newest, or `--key`), unlocked by its passphrase.
 */
export async function rulesPackCommand(
  argv: readonly string[],
  io: CliIo,
  host: RulesPackHost = { env: process.env, stdin: process.stdin, stderr: io.stderr },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: OPTIONS,
  })
  const [dir] = positionals
  if (dir === undefined || positionals.length > 1) throw new AppError('INVALID_INPUT', USAGE_LINE)
  if (!values.sign) {
    throw new AppError(
      'INVALID_INPUT',
      `A released pack is always signed: add --sign.\n${USAGE_LINE}`,
    )
  }
  const dataDir = resolveDataDir(values['data-dir'], host.env)
  const stores = {
    keys: SigningKeyStore.forDataDir(dataDir),
    trust: TrustStore.forDataDir(dataDir),
  }
  const signer = await unlockSigningKey(stores.keys, values.key, values['passphrase-file'], host)
  const release = await buildPackRelease(dir, {
    signer,
    resolveKey: (keyId) => resolveSigner(keyId, stores),
    name: values.name,
    version: values.version,
    previous: values.previous,
    publisher: values.publisher,
    tlp: values.tlp,
    license: values.license,
    suppressions: values.suppressions,
    out: values.out,
    zip: values.zip,
    clock: host.clock,
  })
  io.out(values.json ? `${JSON.stringify(summary(release), null, 2)}\n` : releaseText(release))
  return EXIT.OK
}

function summary(release: PackRelease): Record<string, unknown> {
  const { manifest } = release
  return {
    name: manifest.name,
    version: manifest.version,
    sequence: manifest.sequence,
    rules: manifest.rules.length,
    keyId: manifest.publisher.key_id,
    supersedes: manifest.supersedes,
    folder: release.folder,
    zip: release.zip,
    manifestSha256: release.manifestSha256,
    changelog: release.changelogSection,
    warnings: release.warnings,
  }
}

function releaseText(release: PackRelease): string {
  const { manifest } = release
  const lines = [
    `Signed rule pack ${printable(manifest.name)} ${printable(manifest.version)} ` +
      `(sequence ${manifest.sequence}), ${manifest.rules.length} rules, key ${manifest.publisher.key_id ?? '-'}`,
    manifest.supersedes === null
      ? '  first release'
      : `  supersedes ${printable(manifest.supersedes.version)} (sequence ${manifest.supersedes.sequence})`,
    `  folder ${printable(release.folder)}`,
  ]
  if (release.zip !== null) lines.push(`  zip    ${printable(release.zip)}`)
  lines.push(`  pack.json sha256 ${release.manifestSha256}`)
  for (const warning of release.warnings) lines.push(`  warning: ${printable(warning)}`)
  lines.push('', ...release.changelogSection.trimEnd().split('\n').map(printable))
  return `${lines.join('\n')}\n`
}
