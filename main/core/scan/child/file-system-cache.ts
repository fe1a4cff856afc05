import { sliceSource } from '../../evidence/byte-source'
import type { FileSystem } from '../../filesystems/file-system'
import { openFileSystem } from '../../filesystems/open-file-system'
import { AppError } from '../../model/errors'
import type { Container } from '../../evidence/containers/container'
import type { ImageCache } from './image-cache'

interface Opened {
  readonly image: Container
  readonly fs: FileSystem
}

const KEEP = 4

/**
 * The file systems a scan process has open, by image and volume: entries read by id (NTFS
 * resident or compressed data, ext4 inline data) come in long runs from one file system, whose
 * parsed tables (MFT extents, group descriptors) are worth keeping between jobs.
 */
export class FileSystemCache {
  private readonly open = new Map<string, Promise<Opened>>()

  constructor(private readonly images: ImageCache) {}

  /**
   * The file system on the volume at `start` (of `length` bytes) of the image `imagePath`.
   *
   * @throws AppError `FILESYSTEM_CORRUPT` when the volume no longer holds a file system Outpost
   *   reads; evidence errors from the image.
   */
  async get(imagePath: string, start: number, length: number): Promise<FileSystem> {
    const key = `${String(start)}+${String(length)}@${imagePath}`
    const image = await this.images.get(imagePath)
    const known = this.open.get(key)
    // A file system is only as good as the image under it: once the image cache has closed and
    // reopened that image, the file system is opened again on the new one.
    if (known !== undefined && (await known.catch(() => null))?.image === image) {
      this.open.delete(key)
      this.open.set(key, known)
      return (await known).fs
    }
    const opening = this.openOn(image, imagePath, start, length)
    this.open.set(key, opening)
    opening.catch(() => this.open.delete(key))
    while (this.open.size > KEEP) {
      const oldest = this.open.keys().next().value as string
      this.open.delete(oldest)
    }
    return (await opening).fs
  }

  private async openOn(
    image: Container,
    imagePath: string,
    start: number,
    length: number,
  ): Promise<Opened> {
    const fs = await openFileSystem(sliceSource(image, start, length))
    if (fs === null) {
      throw new AppError(
        'FILESYSTEM_CORRUPT',
        `no file system Outpost reads at byte ${String(start)} of ${imagePath} any more`,
      )
    }
    return { image, fs }
  }
}
