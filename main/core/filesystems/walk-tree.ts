import { isAppError } from '../model/errors'
import type { ClusterRange } from './cluster-chain'
import type { FileEntry, WalkProblem } from './file-system'
import { listingOrderer } from './walk-order'
import type { WalkOrder } from './walk-order'

/** A directory to list: its path and the clusters its content occupies. */
export interface DirHandle {
  readonly path: string
  readonly clusters: readonly ClusterRange[]
}

/** What listing a directory gives: an entry (with its own listing when it is a directory). */
export type ListEvent<D extends DirHandle = DirHandle> =
  | { readonly entry: FileEntry; readonly child?: D }
  | { readonly problem: string; readonly path?: string }

/** Lists one directory. */
export type ListDirectory<D extends DirHandle> = (dir: D) => AsyncGenerator<ListEvent<D>>

/** Directories nested deeper than this are reported, not entered. */
export const MAX_DEPTH = 256

/**
 * Depth-first walk from `root`, each directory listed right after its own entry (like `fls
 * -r`). A directory whose clusters were already listed — a subdirectory pointing back at an
 * ancestor, or two directories sharing clusters — is reported once and not entered, so the walk
 * ends and lists each directory slot once. A read error (`AppError`) ends that directory's
 * listing with a problem; the walk goes on.
 *
 * `order` (see walk-order.ts) may reorder the children of some directories, the root's listing
 * deciding which; without it each directory streams in its listing order.
 */
export async function* walkTree<D extends DirHandle>(
  root: D,
  list: ListDirectory<D>,
  order?: WalkOrder,
): AsyncGenerator<FileEntry | WalkProblem> {
  const seen = new Set<number>()
  claim(seen, root.clusters)
  const orderer = listingOrderer(order)
  const stack: { readonly dir: D; readonly events: AsyncGenerator<ListEvent<D>> }[] = [
    { dir: root, events: orderer.root(list(root), nameOfEvent) },
  ]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]
    if (top === undefined) break
    const next = await nextEvent(top.events, top.dir.path)
    if (next === null) {
      stack.pop()
      continue
    }
    if ('problem' in next) {
      yield { kind: 'problem', path: next.path ?? top.dir.path, detail: next.problem }
      continue
    }
    yield next.entry
    if (next.child === undefined) continue
    const refused = refusal(seen, next.child, stack.length)
    if (refused !== null) {
      yield { kind: 'problem', path: next.child.path, detail: refused }
      continue
    }
    claim(seen, next.child.clusters)
    stack.push({
      dir: next.child,
      events: orderer.below(list(next.child), next.child.path, nameOfEvent),
    })
  }
}

function nameOfEvent<D extends DirHandle>(event: ListEvent<D>): string | null {
  return 'entry' in event ? event.entry.name : null
}

/** The next event, null at the end; a read error becomes a final problem event. */
async function nextEvent<D extends DirHandle>(
  events: AsyncGenerator<ListEvent<D>>,
  path: string,
): Promise<ListEvent<D> | null> {
  try {
    const result = await events.next()
    return result.done === true ? null : result.value
  } catch (error: unknown) {
    if (!isAppError(error)) throw error
    await events.return(undefined)
    return { problem: `The directory could not be read further: ${error.message}`, path }
  }
}

function refusal(seen: ReadonlySet<number>, child: DirHandle, depth: number): string | null {
  if (depth >= MAX_DEPTH)
    return `The directory is nested more than ${MAX_DEPTH} levels deep; not entered.`
  for (const range of child.clusters) {
    for (let cluster = range.first; cluster < range.first + range.count; cluster += 1) {
      if (seen.has(cluster)) {
        return `The directory's cluster ${cluster} was already listed as part of another directory (a directory cycle or cross-linked clusters); not entered again.`
      }
    }
  }
  return null
}

function claim(seen: Set<number>, ranges: readonly ClusterRange[]): void {
  for (const range of ranges) {
    for (let cluster = range.first; cluster < range.first + range.count; cluster += 1)
      seen.add(cluster)
  }
}

/**
 * A whole walk from the root: the volume's warnings, then the tree from the root `openRoot`
 * finds (a root that cannot be read is a problem, not an exception: the walk then ends).
 * `order` is passed to {@link walkTree}.
 */
export async function* walkFromRoot<D extends DirHandle>(
  warnings: readonly string[],
  openRoot: () => Promise<{ readonly dir: D; readonly problem: string | null }>,
  list: ListDirectory<D>,
  order?: WalkOrder,
): AsyncGenerator<FileEntry | WalkProblem> {
  for (const warning of warnings) yield { kind: 'problem', path: '/', detail: warning }
  let root
  try {
    root = await openRoot()
  } catch (error: unknown) {
    if (!isAppError(error)) throw error
    yield {
      kind: 'problem',
      path: '/',
      detail: `The root directory could not be read: ${error.message}`,
    }
    return
  }
  if (root.problem !== null) yield { kind: 'problem', path: '/', detail: root.problem }
  yield* walkTree(root.dir, list, order)
}
