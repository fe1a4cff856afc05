import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import type { BigIntStats } from 'node:fs'

/** `O_NOATIME` where the platform has it (Linux); 0 elsewhere. */
const O_NOATIME: number = (constants as { O_NOATIME?: number }).O_NOATIME ?? 0
const O_NOFOLLOW: number = (constants as { O_NOFOLLOW?: number }).O_NOFOLLOW ?? 0

/**
 * An evidence file opened for reading only, never following a link, without updating its access
 * time where the OS allows it.
 *
 * `O_NOATIME` needs the file's owner or CAP_FOWNER; when refused (EPERM) the file is opened
 * without it and `atimeProtected` is false, so the scan can record that the atime may have
 * changed (ACPO principle 2: say plainly what could not be avoided).
 */
export class ReadOnlyFile {
  private constructor(
    private readonly fd: number,
    /** False when the file had to be opened without O_NOATIME. */
    readonly atimeProtected: boolean,
  ) {}

  /** Open `path` read-only (no O_CREAT, O_WRONLY, O_RDWR, O_TRUNC, O_APPEND — ever). */
  static open(path: string): ReadOnlyFile {
    const flags = constants.O_RDONLY | O_NOFOLLOW
    if (O_NOATIME !== 0) {
      try {
        return new ReadOnlyFile(openSync(path, flags | O_NOATIME), true)
      } catch (error: unknown) {
        if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error
      }
    }
    return new ReadOnlyFile(openSync(path, flags), false)
  }

  /** Status of the open file (not of whatever the path names now). */
  stat(): BigIntStats {
    return fstatSync(this.fd, { bigint: true })
  }

  /** Read up to `length` bytes at `position` into `buffer` at `offset`; returns bytes read. */
  readInto(buffer: Uint8Array, offset: number, length: number, position: number): number {
    return readSync(this.fd, buffer, offset, length, position)
  }

  /**
   * Read exactly `length` bytes from `position`, or fewer at end of file.
   */
  readFully(buffer: Uint8Array, position: number, length = buffer.length): number {
    let done = 0
    while (done < length) {
      const n = this.readInto(buffer, done, length - done, position + done)
      if (n === 0) break
      done += n
    }
    return done
  }

  close(): void {
    closeSync(this.fd)
  }
}
