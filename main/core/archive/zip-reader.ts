import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { crc32, inflateRawSync } from 'node:zlib'
import { AppError } from '../model/errors'

/** Limits that keep a hostile archive from exhausting memory or disk (zip bombs). */
export interface ZipLimits {
  /** Most entries the central directory may list. */
  readonly maxEntries: number
  /** Largest uncompressed size of one entry, in bytes. */
  readonly maxEntryBytes: number
  /** Largest sum of the uncompressed sizes of all entries, in bytes. */
  readonly maxTotalBytes: number
  /** Largest uncompressed / compressed ratio of one entry (deflate tops out near 1032:1). */
  readonly maxRatio: number
}

/** Defaults sized for report bundles and rule packs. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
}

/** One entry of the central directory. */
export interface ZipEntry {
  /** The name as stored, `/`-separated; directories end with `/`. */
  readonly name: string
  readonly isDirectory: boolean
  readonly method: 'stored' | 'deflate'
  readonly compressedSize: number
  readonly size: number
  readonly crc32: number
  /** Offset of the entry's local header in the archive. */
  readonly localHeaderOffset: number
}

/** An open ZIP archive: its entries, readable one at a time. Close it when done. */
export interface ZipArchive {
  readonly path: string
  readonly entries: readonly ZipEntry[]
  /** The entry called `name`, or undefined. */
  find(name: string): ZipEntry | undefined
  /** The uncompressed bytes of an entry, CRC-checked. */
  read(entry: ZipEntry): Buffer
  close(): void
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const EOCD_MIN = 22
const MAX_COMMENT = 0xffff
const UTF8_FLAG = 0x0800
const ENCRYPTED_FLAG = 0x0001
const UNIX_HOST = 3
const S_IFMT = 0o170000
const S_IFLNK = 0o120000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000

/**
 * Open a ZIP archive read-only and check its central directory before anything is extracted.
 *
 * Only what the central directory lists is trusted; entries are read by offset, never by
 * walking local headers, so data smuggled between entries is never seen. ZIP64, encryption and
 * methods other than stored/deflate are refused, as are names with `..`, absolute or drive
 * paths, backslashes, NUL, Unix symlinks and special files, and entries that overlap (one
 * kernel, many entries).
 *
 * @throws AppError `PATH_NOT_FOUND` / `PATH_UNREADABLE` when the file cannot be opened,
 *   `INVALID_INPUT` when it is not a ZIP this reader accepts or breaks a limit.
 */
export function openZip(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
  const fd = openFile(path)
  try {
    const size = fstatSync(fd).size
    const entries = readCentralDirectory(fd, size, path, limits)
    const byName = new Map(entries.map((e) => [e.name, e]))
    return {
      path,
      entries,
      find: (name) => byName.get(name),
      read: (entry) => readEntry(fd, size, path, entry, limits),
      close: () => {
        closeSync(fd)
      },
    }
  } catch (error: unknown) {
    closeSync(fd)
    throw error
  }
}

function openFile(path: string): number {
  try {
    return openSync(path, 'r')
  } catch (error: unknown) {
    const code = (error as { code?: unknown }).code
    throw new AppError(
      code === 'ENOENT' ? 'PATH_NOT_FOUND' : 'PATH_UNREADABLE',
      `Cannot open ${path}.`,
      { cause: error },
    )
  }
}

function bad(path: string, why: string): AppError {
  return new AppError('INVALID_INPUT', `${path} is not a ZIP archive Outpost accepts: ${why}.`)
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length)
  let done = 0
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done)
    if (n === 0) break
    done += n
  }
  return done === length ? buffer : buffer.subarray(0, done)
}

