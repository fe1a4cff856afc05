/** The largest up-case table read: 65,536 mappings plus compression marks fit well within. */
export const MAX_UPCASE_BYTES = 256 * 1024

/**
 * An exFAT up-case table: how each UTF-16 code unit is folded for name comparison and for the
 * name hash a stream extension entry stores. Decoded from the volume's table (whose
 * compression writes `0xFFFF, n` for n identity mappings); `verified` says whether the table
 * met its stored checksum.
 */
export class UpcaseTable {
  private constructor(
    private readonly map: Uint16Array,
    readonly verified: boolean,
  ) {}

  /** The table stored in `data`, checked against `checksum`. */
  static decode(data: Buffer, checksum: number): UpcaseTable {
    const map = identity()
    const units = Math.floor(data.length / 2)
    let code = 0
    for (let i = 0; i < units && code < 0x10000; i += 1) {
      const value = data.readUInt16LE(i * 2)
      if (value === 0xffff && i + 1 < units) {
        i += 1
        code += data.readUInt16LE(i * 2)
        continue
      }
      map[code] = value
      code += 1
    }
    return new UpcaseTable(map, tableChecksum(data) === checksum)
  }

  /** Plain identity mapping with ASCII letters folded, for a volume without a usable table. */
  static fallback(): UpcaseTable {
    const map = identity()
    for (let code = 0x61; code <= 0x7a; code += 1) map[code] = code - 0x20
    return new UpcaseTable(map, false)
  }

  /** The 16-bit name hash of a stream extension entry, over the up-cased UTF-16 name. */
  nameHash(name: Buffer): number {
    let hash = 0
    for (let at = 0; at + 1 < name.length; at += 2) {
      const unit = this.map[name.readUInt16LE(at)] ?? 0
      for (const byte of [unit & 0xff, unit >> 8])
        hash = ((hash & 1 ? 0x8000 : 0) + (hash >> 1) + byte) & 0xffff
    }
    return hash
  }
}

function identity(): Uint16Array {
  const map = new Uint16Array(0x10000)
  for (let code = 0; code < 0x10000; code += 1) map[code] = code
  return map
}

/** The 32-bit rotating checksum exFAT uses for the up-case table. */
function tableChecksum(data: Buffer): number {
  let sum = 0
  for (const byte of data) sum = ((((sum & 1) << 31) | (sum >>> 1)) + byte) >>> 0
  return sum
}
