import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import type { ByteSource } from '../../core/evidence/byte-source'
import { openImage } from '../../core/evidence/image-layout'
import type { FileEntry } from '../../core/filesystems/file-system'
import { isWalkProblem } from '../../core/filesystems/file-system'
import type { CliIo } from '../cli-context'
import { EXIT } from '../exit-codes'
import { printable } from './findings-command'

const CHUNK = 1024 * 1024

/**
 * `outpost ls <image> [--json] [--hash]`: every entry of every file system, like `fls -r -p`:
 * volume, entry id, type, deleted flag, size, path, and with `--hash` the SHA-256 of each file's
 * content (deleted files as far as they can be recovered). Problems the walk met go to stderr.
 */
export async function lsCommand(
  options: { readonly image: string; readonly json: boolean; readonly hash: boolean },
  io: CliIo,
): Promise<number> {
  const image = await openImage(resolve(options.image))
  const rows: unknown[] = []
  try {
    for (const { volume, fileSystem } of image.volumes) {
      if (fileSystem === null) continue
      for await (const item of fileSystem.walk()) {
        if (isWalkProblem(item)) {
          io.err(`outpost: volume ${volume.index} ${printable(item.path)}: ${item.detail}\n`)
          continue
        }
        const sha256 =
          options.hash && item.kind === 'file' && item.recoverable
            ? await sha256Of(fileSystem.open(item))
            : null
        if (options.json) rows.push(toJson(volume.index, item, sha256))
        else io.out(toLine(volume.index, item, sha256))
      }
    }
    if (options.json) io.out(`${JSON.stringify(rows, null, 2)}\n`)
    return EXIT.OK
  } finally {
    await image.close()
  }
}

function toJson(volume: number, entry: FileEntry, sha256: string | null): unknown {
  return {
    volume,
    id: entry.id,
    path: entry.path,
    kind: entry.kind,
    size: entry.size,
    deleted: entry.deleted,
    recoverable: entry.recoverable,
    times: entry.times,
    ...(sha256 === null ? {} : { sha256 }),
  }
}

function toLine(volume: number, entry: FileEntry, sha256: string | null): string {
  const type =
    entry.kind === 'directory'
      ? 'd/d'
      : entry.kind === 'file'
        ? 'r/r'
        : entry.kind === 'symlink'
          ? 'l/l'
          : '-/-'
  const cells = [
    String(volume),
    type + (entry.deleted ? ' *' : ''),
    entry.id,
    String(entry.size),
    printable(entry.path),
  ]
  return `${cells.join('\t')}${sha256 === null ? '' : `\t${sha256}`}\n`
}

async function sha256Of(source: ByteSource): Promise<string> {
  const hash = createHash('sha256')
  for (let at = 0; at < source.size; at += CHUNK)
    hash.update(await source.read(at, Math.min(CHUNK, source.size - at)))
  return hash.digest('hex')
}
