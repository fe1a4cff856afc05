import { AppError } from '../../model/errors'
import type { Container } from './container'
import { ImageFile } from './image-file'
import { closeAll, makeContainer } from './media-runs'
import type { MediaRun } from './media-runs'

/**
 * A raw (dd) image: the file is the media, byte for byte.
 *
 * `file` is already open (format detection read it); the container owns it from here.
 */
export function rawContainer(file: ImageFile): Container {
  return makeContainer({
    format: 'raw',
    size: file.size,
    files: [file.path],
    sectorSize: null,
    details: {},
    resolve: (offset, maxLength) =>
      Promise.resolve({ kind: 'file', length: maxLength, file, position: offset }),
    release: () => file.close(),
  })
}

/**
 * A split raw image: the media is the segments' bytes one after the other (`x.001 x.002 …`).
 *
 * Segment sizes may differ; an empty segment is refused (it would hide a failed copy).
 */
export async function splitRawContainer(paths: readonly string[]): Promise<Container> {
  const files: ImageFile[] = []
  try {
    for (const path of paths) files.push(await ImageFile.open(path, 'segment'))
  } catch (error: unknown) {
    await closeAll(files)
    throw error
  }
  const starts: number[] = []
  let size = 0
  for (const file of files) {
    if (file.size === 0) {
      await closeAll(files)
      throw new AppError(
        'EVIDENCE_FORMAT',
        `Segment ${file.path} of the split image is empty (0 bytes); the copy is incomplete.`,
      )
    }
    starts.push(size)
    size += file.size
  }
  return makeContainer({
    format: 'split-raw',
    size,
    files: files.map((f) => f.path),
    sectorSize: null,
    details: { segments: files.length },
    resolve: (offset, maxLength) => Promise.resolve(segmentRun(files, starts, offset, maxLength)),
    release: () => closeAll(files),
  })
}

function segmentRun(
  files: readonly ImageFile[],
  starts: readonly number[],
  offset: number,
  maxLength: number,
): MediaRun {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((starts[mid] ?? 0) <= offset) low = mid
    else high = mid - 1
  }
  const file = files[low]
  const start = starts[low] ?? 0
  if (file === undefined) throw new Error(`No segment holds offset ${offset}`)
  const position = offset - start
  return { kind: 'file', length: Math.min(maxLength, file.size - position), file, position }
}
