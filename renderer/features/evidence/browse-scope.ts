import type { EvidenceLayout, VolumeInfo } from '../../../main/core/model/evidence'

/**
 * What one file browser lists: a file system of an image (root `/`), a folder or file
 * evidence item (root ''), or the unallocated space of a volume with no file system read.
 */
export interface BrowseScope {
  readonly evidenceId: number
  /** The file system; null for host folders and for space outside file systems. */
  readonly fileSystemId: number | null
  /** The folder the browser starts in. */
  readonly root: string
  /** The first crumb of the folder path. */
  readonly rootLabel: string
  /** What is browsed, for the heading: hostile parts (labels), each shown as safe text. */
  readonly title: readonly string[]
  /**
   * The volume's unallocated blocks (`$Unallocated/volume-<index>`), shown as a virtual
   * "Unallocated space" folder in the root when there are any; null when the root is itself
   * that space, or for host evidence.
   */
  readonly unallocatedParent: string | null
}

/** One crumb of the folder path. */
export interface Crumb {
  readonly label: string
  readonly path: string
}

/** The label of the virtual folder holding a volume's unallocated blocks. */
export const UNALLOCATED_LABEL = 'Unallocated space'

/** Where the unallocated blocks of a volume are listed. */
export function unallocatedParentOf(volume: Pick<VolumeInfo, 'index'>): string {
  return `$Unallocated/volume-${volume.index}`
}

/** Where the blocks of the space outside every volume are listed. */
export const UNPARTITIONED_PARENT = '$Unallocated/unpartitioned'

/** A short name of a volume: `Volume 0 (slot 000:001)`. */
export function volumeName(volume: Pick<VolumeInfo, 'index' | 'slot'>): string {
  return volume.slot === ''
    ? `Volume ${volume.index}`
    : `Volume ${volume.index} (slot ${volume.slot})`
}

/** The scope of a folder or file evidence item: its files, paths relative to it. */
export function hostScope(evidenceId: number, label: string): BrowseScope {
  return {
    evidenceId,
    fileSystemId: null,
    root: '',
    rootLabel: 'Root',
    title: [label],
    unallocatedParent: null,
  }
}

/**
 * The scope of a volume: its file system from `/` (with the volume's unallocated space as a
 * virtual folder), or, with no file system read, the volume's raw blocks.
 */
export function volumeScope(evidenceId: number, volume: VolumeInfo): BrowseScope {
  const fs = volume.fileSystem
  if (fs === null) {
    return {
      evidenceId,
      fileSystemId: null,
      root: unallocatedParentOf(volume),
      rootLabel: UNALLOCATED_LABEL,
      title: [volumeName(volume), UNALLOCATED_LABEL],
      unallocatedParent: null,
    }
  }
  const fsName = fs.label === null || fs.label === '' ? fs.kind : `${fs.kind} “${fs.label}”`
  return {
    evidenceId,
    fileSystemId: fs.id,
    root: '/',
    rootLabel: 'Root',
    title: [volumeName(volume), fsName],
    unallocatedParent: unallocatedParentOf(volume),
  }
}

/** The scope of the space outside every volume. */
export function unpartitionedScope(evidenceId: number): BrowseScope {
  return {
    evidenceId,
    fileSystemId: null,
    root: UNPARTITIONED_PARENT,
    rootLabel: 'Unpartitioned space',
    title: ['Unpartitioned space'],
    unallocatedParent: null,
  }
}

/** The scope an image opens on: its first file system, else its first volume. */
export function defaultImageScope(layout: EvidenceLayout): BrowseScope | null {
  const volume = layout.volumes.find((v) => v.fileSystem !== null) ?? layout.volumes[0]
  return volume === undefined ? null : volumeScope(layout.evidenceId, volume)
}

/** A stable key of a scope (the browser restarts when it changes). */
export function scopeKey(scope: BrowseScope): string {
  return `${scope.evidenceId}|${scope.fileSystemId ?? ''}|${scope.root}`
}

/**
 * The crumbs from the scope's root to `parent`: `/docs/sub` → Root, docs, sub; the virtual
 * unallocated folder → Root, Unallocated space.
 */
export function crumbsOf(scope: BrowseScope, parent: string): readonly Crumb[] {
  const root: Crumb = { label: scope.rootLabel, path: scope.root }
  if (parent === scope.root) return [root]
  if (parent === scope.unallocatedParent) return [root, { label: UNALLOCATED_LABEL, path: parent }]
  const rest = parent.startsWith(scope.root) ? parent.slice(scope.root.length) : parent
  const names = rest.split('/').filter((n) => n !== '')
  const prefix = scope.root === '' || scope.root.endsWith('/') ? scope.root : `${scope.root}/`
  return [
    root,
    ...names.map((name, i) => ({
      label: name,
      path: `${prefix}${names.slice(0, i + 1).join('/')}`,
    })),
  ]
}

/** The folder above `parent`, or null at the scope's root. */
export function parentOf(scope: BrowseScope, parent: string): string | null {
  const crumbs = crumbsOf(scope, parent)
  return crumbs.length < 2 ? null : (crumbs[crumbs.length - 2]?.path ?? scope.root)
}