function findEndOfCentralDirectory(fd: number, size: number, path: string): Buffer {
  if (size < EOCD_MIN) throw bad(path, 'too small')
  const tailLength = Math.min(size, EOCD_MIN + MAX_COMMENT)
  const tail = readAt(fd, size - tailLength, tailLength)
  // Scan backwards: the record sits before a comment of up to 64 KiB.
  for (let i = tail.length - EOCD_MIN; i >= 0; i -= 1) {
    if (
      tail.readUInt32LE(i) === EOCD_SIGNATURE &&
      i + EOCD_MIN + tail.readUInt16LE(i + 20) <= tail.length
    ) {
      return tail.subarray(i, i + EOCD_MIN)
    }
  }
  throw bad(path, 'no end-of-central-directory record')
}

function readCentralDirectory(
  fd: number,
  size: number,
  path: string,
  limits: ZipLimits,
): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(fd, size, path)
  const count = eocd.readUInt16LE(10)
  const cdSize = eocd.readUInt32LE(12)
  const cdOffset = eocd.readUInt32LE(16)
  if (eocd.readUInt16LE(4) !== 0 || eocd.readUInt16LE(8) !== count) {
    throw bad(path, 'multi-disk archives are not supported')
  }
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw bad(path, 'ZIP64 archives are not supported')
  }
  if (count > limits.maxEntries) throw bad(path, `more than ${limits.maxEntries} entries`)
  if (cdOffset + cdSize > size) throw bad(path, 'the central directory lies outside the file')
  const cd = readAt(fd, cdOffset, cdSize)
  const entries: ZipEntry[] = []
  const names = new Set<string>()
  let total = 0
  let at = 0
  for (let i = 0; i < count; i += 1) {
    const { entry, next } = parseCentralEntry(cd, at, path)
    checkEntry(entry, path, limits, size)
    if (names.has(entry.name)) throw bad(path, `entry "${entry.name}" appears twice`)
    names.add(entry.name)
    total += entry.size
    if (total > limits.maxTotalBytes) {
      throw bad(path, `it would expand to more than ${limits.maxTotalBytes} bytes`)
    }
    entries.push(entry)
    at = next
  }
  checkNoOverlap(entries, cdOffset, path)
  return entries
}

/**
 * Refuse entries whose bytes overlap each other or the central directory: the "overlapping
 * files" bomb (Fifield, 2019) points many entries at one highly compressed kernel, so the
 * per-entry ratio cap alone lets a small file expand to the total cap. Each entry occupies at
 * least its 30-byte local header plus its compressed data, before the next entry starts.
 */
function checkNoOverlap(entries: readonly ZipEntry[], cdOffset: number, path: string): void {
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)
  for (let i = 0; i < byOffset.length; i += 1) {
    const entry = byOffset[i] as ZipEntry
    const limit = byOffset[i + 1]?.localHeaderOffset ?? cdOffset
    if (entry.localHeaderOffset + 30 + entry.compressedSize > limit) {
      throw bad(path, `entry "${entry.name}" overlaps another entry or the central directory`)
    }
  }
}

