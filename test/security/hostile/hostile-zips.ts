import { closeSync, openSync, readdirSync, statSync, writeSync } from 'node:fs'
import { join, relative } from 'node:path'
import { constants, crc32, deflateRawSync } from 'node:zlib'
import { AppError } from '../../../main/core/model/errors'

/**
 * Makers of hostile ZIP archives for the D1–D3 tests (security-checks.md), built at test time:
 * nothing hostile is committed. `buildZip` (the product's writer) covers honest layouts; these
 * write the layouts it cannot: raw name bytes, overlapping entries, a streamed 1 GiB bomb.
 */

/** One raw entry: name bytes as given, stored data, optional Unix mode and declared size. */
export interface RawEntry {
  readonly name: Buffer | string
  readonly data: Buffer
  readonly unixMode?: number
  /** `madeBy` host (3 = Unix, 0 = DOS). */
  readonly host?: number
}

function localHeader(name: Buffer, crc: number, compressed: number, size: number, method = 0) {
  const h = Buffer.alloc(30)
  h.writeUInt32LE(0x04034b50, 0)
  h.writeUInt16LE(20, 4)
  h.writeUInt16LE(0x0800, 6)
  h.writeUInt16LE(method, 8)
  h.writeUInt32LE(crc, 14)
  h.writeUInt32LE(compressed, 18)
  h.writeUInt32LE(size, 22)
  h.writeUInt16LE(name.length, 26)
  return Buffer.concat([h, name])
}

interface CentralFields {
  readonly name: Buffer
  readonly crc: number
  readonly compressed: number
  readonly size: number
  readonly offset: number
  readonly method?: number
  readonly unixMode?: number
  readonly host?: number
}

function centralHeader(f: CentralFields): Buffer {
  const c = Buffer.alloc(46)
  c.writeUInt32LE(0x02014b50, 0)
  c.writeUInt16LE(((f.host ?? 3) << 8) | 20, 4)
  c.writeUInt16LE(20, 6)
  c.writeUInt16LE(0x0800, 8)
  c.writeUInt16LE(f.method ?? 0, 10)
  c.writeUInt32LE(f.crc, 16)
  c.writeUInt32LE(f.compressed, 20)
  c.writeUInt32LE(f.size, 24)
  c.writeUInt16LE(f.name.length, 28)
  c.writeUInt32LE(((f.unixMode ?? 0o100644) << 16) >>> 0, 38)
  c.writeUInt32LE(f.offset, 42)
  return Buffer.concat([c, f.name])
}

/** The end-of-central-directory record. */
export function endRecord(count: number, cdSize: number, cdOffset: number): Buffer {
  const e = Buffer.alloc(22)
  e.writeUInt32LE(0x06054b50, 0)
  e.writeUInt16LE(count, 8)
  e.writeUInt16LE(count, 10)
  e.writeUInt32LE(cdSize, 12)
  e.writeUInt32LE(cdOffset, 16)
  return e
}

/** A stored-only ZIP whose names are written byte for byte (NUL, over-long, lookalikes). */
export function rawZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.isBuffer(entry.name) ? entry.name : Buffer.from(entry.name, 'utf8')
    const crc = crc32(entry.data)
    const local = localHeader(name, crc, entry.data.length, entry.data.length)
    centrals.push(
      centralHeader({
        name,
        crc,
        compressed: entry.data.length,
        size: entry.data.length,
        offset,
        ...(entry.unixMode === undefined ? {} : { unixMode: entry.unixMode }),
        ...(entry.host === undefined ? {} : { host: entry.host }),
      }),
    )
    locals.push(local, entry.data)
    offset += local.length + entry.data.length
  }
  const cd = Buffer.concat(centrals)
  return Buffer.concat([...locals, cd, endRecord(entries.length, cd.length, offset)])
}

/**
 * Fifield's overlapping-entry bomb, stored variant: `count` entries whose data all run to the
 * end of one shared `kernelBytes` kernel, each entry's data quoting the local headers after it.
 * Every entry is honest on its own (ratio 1:1, CRC right) yet the file of ~`kernelBytes`
 * expands to ~`count × kernelBytes`.
 */
export function overlappingBomb(count: number, kernelBytes: number): Buffer {
  const kernel = Buffer.alloc(kernelBytes, 0x41)
  const names = Array.from({ length: count }, (_, i) =>
    Buffer.from(`e${String(i).padStart(5, '0')}`),
  )
  // Built from the last entry backwards: entry i's data is every header after it, then the kernel.
  let tail = kernel
  const headers: Buffer[] = []
  for (let i = count - 1; i >= 0; i -= 1) {
    const header = localHeader(names[i] as Buffer, crc32(tail), tail.length, tail.length)
    headers.unshift(header)
    tail = Buffer.concat([header, tail])
  }
  const centrals: Buffer[] = []
  let offset = 0
  for (let i = 0; i < count; i += 1) {
    const header = headers[i] as Buffer
    const size = header.readUInt32LE(22)
    centrals.push(
      centralHeader({
        name: names[i] as Buffer,
        crc: header.readUInt32LE(14),
        compressed: size,
        size,
        offset,
      }),
    )
    offset += header.length
  }
  const cdOffset = tail.length
  const cd = Buffer.concat(centrals)
  return Buffer.concat([tail, cd, endRecord(count, cd.length, cdOffset)])
}

/** 1 MiB of zeros as a fully flushed deflate chunk: concatenated copies stay one valid stream. */
const ZERO_MIB = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH })
const FINAL_BLOCK = deflateRawSync(Buffer.alloc(0))

/**
 * A zip holding `name`: `mib` MiB of zeros deflated (1 GiB → ~1 MB), written to `path` in
 * 1 KiB pieces, never in memory. `declaredSize` lets the header lie about the size.
 */
export function writeZeroBomb(path: string, mib: number, declaredSize?: number): void {
  let crc = 0
  const zeros = Buffer.alloc(1 << 20)
  for (let i = 0; i < mib; i += 1) crc = crc32(zeros, crc)
  const compressed = ZERO_MIB.length * mib + FINAL_BLOCK.length
  const size = declaredSize ?? mib * 1024 * 1024
  const name = Buffer.from('zeros.bin')
  const local = localHeader(name, crc, compressed, size, 8)
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, local)
    for (let i = 0; i < mib; i += 1) writeSync(fd, ZERO_MIB)
    writeSync(fd, FINAL_BLOCK)
    const cd = centralHeader({ name, crc, compressed, size, offset: 0, method: 8 })
    writeSync(fd, cd)
    writeSync(fd, endRecord(1, cd.length, local.length + compressed))
  } finally {
    closeSync(fd)
  }
}

/** Every file under `root`, relative, sorted (to prove nothing landed outside a staging dir). */
export function filesUnder(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out.push(relative(root, path))
    }
  }
  walk(root)
  return out.sort()
}

/** `code: message` of what `run` throws, `accepted` when it returns, `RAW …` for a non-AppError. */
export function outcome(run: () => unknown): string {
  try {
    run()
  } catch (error: unknown) {
    if (error instanceof AppError) return `${error.code}: ${error.message}`
    return `RAW ${String((error as { code?: unknown }).code)}: ${String(error)}`
  }
  return 'accepted'
}
