import type { Container } from './containers/container'
import { openContainer } from './containers/open-container'
import type { FileSystem } from '../filesystems/file-system'
import { openFileSystem } from '../filesystems/open-file-system'
import { AppError } from '../model/errors'
import type { Volume, VolumeLayout } from '../volumes/volume-system'
import { readVolumes } from '../volumes/read-volumes'

/** One volume of an opened image, with the file system read on it (or why none was). */
export interface OpenedVolume {
  readonly volume: Volume
  readonly fileSystem: FileSystem | null
  /** Why no file system could be read, when one seemed to be there. */
  readonly problem: string | null
}

/** An image opened down to its file systems. */
export interface OpenedImage {
  readonly container: Container
  readonly layout: VolumeLayout
  readonly volumes: readonly OpenedVolume[]
  close(): Promise<void>
}

/**
 * Open an image: container → volume system → a file system per volume. A volume whose file
 * system is damaged is kept (it is scanned as raw data) with the reason; only a container that
 * cannot be read at all fails.
 */
export async function openImage(path: string): Promise<OpenedImage> {
  const container = await openContainer(path)
  try {
    const layout = await readVolumes(container)
    const volumes: OpenedVolume[] = []
    for (const volume of layout.volumes) volumes.push(await openVolume(volume))
    return { container, layout, volumes, close: () => container.close() }
  } catch (error: unknown) {
    await container.close()
    throw error
  }
}

async function openVolume(volume: Volume): Promise<OpenedVolume> {
  try {
    return { volume, fileSystem: await openFileSystem(volume.source), problem: null }
  } catch (error: unknown) {
    if (error instanceof AppError) return { volume, fileSystem: null, problem: error.message }
    throw error
  }
}

/**
 * Whether a host file is a disk image rather than an ordinary file: any container format but
 * raw, or raw media with a partition table or a file system Outpost reads at offset 0.
 *
 * @throws AppError when the content says it is an image but it cannot be read (a truncated
 *   E01, a missing segment, a format Outpost does not read): it must not pass as a plain file.
 */
export async function isDiskImage(path: string): Promise<boolean> {
  const container = await openContainer(path)
  try {
    if (container.format !== 'raw') return true
    const layout = await readVolumes(container)
    if (layout.scheme !== 'none') return true
    const first = layout.volumes[0]
    return first !== undefined && (await openVolume(first)).fileSystem !== null
  } catch {
    return false
  } finally {
    await container.close()
  }
}
