import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import type { Stats } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../model/errors'
import { AUTHORING_FILE_NAME, MAX_EDITOR_SOURCE_BYTES } from '../model/rule-editor'
import type { AuthoringFile } from '../model/rule-editor'

const O_NOFOLLOW: number = (constants as { O_NOFOLLOW?: number }).O_NOFOLLOW ?? 0

/**
 * The analyst's own rules, `<dataDir>/authoring/rules/*.yar`: the folder a later
 * `outpost rules pack <dataDir>/authoring --sign` releases as a signed pack.
 *
 * Only plain names (`[A-Za-z0-9_-]{1,64}.yar`) are read or written, so nothing outside the
 * folder can be reached; links are neither followed nor replaced; every save is atomic (a
 * temporary file in the same folder, flushed, then renamed over the old one).
 */
export class AuthoringFolder {
  /** `<dataDir>/authoring`. */
  readonly root: string
  /** `<dataDir>/authoring/rules`. */
  readonly rulesDir: string

  constructor(dataDir: string) {
    this.root = join(dataDir, 'authoring')
    this.rulesDir = join(this.root, 'rules')
  }

  /** The rule files, by name; an absent folder is an empty list. */
  list(): AuthoringFile[] {
    if (!this.folderExists()) return []
    const files: AuthoringFile[] = []
    for (const name of readdirSync(this.rulesDir).sort()) {
      if (!AUTHORING_FILE_NAME.test(name)) continue
      const stats = lstatSync(join(this.rulesDir, name))
      if (!stats.isFile()) continue
      files.push({ file: name, sizeBytes: stats.size, modifiedAt: stats.mtime.toISOString() })
    }
    return files
  }

  /**
   * The text of one rule file.
   *
   * @throws AppError `INVALID_INPUT` (odd name, not UTF-8, too large, a link), `NOT_FOUND`
   */
  read(file: string): string {
    const path = this.pathOf(file)
    let fd: number
    try {
      fd = openSync(path, constants.O_RDONLY | O_NOFOLLOW | constants.O_NONBLOCK)
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') throw new AppError('NOT_FOUND', `There is no rule file ${file}.`)
      if (code === 'ELOOP')
        throw new AppError('INVALID_INPUT', `${file} is a link; the editor does not follow links.`)
      throw new AppError('PATH_UNREADABLE', `Cannot read ${file}: ${code ?? 'error'}.`)
    }
    try {
      const stats = fstatSync(fd)
      if (!stats.isFile()) throw new AppError('INVALID_INPUT', `${file} is not a regular file.`)
      if (stats.size > MAX_EDITOR_SOURCE_BYTES)
        throw new AppError('INVALID_INPUT', `${file} is larger than 1 MiB; open it elsewhere.`)
      const bytes = readFileSync(fd)
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      } catch {
        throw new AppError('INVALID_INPUT', `${file} is not UTF-8 text.`)
      }
    } finally {
      closeSync(fd)
    }
  }

  /**
   * Write one rule file atomically (created or replaced).
   *
   * @throws AppError `INVALID_INPUT` (odd name, too large, the target is a link or a folder)
   */
  save(file: string, source: string): AuthoringFile {
    const path = this.pathOf(file)
    const bytes = Buffer.from(source, 'utf8')
    if (bytes.length > MAX_EDITOR_SOURCE_BYTES)
      throw new AppError('INVALID_INPUT', 'A rule file is limited to 1 MiB.')
    mkdirSync(this.rulesDir, { recursive: true })
    this.requireRealFolder()
    const existing = lstatOrNull(path)
    if (existing !== null && !existing.isFile())
      throw new AppError('INVALID_INPUT', `${file} exists and is not a regular file; not replaced.`)
    const temp = join(this.rulesDir, `.${file}.${randomBytes(6).toString('hex')}.tmp`)
    try {
      const fd = openSync(temp, 'wx', 0o644)
      try {
        writeSync(fd, bytes)
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
      renameSync(temp, path)
    } catch (error: unknown) {
      rmSync(temp, { force: true })
      if (error instanceof AppError) throw error
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      throw new AppError('PATH_UNREADABLE', `Could not save ${file}: ${code}.`, { cause: error })
    }
    const stats = lstatSync(path)
    return { file, sizeBytes: stats.size, modifiedAt: stats.mtime.toISOString() }
  }

  /** The path of a rule file, after its name is checked. */
  private pathOf(file: string): string {
    if (!AUTHORING_FILE_NAME.test(file))
      throw new AppError(
        'INVALID_INPUT',
        'A rule file name is 1 to 64 letters, digits, "_" or "-", then ".yar" (no folder).',
      )
    return join(this.rulesDir, file)
  }

  private folderExists(): boolean {
    const stats = lstatOrNull(this.rulesDir)
    if (stats === null) return false
    this.requireRealFolder()
    return true
  }

  /** The rules folder must be a folder, not a link to somewhere else. */
  private requireRealFolder(): void {
    for (const dir of [this.root, this.rulesDir]) {
      const stats = lstatOrNull(dir)
      if (stats !== null && !stats.isDirectory())
        throw new AppError('INVALID_INPUT', `${dir} is not a plain folder (a link?); not used.`)
    }
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path)
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
