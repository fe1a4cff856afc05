import { crc32, deflateRawSync } from 'node:zlib'

/** One entry of {@link buildZip}. */
export interface ZipWriterEntry {
  readonly name: string
  readonly data: string | Buffer
  /** `auto` (default): deflated, or stored when deflating does not make it smaller. */
  readonly method?: 'stored' | 'deflate' | 'auto'
  /** Unix mode for the external attributes (e.g. 0o120777 for a symlink). */
  readonly unixMode?: number
  /**
   * Override the uncompressed size recorded in the headers. Only tests use it, to build the
   * damaged archives and bombs the readers must refuse.
   */
  readonly declaredSize?: number
}

/** DOS time and date of every entry: 1980-01-01 00:00, as `zip -X` under a fixed clock. */
const DOS_TIME = 0
const DOS_DATE = 0x0021

/** The classic (non-ZIP64) format's limits: 65,535 entries, 4 GiB offsets and sizes. */
const MAX_ENTRIES = 0xffff
const MAX_OFFSET = 0xffffffff

/**
 * A deterministic ZIP archive: entries in the order given (callers sort them), one fixed time,
 * no extra fields, no directory entries, UTF-8 names (flag bit 11), Unix modes 0644.
 *
 * The same entries always give the same bytes with the same zlib, which is what makes a report
 * bundle reproducible. Written by hand (headers, central directory, end record) so that nothing
 * varies behind our back. Bundles are small; past the classic format's limits this refuses
 * rather than writing ZIP64.
 */
export function buildZip(entries: readonly ZipWriterEntry[]): Buffer {
  if (entries.length > MAX_ENTRIES) {
    throw new RangeError(`A ZIP of ${entries.length} entries needs ZIP64, which is not written.`)
  }
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data)
    const { method, body } = compress(data, entry.method ?? 'auto')
    const name = Buffer.from(entry.name, 'utf8')
    const size = entry.declaredSize ?? data.length
    const methodCode = method === 'deflate' ? 8 : 0
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(methodCode, 8)
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc32(data), 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(methodCode, 10)
    central.writeUInt16LE(DOS_TIME, 12)
    central.writeUInt16LE(DOS_DATE, 14)
    central.writeUInt32LE(crc32(data), 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(((entry.unixMode ?? 0o100644) << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, body)
    centrals.push(central, name)
    offset += 30 + name.length + body.length
  }
  if (offset > MAX_OFFSET)
    throw new RangeError('A ZIP over 4 GiB needs ZIP64, which is not written.')
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

function compress(
  data: Buffer,
  method: 'stored' | 'deflate' | 'auto',
): { method: 'stored' | 'deflate'; body: Buffer } {
  if (method === 'stored') return { method, body: data }
  const deflated = deflateRawSync(data)
  if (method === 'auto' && deflated.length >= data.length) return { method: 'stored', body: data }
  return { method: 'deflate', body: deflated }
}
