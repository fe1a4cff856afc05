/**
 * Generated parts of the bench corpus, all deterministic (fixed seeds, fixed times): random
 * data, archives (zip, gzip, tar, tar.gz made with node:zlib) and the single big file.
 */
import { createCipheriv } from 'node:crypto'
import { closeSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs'
import { crc32, deflateRawSync, gzipSync } from 'node:zlib'

const MIB = 1024 * 1024

/** `bytes` pseudo-random bytes from `seed` (AES-128-CTR of zeros: fast and reproducible). */
export function pseudoRandom(seed: string, bytes: number): Buffer {
  const key = Buffer.alloc(16)
  key.write(seed.padEnd(16, '#').slice(0, 16), 'latin1')
  return createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(bytes))
}

/** Sizes of the random files: small to large, cycling, until `total` bytes. */
export function randomFileSizes(total: number): number[] {
  const cycle = [4096, 65_536, 300_000, MIB, 4 * MIB + 17, 16 * MIB]
  const sizes: number[] = []
  let done = 0
  for (let i = 0; done < total; i += 1) {
    const size = Math.min(cycle[i % cycle.length] as number, total - done)
    sizes.push(size)
    done += size
  }
  return sizes
}

/** One member of an archive. */
export interface ArchiveMember {
  readonly name: string
  readonly data: Buffer
}

/** A tar (ustar) archive of `members`, mtime fixed. */
export function tarOf(members: readonly ArchiveMember[]): Buffer {
  const parts: Buffer[] = []
  for (const m of members) {
    const header = Buffer.alloc(512)
    header.write(m.name.slice(-99), 0, 'utf8')
    header.write('0000644\0', 100)
    header.write('0000000\0', 108)
    header.write('0000000\0', 116)
    header.write(`${m.data.length.toString(8).padStart(11, '0')}\0`, 124)
    header.write(`${(1_700_000_000).toString(8).padStart(11, '0')}\0`, 136)
    header.write('        ', 148)
    header.write('0', 156)
    header.write('ustar\0' + '00', 257)
    let sum = 0
    for (const byte of header) sum += byte
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
    parts.push(header, m.data, Buffer.alloc((512 - (m.data.length % 512)) % 512))
  }
  parts.push(Buffer.alloc(1024))
  return Buffer.concat(parts)
}

/** A zip archive of `members` (deflated, or stored when deflate does not help), time fixed. */
export function zipOf(members: readonly ArchiveMember[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8')
    const deflated = deflateRawSync(m.data)
    const stored = deflated.length >= m.data.length
    const body = stored ? m.data : deflated
    const crc = crc32(m.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(stored ? 0 : 8, 8)
    local.writeUInt16LE(0x6000, 10) // 12:00
    local.writeUInt16LE(0x5821, 12) // 2024-01-01
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(m.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    local.copy(entry, 8, 6, 30) // flags … name length
    entry.writeUInt32LE(offset, 42)
    central.push(entry, name)
    locals.push(local, name, body)
    offset += local.length + name.length + body.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(members.length, 8)
  end.writeUInt16LE(members.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** Gzip, deterministic (no name, no time). */
export function gzipOf(data: Buffer): Buffer {
  return gzipSync(data, { level: 6 })
}

/** What the big file holds where. */
export interface BigFile {
  readonly path: string
  readonly bytes: number
  readonly plantedAt: readonly number[]
}

/** Strings the default pack's Mimikatz rule detects (two commands and the name). */
export const PLANTED = 'sekurlsa::logonpasswords lsadump::sam mimikatz'

/**
 * A big real file (not sparse): a text header (so it is not taken for a disk image), then a
 * 64 MiB pseudo-random pattern repeated, with {@link PLANTED} written at three offsets.
 */
export function writeBigFile(path: string, bytes: number): BigFile {
  const pattern = pseudoRandom('outpost-bigfile', 64 * MIB)
  const header = Buffer.from(
    Array.from({ length: 1024 }, (_, i) => `outpost bench big file, line ${i}\n`)
      .join('')
      .slice(0, 64 * 1024),
  )
  header.copy(pattern, 0)
  const plantedAt = [100 * MIB + 7, Math.floor(bytes / 2) + 13, bytes - 4096]
  const partial = `${path}.partial`
  const fd = openSync(partial, 'w')
  try {
    for (let done = 0; done < bytes;) {
      const n = Math.min(pattern.length, bytes - done)
      done += writeSync(fd, pattern, 0, n, done)
    }
    for (const at of plantedAt) writeSync(fd, Buffer.from(PLANTED), 0, PLANTED.length, at)
  } finally {
    closeSync(fd)
  }
  renameSync(partial, path)
  writeFileSync(`${path}.json`, JSON.stringify({ bytes, plantedAt }))
  return { path, bytes, plantedAt }
}
