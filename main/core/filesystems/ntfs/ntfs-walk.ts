import { isAppError } from '../../model/errors'
import type { FileEntry, WalkProblem } from '../file-system'
import type { FreeClusters } from '../free-clusters'
import { joinPath } from '../names'
import { walkTree } from '../walk-tree'
import type { WalkOrder } from '../walk-order'
import type { DirHandle, ListEvent } from '../walk-tree'
import type { NtfsFile } from './ntfs-attributes'
import { fileEntries } from './ntfs-entry'
import { readDirectoryIndex } from './ntfs-index'
import { NAMESPACE_DOS } from './ntfs-names'
import type { FileName } from './ntfs-names'
import { scanMft } from './ntfs-scan'
import type { MftScan } from './ntfs-scan'
import { MFT_ENTRY, readFile } from './ntfs-volume'
import type { NtfsVolume } from './ntfs-volume'

/** MFT entries below this are the metadata files ($MFT … $Extend), which TSK marks as system. */
export const FIRST_USER_ENTRY = 16
/** Where TSK lists deleted entries whose directory is unknown. */
export const ORPHAN_DIR = '/$OrphanFiles'

/**
 * A directory to list. walkTree guards against cycles by the clusters a directory occupies;
 * here the "cluster" is the directory's MFT entry number, which is unique to it.
 */
interface NtfsDir extends DirHandle {
  readonly file: NtfsFile
}

interface WalkState {
  readonly volume: NtfsVolume
  readonly free: FreeClusters | null
  readonly scan: MftScan
  readonly owner: (file: NtfsFile) => string | null
  /** MFT entries listed under some name (the rest of the deleted ones are orphans). */
  readonly listed: Set<number>
}

/**
 * Every entry, like `fls -r -p`: the tree from the root through the $I30 indexes, with each
 * directory's deleted children (deleted MFT entries whose $FILE_NAME names it) after its
 * indexed ones; then the deleted entries no directory lists, under `/$OrphanFiles`. `order`
 * reorders the tree's children (walk-order.ts); the orphans stay last, in MFT order: which
 * entries are orphans is only known once the whole tree has been listed.
 */
export async function* walkNtfs(
  volume: NtfsVolume,
  free: FreeClusters | null,
  owner: (file: NtfsFile) => string | null,
  order?: WalkOrder,
): AsyncGenerator<FileEntry | WalkProblem> {
  for (const warning of volume.warnings) yield { kind: 'problem', path: '/', detail: warning }
  const scan = await scanMft(volume.mft)
  for (const detail of scan.problems) yield { kind: 'problem', path: '/', detail }
  const state: WalkState = { volume, free, scan, owner, listed: new Set() }
  const root = await readFile(volume, MFT_ENTRY.root).catch(rethrowUnlessAppError)
  if (root === null || !root.directory) {
    yield { kind: 'problem', path: '/', detail: 'The root directory (MFT entry 5) is unreadable.' }
  } else {
    const dir: NtfsDir = { path: '/', clusters: [{ first: root.number, count: 1 }], file: root }
    yield* walkTree(dir, (d) => listDirectory(state, d), order)
  }
  yield* orphans(state)
}

async function* listDirectory(state: WalkState, dir: NtfsDir): AsyncGenerator<ListEvent<NtfsDir>> {
  const named = new Set<string>()
  for await (const index of readDirectoryIndex(state.volume.source, state.volume.boot, dir.file)) {
    if (index.namespace === NAMESPACE_DOS || index.entry === dir.file.number) continue
    if (index.entry < FIRST_USER_ENTRY) continue
    const key = `${index.entry}/${index.name}`
    if (named.has(key)) continue
    named.add(key)
    yield* listName(state, dir.path, index.entry, index.name, index, null)
  }
  // Deleting an entry bumps its sequence number: the children of a deleted directory still
  // name the one before (TSK searches for that one too).
  const sequence = dir.file.inUse ? dir.file.sequence : dir.file.sequence - 1
  for (const child of state.scan.deletedChildren(dir.file.number, sequence)) {
    const key = `${child.entry}/${child.name.name}`
    if (named.has(key)) continue
    named.add(key)
    yield* listName(state, dir.path, child.entry, child.name.name, child.name, true)
  }
}

/** The entries of MFT entry `entry` listed in `parent` as `label`, by $FILE_NAME `name`. */
async function* listName(
  state: WalkState,
  parent: string,
  entry: number,
  label: string,
  name: FileName | null,
  deleted: boolean | null,
): AsyncGenerator<ListEvent<NtfsDir>> {
  const path = joinPath(parent, label)
  let file: NtfsFile | null
  try {
    file = await readFile(state.volume, entry)
  } catch (error: unknown) {
    rethrowUnlessAppError(error)
    file = null
  }
  if (file === null) {
    yield { problem: `MFT entry ${entry} of "${label}" is unreadable or damaged.`, path }
    return
  }
  state.listed.add(entry)
  for (const problem of file.problems) yield { problem, path }
  const entries = fileEntries(state.volume, file, {
    path,
    name: label,
    fileName: name,
    deleted: deleted ?? !file.inUse,
    free: state.free,
    owner: state.owner(file),
  })
  for (const [i, item] of entries.entries()) {
    const child: NtfsDir | undefined =
      i === 0 && file.directory
        ? { path, clusters: [{ first: file.number, count: 1 }], file }
        : undefined
    yield child === undefined ? { entry: item } : { entry: item, child }
  }
}

/**
 * Deleted MFT entries no directory listed, under /$OrphanFiles (their own name or
 * `OrphanFile-N`). An orphan directory is entered like any other (its indexed and deleted
 * children below it), so the orphans whose $FILE_NAME names it are listed there, not on top.
 */
async function* orphans(state: WalkState): AsyncGenerator<FileEntry | WalkProblem> {
  const pending = state.scan.deleted().filter((orphan) => !state.listed.has(orphan.entry))
  const orphanDirs = new Map<number, number>()
  for (const orphan of pending)
    if (orphan.directory) orphanDirs.set(orphan.entry, orphan.sequence - 1)
  for (const orphan of pending) {
    if (state.listed.has(orphan.entry)) continue
    const parent = orphan.name === null ? undefined : orphanDirs.get(orphan.name.parent)
    if (parent !== undefined && parent === orphan.name?.parentSequence) continue
    const name = orphan.name?.name ?? `OrphanFile-${orphan.entry}`
    const root: NtfsDir = { path: ORPHAN_DIR, clusters: [], file: EMPTY_DIR }
    yield* walkTree(root, (dir) =>
      dir === root
        ? listName(state, ORPHAN_DIR, orphan.entry, name, orphan.name, true)
        : listDirectory(state, dir),
    )
  }
}

/** The parent of the orphans' walks (its listing is the orphan itself). */
const EMPTY_DIR: NtfsFile = {
  number: -1,
  sequence: 0,
  inUse: false,
  directory: true,
  attributes: [],
  problems: [],
}

function rethrowUnlessAppError(error: unknown): null {
  if (!isAppError(error)) throw error
  return null
}
