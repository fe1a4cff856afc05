import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { AppError } from '../../model/errors'

/** `O_NOATIME` where the platform has it (Linux); 0 elsewhere. */
const O_NOATIME: number = (constants as { O_NOATIME?: number }).O_NOATIME ?? 0
/** Opening a FIFO for reading would block until a writer comes: never wait for one. */
const O_NONBLOCK: number = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0

/** Why a host file is opened: decides which error a missing file gives. */
export type ImageFileRole = 'image' | 'segment' | 'parent'

let nextId = 0

/**
 * One host file of an image (a segment, an extent, a parent disk), opened read-only without
 * touching its access time where the OS allows it.
 *
 * Only regular files are accepted: a device, a folder or a FIFO named by a header (a VHD parent
 * locator, a QCOW2 backing file) is refused before anything is read from it.
 */
export class ImageFile {
  /** Unique per opened file: the cache key prefix of everything read from it. */
  readonly id = `f${String(nextId++)}`
  private closed = false

  private constructor(
    /** The path it was opened by. */
    readonly path: string,
    /** Size in bytes when opened. */
    readonly size: number,
    private readonly handle: FileHandle,
  ) {}

  /** Open `path`; a missing file is `PATH_NOT_FOUND` for the image, `EVIDENCE_SEGMENT_MISSING` else. */
  static async open(path: string, role: ImageFileRole = 'image'): Promise<ImageFile> {
    const handle = await openHandle(path, role)
    try {
      const stats = await handle.stat()
      if (!stats.isFile())
        throw new AppError('EVIDENCE_FORMAT', `${path} is not a regular file, so not an image.`)
      return new ImageFile(path, stats.size, handle)
    } catch (error: unknown) {
      await handle.close()
      throw error
    }
  }

  /**
   * Up to `length` bytes from `position`: fewer only at the end of the file.
   *
   * `length` must already be bounded by the caller (never a raw header field).
   */
  async read(position: number, length: number): Promise<Buffer> {
    const wanted = Math.max(0, Math.min(length, this.size - position))
    const buffer = Buffer.allocUnsafe(wanted)
    const done = await this.readInto(buffer, 0, wanted, position)
    return done === wanted ? buffer : buffer.subarray(0, done)
  }

  /** Exactly `length` bytes from `position`, or `EVIDENCE_FORMAT` naming `what` when cut short. */
  async readExact(position: number, length: number, what: string): Promise<Buffer> {
    const data = position + length <= this.size ? await this.read(position, length) : null
    if (data?.length !== length)
      throw new AppError(
        'EVIDENCE_FORMAT',
        `${this.path} is truncated: the ${what} at offset ${position} (${length} bytes) lies past ` +
          `the end of the file (${this.size} bytes). The copy may be incomplete.`,
      )
    return data
  }

  /**
   * Exactly `length` bytes from `position` while reading media (a table piece, a grain), or
   * `EVIDENCE_READ` naming `what` when the file ends first.
   */
  async readRequired(position: number, length: number, what: string): Promise<Buffer> {
    const data = await this.read(position, length)
    if (data.length < length)
      throw new AppError(
        'EVIDENCE_READ',
        `${this.path}: the ${what} at offset ${position} lies past the end of the file ` +
          `(${this.size} bytes); the copy is truncated.`,
      )
    return data
  }

  /** Read into `target` at `offset`; returns the bytes read (fewer only at end of file). */
  async readInto(
    target: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<number> {
    if (this.closed) throw new AppError('EVIDENCE_READ', `${this.path} is closed.`)
    let done = 0
    try {
      while (done < length) {
        const { bytesRead } = await this.handle.read(
          target,
          offset + done,
          length - done,
          position + done,
        )
        if (bytesRead === 0) break
        done += bytesRead
      }
    } catch (error: unknown) {
      throw new AppError(
        'EVIDENCE_READ',
        `Could not read ${this.path} at offset ${position + done}: ${describe(error)}.`,
        { cause: error },
      )
    }
    return done
  }

  /** Close the file; closing twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.handle.close()
  }
}

async function openHandle(path: string, role: ImageFileRole): Promise<FileHandle> {
  const flags = constants.O_RDONLY | O_NONBLOCK
  try {
    if (O_NOATIME !== 0) {
      try {
        return await open(path, flags | O_NOATIME)
      } catch (error: unknown) {
        // O_NOATIME needs the file's owner; without it, open plainly (as ReadOnlyFile does).
        if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error
      }
    }
    return await open(path, flags)
  } catch (error: unknown) {
    throw openError(path, role, error)
  }
}

function openError(path: string, role: ImageFileRole, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return role === 'image'
      ? new AppError('PATH_NOT_FOUND', `${path} does not exist.`, { cause: error })
      : new AppError(
          'EVIDENCE_SEGMENT_MISSING',
          `The ${role === 'parent' ? 'parent or backing image' : 'segment'} ${path} is missing: ` +
            'copy it beside the other files of the image and open it again.',
          { cause: error },
        )
  }
  if (code === 'EACCES' || code === 'EPERM')
    return new AppError('PATH_UNREADABLE', `${path} cannot be read (permission denied).`, {
      cause: error,
    })
  if (code === 'EISDIR')
    return new AppError('EVIDENCE_FORMAT', `${path} is a folder, not an image file.`, {
      cause: error,
    })
  return new AppError('EVIDENCE_READ', `Could not open ${path}: ${describe(error)}.`, {
    cause: error,
  })
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
