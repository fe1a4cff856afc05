import { resolve } from 'node:path'
import { AppError } from '../../model/errors'
import { BlockCache, DEFAULT_CACHE_BYTES } from './block-cache'
import type { Container } from './container'
import { detectFormat } from './detect-format'
import { ewfContainer } from './ewf-container'
import { ImageFile } from './image-file'
import type { ImageFileRole } from './image-file'
import { checkChain } from './open-context'
import type { OpenContext, OpenReferencedOptions } from './open-context'
import { qcow2Container } from './qcow2-container'
import { rawContainer, splitRawContainer } from './raw-container'
import { findSplitSegments } from './segment-names'
import { vhdContainer } from './vhd-container'
import { vmdkDescriptorContainer, vmdkSparseContainer } from './vmdk-container'

/** Options of {@link openContainer}. */
export interface OpenContainerOptions {
  /**
   * Bytes of decoded chunks, grains, clusters and table pieces kept for this image, its
   * segments and parents together (default 32 MiB).
   */
  readonly cacheBytes?: number
}

/**
 * Open the disk image at `path` as a {@link Container}, its format detected by content:
 * EWF (E01), VHD, VMDK (sparse, or a descriptor with flat/sparse extents), QCOW2, split raw
 * (recognised by name: `x.001 x.002 …`, `x.000 …`, `x.aa x.ab …`, from any segment), else raw.
 *
 * Nothing is written, ever. Every header field is checked against the file size and sane caps
 * before it is used, and memory is bounded by the cache size, whatever the image says.
 *
 * @throws AppError `PATH_NOT_FOUND`, `PATH_UNREADABLE`, `EVIDENCE_FORMAT` (empty, truncated,
 * damaged or unsupported), `EVIDENCE_SEGMENT_MISSING` (a segment, extent, parent or backing
 * file), `EVIDENCE_ENCRYPTED` (an encrypted QCOW2).
 */
export async function openContainer(
  path: string,
  options: OpenContainerOptions = {},
): Promise<Container> {
  const cache = new BlockCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES)
  return openInChain(path, cache, [], 'image', {})
}

async function openInChain(
  path: string,
  cache: BlockCache,
  chain: readonly string[],
  role: ImageFileRole,
  options: OpenReferencedOptions,
): Promise<Container> {
  checkChain(chain, path)
  const ctx: OpenContext = {
    cache,
    chain: [...chain, resolve(path)],
    openReferenced: (parent, parentOptions = {}) =>
      openInChain(parent, cache, [...chain, resolve(path)], 'parent', parentOptions),
  }
  const file = await ImageFile.open(path, role)
  try {
    if (file.size === 0)
      throw new AppError(
        'EVIDENCE_FORMAT',
        `${path} is empty (0 bytes): there is no media in it. The acquisition may have failed.`,
      )
    return await openDetected(file, ctx, options)
  } catch (error: unknown) {
    await file.close()
    throw error
  }
}

async function openDetected(
  file: ImageFile,
  ctx: OpenContext,
  options: OpenReferencedOptions,
): Promise<Container> {
  const format = options.rawOnly === true ? 'raw' : await detectFormat(file)
  switch (format) {
    case 'ewf':
      return ewfContainer(file, ctx)
    case 'qcow2':
      return qcow2Container(file, ctx)
    case 'vmdk-sparse':
      return vmdkSparseContainer(file, ctx)
    case 'vmdk-descriptor':
      return vmdkDescriptorContainer(file, ctx)
    case 'vhd':
      return vhdContainer(file, ctx)
    case 'raw': {
      const segments = options.rawOnly === true ? null : findSplitSegments(file.path)
      if (segments === null) return rawContainer(file)
      await file.close()
      return splitRawContainer(segments)
    }
  }
}
