/**
 * Generated parts of the bench corpus, all deterministic (fixed seeds, fixed times): random
 * data, archives (zip, gzip, tar, tar.gz made with node:zlib) and the single big file.
 */
import { createCipheriv } from 'node:crypto'
import { closeSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { buildZip } from '../../main/core/archive/zip-writer'

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
  return buildZip(members)
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
