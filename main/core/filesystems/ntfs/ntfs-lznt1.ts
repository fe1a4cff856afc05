/** LZNT1 works in chunks of this many uncompressed bytes. */
export const LZNT1_CHUNK = 4096

/**
 * Decompress one NTFS compression unit (LZNT1) from `input` into `output` (the unit's size),
 * returning how many bytes of `output` were produced.
 *
 * The input is a series of chunks, each a 16-bit header (bit 15: compressed; low 12 bits:
 * data bytes - 1) and its data; a header of 0 ends the unit. A stored chunk is copied as it
 * is; a compressed one is groups of a flag byte and 8 tokens, each a literal byte (flag bit
 * 0) or a 16-bit back reference (bit 1) whose split between offset and length depends on how
 * far into the chunk the output is. Every chunk stands for 4 KiB of output: a compressed
 * chunk that gives less is followed by zeros up to its 4 KiB (as Windows and ntfs-3g read
 * it), except the last one.
 *
 * @returns the byte count, or a string saying why the data cannot be LZNT1 (a back reference
 *   before the chunk, a chunk past the input or output).
 */
export function decompressLznt1(input: Buffer, output: Buffer): number | string {
  let at = 0
  let out = 0
  while (at + 2 <= input.length) {
    const header = input.readUInt16LE(at)
    if (header === 0) break
    const end = at + 2 + (header & 0x0fff) + 1
    if (end > input.length) return `a chunk at byte ${at} runs past the compressed data`
    if (out >= output.length) return 'the data decompresses to more than the compression unit'
    const chunkEnd = Math.min(out + LZNT1_CHUNK, output.length)
    const produced =
      (header & 0x8000) === 0
        ? storedChunk(input, at + 2, end, output, out, chunkEnd)
        : compressedChunk(input, at + 2, end, output, out, chunkEnd)
    if (typeof produced === 'string') return `chunk at byte ${at}: ${produced}`
    at = end
    // A short chunk that is not the last still stands for a whole 4 KiB (zeros follow).
    const more = at + 2 <= input.length && input.readUInt16LE(at) !== 0
    if (more && produced < chunkEnd) output.fill(0, produced, chunkEnd)
    out = more ? chunkEnd : produced
  }
  return out
}

function storedChunk(
  input: Buffer,
  from: number,
  end: number,
  output: Buffer,
  out: number,
  chunkEnd: number,
): number | string {
  const length = end - from
  if (out + length > chunkEnd) return 'a stored chunk is longer than 4 KiB'
  input.copy(output, out, from, end)
  return out + length
}

function compressedChunk(
  input: Buffer,
  from: number,
  end: number,
  output: Buffer,
  chunkStart: number,
  chunkEnd: number,
): number | string {
  let at = from
  let out = chunkStart
  while (at < end) {
    const flags = input[at] ?? 0
    at += 1
    for (let bit = 0; bit < 8 && at < end; bit += 1) {
      if ((flags & (1 << bit)) === 0) {
        if (out >= chunkEnd) return 'a literal past 4 KiB of output'
        output[out] = input[at] ?? 0
        out += 1
        at += 1
        continue
      }
      if (at + 2 > end) return 'a back reference is cut short'
      const token = input.readUInt16LE(at)
      at += 2
      const copied = backReference(token, output, chunkStart, out, chunkEnd)
      if (typeof copied === 'string') return copied
      out = copied
    }
  }
  return out
}

/** Copy a back reference (byte by byte: it may overlap its own output). */
function backReference(
  token: number,
  output: Buffer,
  chunkStart: number,
  out: number,
  chunkEnd: number,
): number | string {
  // The further into the chunk, the more bits the offset needs: 4 bits up to 16 bytes, then
  // one more bit at each doubling, the length getting the rest of the 16.
  let offsetBits = 4
  for (let done = out - chunkStart - 1; done >= 0x10; done >>= 1) offsetBits += 1
  const lengthBits = 16 - offsetBits
  const offset = (token >>> lengthBits) + 1
  const length = (token & ((1 << lengthBits) - 1)) + 3
  if (out - offset < chunkStart) return 'a back reference points before the chunk'
  if (out + length > chunkEnd) return 'a back reference runs past 4 KiB of output'
  for (let i = 0; i < length; i += 1) output[out + i] = output[out + i - offset] ?? 0
  return out + length
}
