/**
 * NTFS protects every multi-sector structure (MFT records, index records) with an update
 * sequence: the last two bytes of each 512-byte stride are replaced on disk by a sequence
 * number, and the real bytes are kept in the update sequence array in the header. A stride
 * whose last two bytes differ from the number was torn by an interrupted write.
 */
export const FIXUP_STRIDE = 512

/**
 * Undo the update sequence of the structure in `buffer[start, start + length)` in place.
 *
 * @returns null when every stride checks out, else why the structure is damaged (then the
 *   buffer may be partly fixed and must not be trusted).
 */
export function applyFixups(buffer: Buffer, start: number, length: number): string | null {
  if (start < 0 || length < 8 || start + length > buffer.length) return 'the record is cut short'
  const arrayAt = buffer.readUInt16LE(start + 4)
  const count = buffer.readUInt16LE(start + 6)
  if (count === 0) return 'it has no update sequence'
  if ((count - 1) * FIXUP_STRIDE > length)
    return `its update sequence has ${count} entries, more than the record holds`
  if (arrayAt < 8 || arrayAt + 2 * count > length)
    return 'its update sequence array lies outside the record'
  const usn = buffer.readUInt16LE(start + arrayAt)
  for (let i = 1; i < count; i += 1) {
    const at = start + i * FIXUP_STRIDE - 2
    if (buffer.readUInt16LE(at) !== usn)
      return `its update sequence check fails in sector ${i} (a torn or damaged write)`
    buffer.writeUInt16LE(buffer.readUInt16LE(start + arrayAt + 2 * i), at)
  }
  return null
}

/**
 * The offsets (relative to the structure) whose on-disk bytes are update sequence numbers
 * rather than data: the last two bytes of each stride the sequence covers. Used to tell which
 * bytes of resident data have no place on the media.
 */
export function fixupOffsets(count: number, length: number): number[] {
  const out: number[] = []
  for (let i = 1; i < count && i * FIXUP_STRIDE <= length; i += 1) out.push(i * FIXUP_STRIDE - 2)
  return out
}
