/**
 * Little-endian 64-bit value at `at` as a number; values past 2^53 (never valid in a file system
 * that fits in memory addresses) saturate at `Number.MAX_SAFE_INTEGER`, so every size check
 * that follows rejects them.
 */
export function u64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at)
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value)
}

/**
 * UTF-16LE `units` as a string the way TSK converts NTFS names: unpaired surrogates become
 * U+FFFD, the name ends at a NUL, control characters become `^`.
 */
export function ntfsName(units: Buffer): string {
  let text = units.toString('utf16le')
  const nul = text.indexOf('\u0000')
  if (nul >= 0) text = text.slice(0, nul)
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/\p{Cc}/gu, '^')
}
