import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path'
import { AppError } from '../../model/errors'
import type { BlockCache } from './block-cache'
import type { Container } from './container'

/** Longest parent / backing chain followed (VHD differencing, QCOW2 backing files). */
export const MAX_CHAIN_DEPTH = 16

/** How a referenced image is opened. */
export interface OpenReferencedOptions {
  /** Read it as raw bytes whatever it contains (QCOW2 `backing_fmt=raw`: never probe). */
  readonly rawOnly?: boolean
}

/**
 * What a format reader gets besides its file: the container's one cache, and a way to open the
 * images it refers to (a differencing VHD's parent, a QCOW2 backing file) with loop and depth
 * checks.
 */
export interface OpenContext {
  readonly cache: BlockCache
  /** Resolved paths of the images above this one in its parent chain, outermost first. */
  readonly chain: readonly string[]
  /** Open an image named inside this one; `EVIDENCE_SEGMENT_MISSING` when it is absent. */
  readonly openReferenced: (path: string, options?: OpenReferencedOptions) => Promise<Container>
}

/** `EVIDENCE_FORMAT` when opening `path` would loop or go too deep in a parent chain. */
export function checkChain(chain: readonly string[], path: string): void {
  const real = resolve(path)
  if (chain.includes(real))
    throw new AppError(
      'EVIDENCE_FORMAT',
      `The parent chain loops: ${real} is its own ancestor (${chain.join(' → ')}).`,
    )
  if (chain.length >= MAX_CHAIN_DEPTH)
    throw new AppError(
      'EVIDENCE_FORMAT',
      `The parent chain of ${chain[0] ?? real} is deeper than ${MAX_CHAIN_DEPTH} images; refusing it.`,
    )
}

/**
 * Host paths to try for a file named inside an image (an extent, a parent, a backing file).
 *
 * Only the image's own folder is searched: a relative name that stays inside it, then the bare
 * file name there. An absolute or `..` name is reduced to its file name, so a crafted header can
 * never make Outpost read a file from elsewhere on the analyst's machine as evidence (and a copied
 * evidence folder still finds its parents, whose recorded absolute paths are from the acquiring
 * machine anyway).
 */
export function referencedCandidates(imagePath: string, name: string): string[] {
  // A NUL cannot be in a host path: such a name is damage, and names nothing.
  if (name.includes('\0')) return []
  const folder = dirname(resolve(imagePath))
  const unified = name.replace(/^file:\/\//i, '').replaceAll('\\', '/')
  const candidates: string[] = []
  const looksAbsolute = isAbsolute(unified) || /^[A-Za-z]:\//.test(unified)
  if (!looksAbsolute && unified !== '') {
    const direct = resolve(folder, unified)
    if (isInside(folder, direct)) candidates.push(direct)
  }
  const file = basename(unified.replace(/^[A-Za-z]:/, ''))
  if (file !== '' && file !== '.' && file !== '..') candidates.push(join(folder, file))
  return [...new Set(candidates)]
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

/** A file name taken from an image header, quoted and cut short for an error message. */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}…` : name)
}