function parseCentralEntry(
  cd: Buffer,
  at: number,
  path: string,
): { entry: ZipEntry; next: number } {
  if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
    throw bad(path, 'the central directory is damaged')
  }
  const madeBy = cd.readUInt16LE(at + 4) >> 8
  const flags = cd.readUInt16LE(at + 8)
  const method = cd.readUInt16LE(at + 10)
  const crc = cd.readUInt32LE(at + 16)
  const compressedSize = cd.readUInt32LE(at + 20)
  const size = cd.readUInt32LE(at + 24)
  const nameLength = cd.readUInt16LE(at + 28)
  const extraLength = cd.readUInt16LE(at + 30)
  const commentLength = cd.readUInt16LE(at + 32)
  const externalAttributes = cd.readUInt32LE(at + 38)
  const localHeaderOffset = cd.readUInt32LE(at + 42)
  const next = at + 46 + nameLength + extraLength + commentLength
  if (next > cd.length) throw bad(path, 'the central directory is damaged')
  const rawName = cd.subarray(at + 46, at + 46 + nameLength)
  // Without the UTF-8 flag the name is CP437; latin1 keeps ASCII names exact and never throws.
  const name = rawName.toString((flags & UTF8_FLAG) !== 0 ? 'utf8' : 'latin1')
  if ((flags & ENCRYPTED_FLAG) !== 0) throw bad(path, `entry "${name}" is encrypted`)
  if (method !== 0 && method !== 8) {
    throw bad(path, `entry "${name}" uses compression method ${method}`)
  }
  const fileType = (externalAttributes >>> 16) & S_IFMT
  if (madeBy === UNIX_HOST && fileType === S_IFLNK) {
    throw bad(path, `entry "${name}" is a symbolic link`)
  }
  // Devices, FIFOs and sockets: never extracted as anything, so refused like links (D2).
  if (madeBy === UNIX_HOST && fileType !== 0 && fileType !== S_IFREG && fileType !== S_IFDIR) {
    throw bad(path, `entry "${name}" is not a regular file or folder`)
  }
  if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
    throw bad(path, 'ZIP64 archives are not supported')
  }
  const entry: ZipEntry = {
    name,
    isDirectory: name.endsWith('/'),
    method: method === 0 ? 'stored' : 'deflate',
    compressedSize,
    size,
    crc32: crc,
    localHeaderOffset,
  }
  return { entry, next }
}

/** True when an entry name could escape the folder it is extracted to (zip-slip). */
export function isUnsafeEntryName(name: string): boolean {
  if (name.length === 0 || name.includes('\0') || name.includes('\\')) return true
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return true
  return name.split('/').some((part) => part === '..')
}

function checkEntry(entry: ZipEntry, path: string, limits: ZipLimits, size: number): void {
  if (isUnsafeEntryName(entry.name)) {
    throw bad(path, `entry "${entry.name}" has an unsafe name (absolute, "..", or "\\")`)
  }
  if (entry.size > limits.maxEntryBytes) {
    throw bad(path, `entry "${entry.name}" would expand to more than ${limits.maxEntryBytes} bytes`)
  }
  if (entry.method === 'stored' && entry.size !== entry.compressedSize) {
    throw bad(path, `stored entry "${entry.name}" has inconsistent sizes`)
  }
  if (entry.size > Math.max(entry.compressedSize, 1) * limits.maxRatio && entry.size > 4096) {
    throw bad(path, `entry "${entry.name}" compresses more than ${limits.maxRatio}:1`)
  }
  if (entry.localHeaderOffset + 30 + entry.compressedSize > size) {
    throw bad(path, `entry "${entry.name}" lies outside the file`)
  }
}

function readEntry(
  fd: number,
  size: number,
  path: string,
  entry: ZipEntry,
  limits: ZipLimits,
): Buffer {
  const header = readAt(fd, entry.localHeaderOffset, 30)
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) {
    throw bad(path, `the local header of "${entry.name}" is damaged`)
  }
  const dataOffset =
    entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
  if (dataOffset + entry.compressedSize > size) {
    throw bad(path, `entry "${entry.name}" lies outside the file`)
  }
  const raw = readAt(fd, dataOffset, entry.compressedSize)
  const data = entry.method === 'stored' ? raw : inflate(raw, entry, path, limits)
  if (data.length !== entry.size || crc32(data) !== entry.crc32) {
    throw bad(path, `entry "${entry.name}" does not match its recorded size and CRC`)
  }
  return data
}

function inflate(raw: Buffer, entry: ZipEntry, path: string, limits: ZipLimits): Buffer {
  try {
    // The cap is the declared size (already within the limits), so a lying header cannot make
    // zlib allocate more than that; one extra byte lets a longer stream be detected.
    return inflateRawSync(raw, {
      maxOutputLength: Math.min(entry.size, limits.maxEntryBytes) + 1,
    })
  } catch (error: unknown) {
    throw new AppError(
      'INVALID_INPUT',
      `${path}: entry "${entry.name}" does not decompress (${(error as Error).message}).`,
      { cause: error },
    )
  }
}
