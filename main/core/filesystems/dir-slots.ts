import type { ByteSource } from '../evidence/byte-source'

/** Part of a directory's content in the source, and whether it is allocated to the directory. */
export interface DirRegion {
  readonly offset: number
  readonly length: number
  /** False for the recovered clusters of a deleted directory: every entry there is deleted. */
  readonly allocated: boolean
}

/** One 32-byte directory slot and where it is, or why the directory stops there. */
export type DirSlot =
  | { readonly raw: Buffer; readonly offset: number; readonly allocated: boolean }
  | { readonly problem: string }

const CHUNK = 65_536

/**
 * The 32-byte slots of a directory's regions in order, read a chunk at a time, at most
 * `maxBytes` (the format's limit: a longer directory is corruption and is reported).
 */
export async function* readSlots(
  source: ByteSource,
  regions: readonly DirRegion[],
  maxBytes: number,
): AsyncGenerator<DirSlot> {
  let total = 0
  for (const region of regions) {
    for (let done = 0; done < region.length; done += CHUNK) {
      const wanted = Math.min(CHUNK, region.length - done, maxBytes - total)
      if (wanted <= 0) {
        yield {
          problem: `The directory is longer than the format allows (${maxBytes} bytes); the rest is not read.`,
        }
        return
      }
      const chunk = await source.read(region.offset + done, wanted)
      for (let at = 0; at + 32 <= chunk.length; at += 32) {
        yield {
          raw: chunk.subarray(at, at + 32),
          offset: region.offset + done + at,
          allocated: region.allocated,
        }
      }
      total += wanted
      if (chunk.length < wanted) {
        yield {
          problem: `Directory data at byte ${region.offset + done + chunk.length} lies past the end of the image.`,
        }
        return
      }
    }
  }
}
