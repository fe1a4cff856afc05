import type { ByteSource } from '../../evidence/byte-source'
import { AppError } from '../../model/errors'
import type { Attribute, NtfsFile } from './ntfs-attributes'
import type { NtfsBoot } from './ntfs-boot'
import { applyFixups } from './ntfs-fixups'
import { parseFileName } from './ntfs-names'
import type { FileName } from './ntfs-names'
import { ATTR } from './ntfs-record'

/** One name a directory index lists: the $FILE_NAME key and the MFT entry it names. */
export interface IndexEntry extends FileName {
  readonly entry: number
  readonly sequence: number
}

/** An index entry flag: the entry is the last of its node. */
const LAST_ENTRY = 0x02

/**
 * The names the $I30 index of `dir` lists, from $INDEX_ROOT and every in-use index record of
 * $INDEX_ALLOCATION (read in disk order, not tree order: every node is read exactly once, so a
 * child pointer cycle cannot loop). Entries of index records whose update sequence fails are
 * skipped with an error at the end of the listing.
 *
 * @throws AppError `FILESYSTEM_CORRUPT` after the readable entries, when some index records were
 *   damaged.
 */
export async function* readDirectoryIndex(
  source: ByteSource,
  boot: NtfsBoot,
  dir: NtfsFile,
): AsyncGenerator<IndexEntry> {
  const i30 = (type: number): Attribute | undefined =>
    dir.attributes.find((a) => a.type === type && a.name === '$I30')
  const root = i30(ATTR.indexRoot)
  if (root?.value !== null && root?.value !== undefined && root.value.length >= 32)
    yield* nodeEntries(root.value, 16)
  const allocation = i30(ATTR.indexAllocation)
  if (allocation === undefined || allocation.runs.length === 0) return
  const bitmap = i30(ATTR.bitmap)?.value ?? null
  const damaged = yield* allocationEntries(source, boot, allocation, bitmap)
  if (damaged > 0) {
    throw new AppError(
      'FILESYSTEM_CORRUPT',
      `${damaged} index record(s) of the directory are damaged (bad signature or update sequence); their names are not listed.`,
    )
  }
}

/** The entries of every in-use INDX record; returns how many records were damaged. */
async function* allocationEntries(
  source: ByteSource,
  boot: NtfsBoot,
  allocation: Attribute,
  bitmap: Buffer | null,
): AsyncGenerator<IndexEntry, number> {
  const size = boot.indexRecordSize
  const volumeBytes = Math.min(boot.clusterCount * boot.clusterSize, source.size)
  let damaged = 0
  let record = 0
  let budget = Math.ceil(volumeBytes / size)
  for (const run of allocation.runs) {
    const runBytes = run.count * boot.clusterSize
    for (let inner = 0; inner + size <= runBytes; inner += size, record += 1) {
      if (budget-- <= 0) return damaged
      if (bitmap !== null && ((bitmap[record >> 3] ?? 0) & (1 << (record & 7))) === 0) continue
      if (run.lcn === null) continue
      const bytes = await source.read(run.lcn * boot.clusterSize + inner, size)
      if (bytes.length < size || bytes.toString('latin1', 0, 4) !== 'INDX') {
        damaged += 1
        continue
      }
      if (applyFixups(bytes, 0, size) !== null) {
        damaged += 1
        continue
      }
      yield* nodeEntries(bytes, 0x18)
    }
  }
  return damaged
}

/** The entries of the index node whose header is at `header` in `bytes`. */
function* nodeEntries(bytes: Buffer, header: number): Generator<IndexEntry> {
  if (header + 16 > bytes.length) return
  const end = Math.min(bytes.length, header + bytes.readUInt32LE(header + 4))
  let at = header + bytes.readUInt32LE(header)
  while (at + 16 <= end) {
    const length = bytes.readUInt16LE(at + 8)
    const keyLength = bytes.readUInt16LE(at + 10)
    const flags = bytes.readUInt32LE(at + 12)
    if ((flags & LAST_ENTRY) !== 0 || length < 16 || at + length > end) return
    if (keyLength > 0 && 16 + keyLength <= length) {
      const name = parseFileName(bytes.subarray(at + 16, at + 16 + keyLength))
      if (name !== null)
        yield { ...name, entry: bytes.readUIntLE(at, 6), sequence: bytes.readUInt16LE(at + 6) }
    }
    at += length
  }
}
