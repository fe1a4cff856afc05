import { utf16Name } from '../names'

/** $REPARSE_POINT attribute type. */
export const ATTR_REPARSE_POINT = 0xc0
const TAG_SYMLINK = 0xa000000c
const TAG_MOUNT_POINT = 0xa0000003

/**
 * The target a symbolic link or junction (mount point) reparse point names: its print name,
 * else its substitute name (`\??\C:\…`); null for other reparse tags or a damaged value.
 */
export function reparseTarget(value: Buffer): string | null {
  if (value.length < 16) return null
  const tag = value.readUInt32LE(0)
  if (tag !== TAG_SYMLINK && tag !== TAG_MOUNT_POINT) return null
  // Symbolic links have a 4-byte flags field (relative or absolute) before the path buffer.
  const paths = tag === TAG_SYMLINK ? 20 : 16
  const name = (offsetAt: number): string | null => {
    const offset = value.readUInt16LE(offsetAt)
    const length = value.readUInt16LE(offsetAt + 2)
    const start = paths + offset
    if (length === 0 || start + length > value.length) return null
    return utf16Name(value.subarray(start, start + length))
  }
  return name(12) ?? name(8)
}
