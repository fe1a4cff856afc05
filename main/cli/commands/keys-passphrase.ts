import { readFileSync } from 'node:fs'
import { AppError } from '../../core/model/errors'
import type { Signer, SigningKeyStore } from '../../core/share/keys/key-store'
import { passphraseProtector } from '../../core/share/keys/secret-box'

/** The shortest passphrase a new key accepts. */
export const MIN_PASSPHRASE_LENGTH = 8

/** Where a passphrase may come from besides `--passphrase-file`. */
export interface PassphraseSources {
  readonly env: NodeJS.ProcessEnv
  readonly stdin: NodeJS.ReadStream
  readonly stderr: NodeJS.WriteStream
}

/**
 * The passphrase protecting a new key.
 *
 * In order: the first line of `--passphrase-file`, `$OUTPOST_KEY_PASSPHRASE`, or, on a terminal,
 * a prompt (twice, without echo). Anything else is an error, so that a script never hangs.
 *
 * @throws AppError `INVALID_INPUT` when there is no source, the two entries differ, or the
 *   passphrase is shorter than {@link MIN_PASSPHRASE_LENGTH}.
 */
export async function newKeyPassphrase(
  file: string | undefined,
  sources: PassphraseSources,
): Promise<string> {
  const passphrase = await readPassphrase(file, sources)
  if (Array.from(passphrase).length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError(
      'INVALID_INPUT',
      `The passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters.`,
    )
  }
  return passphrase
}

async function readPassphrase(
  file: string | undefined,
  sources: PassphraseSources,
): Promise<string> {
  if (file !== undefined) return firstLineOf(file)
  const fromEnv = sources.env['OUTPOST_KEY_PASSPHRASE']
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (!sources.stdin.isTTY) {
    throw new AppError(
      'INVALID_INPUT',
      'keys create needs a passphrase: --passphrase-file <file>, $OUTPOST_KEY_PASSPHRASE, or a terminal.',
    )
  }
  const first = await promptHidden('Passphrase for the new key: ', sources)
  const second = await promptHidden('Repeat the passphrase: ', sources)
  if (first !== second) throw new AppError('INVALID_INPUT', 'The two passphrases differ.')
  return first
}

/** Read one line from the terminal in raw mode, echoing nothing. */
function promptHidden(prompt: string, sources: PassphraseSources): Promise<string> {
  const { stdin, stderr } = sources
  stderr.write(prompt)
  stdin.setRawMode(true)
  stdin.setEncoding('utf8')
  stdin.resume()
  return new Promise((resolve, reject) => {
    let text = ''
    const finish = (): void => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      stderr.write('\n')
    }
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish()
          resolve(text)
          return
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish()
          reject(new AppError('CANCELLED', 'Cancelled.'))
          return
        }
        text = ch === '\u007f' || ch === '\b' ? Array.from(text).slice(0, -1).join('') : text + ch
      }
    }
    stdin.on('data', onData)
  })
}

/**
 * The passphrase of an existing key, to unlock it for signing.
 *
 * In order: the first line of `--passphrase-file`, `$OUTPOST_KEY_PASSPHRASE`, or a prompt on a
 * terminal (once). Anything else is an error, so that a script never hangs.
 */
export async function existingKeyPassphrase(
  file: string | undefined,
  sources: PassphraseSources,
  keyId: string,
): Promise<string> {
  if (file !== undefined) return firstLineOf(file)
  const fromEnv = sources.env['OUTPOST_KEY_PASSPHRASE']
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (!sources.stdin.isTTY) {
    throw new AppError(
      'KEY_LOCKED',
      `Key ${keyId} needs its passphrase: --passphrase-file <file>, $OUTPOST_KEY_PASSPHRASE, or a terminal.`,
    )
  }
  return promptHidden(`Passphrase of key ${keyId}: `, sources)
}

function firstLineOf(file: string): string {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error: unknown) {
    throw new AppError('PATH_UNREADABLE', `Cannot read the passphrase file ${file}.`, {
      cause: error,
    })
  }
  return text.split(/\r?\n/)[0] ?? ''
}

/**
 * Our signing key (`--key <id>`, else the default one), unlocked with its passphrase
 * ({@link existingKeyPassphrase}): what `outpost export` and `outpost rules pack` sign with.
 *
 * @throws AppError `KEY_NOT_FOUND` when there is no such key (or none yet), `KEY_LOCKED` when
 *   the passphrase is wrong.
 */
export async function unlockSigningKey(
  keys: SigningKeyStore,
  keyOption: string | undefined,
  passphraseFile: string | undefined,
  sources: PassphraseSources,
): Promise<Signer> {
  const key = keyOption === undefined ? keys.defaultKey() : keys.get(keyOption)
  if (key === null) {
    throw new AppError(
      'KEY_NOT_FOUND',
      'There is no signing key yet: create one with `outpost keys create --org <name>`.',
    )
  }
  const passphrase = await existingKeyPassphrase(passphraseFile, sources, key.keyId)
  return keys.unlock(key.keyId, passphraseProtector(passphrase))
}
