import { useEffect, useRef, useState } from 'react'
import type { RefObject } from 'react'
import type { ChannelOutput, Result } from '../../../main/ipc/contract'
import { useInvoke } from '../../lib/use-invoke'
import type { BrowseItem } from './browse-items'
import { itemPath } from './browse-items'
import type { BrowseScope } from './browse-scope'
import { parentOf } from './browse-scope'

/** Entries per page of the file browser. */
export const FILES_PAGE_SIZE = 100

/** What {@link useFolderView} hands back. */
export interface FolderView {
  readonly parent: string
  readonly offset: number
  readonly setOffset: (offset: number) => void
  readonly selected: number
  readonly setSelected: (index: number) => void
  /** The page's rows, with the virtual "Unallocated space" folder first where it belongs. */
  readonly items: readonly BrowseItem[]
  readonly result: Result<ChannelOutput<'evidence:files'>> | undefined
  readonly isLoading: boolean
  /** Open a folder; once it loads, focus the row of `focusPath` (or the first row). */
  readonly go: (path: string, focusPath?: string) => void
  /** Open the folder above, focusing the folder just left; nothing at the root. */
  readonly goUp: () => void
  readonly buttons: RefObject<(HTMLButtonElement | null)[]>
}

/**
 * The folder a file browser shows and how it moves: the current folder and page
 * (`evidence:files`), the selected row, and focus following navigation, so a keyboard user who
 * opens a folder (or goes up) lands on a row of the new folder.
 */
export function useFolderView(
  scope: BrowseScope,
  refresh: unknown,
  spaceCount: number,
): FolderView {
  const [parent, setParent] = useState(scope.root)
  const [offset, setOffset] = useState(0)
  const [selected, setSelected] = useState(0)
  const pendingFocus = useRef<string | undefined>(undefined)
  const buttons = useRef<(HTMLButtonElement | null)[]>([])
  const { evidenceId, fileSystemId } = scope
  const input = { evidenceId, fileSystemId, parent, offset, limit: FILES_PAGE_SIZE }
  const { result, isLoading } = useInvoke('evidence:files', input, refresh)
  const items: BrowseItem[] = (result?.ok === true ? result.value.rows : []).map((entry) => ({
    kind: 'entry',
    entry,
  }))
  const space = scope.unallocatedParent
  if (space !== null && parent === scope.root && offset === 0 && spaceCount > 0) {
    items.unshift({ kind: 'space', path: space, count: spaceCount })
  }

  useEffect(() => {
    const target = pendingFocus.current
    if (target === undefined || isLoading || result === undefined) return
    pendingFocus.current = undefined
    const index = Math.max(
      0,
      items.findIndex((i) => itemPath(i) === target),
    )
    buttons.current[index]?.focus()
  })

  function go(path: string, focusPath = '') {
    setParent(path)
    setOffset(0)
    setSelected(0)
    pendingFocus.current = focusPath
  }

  function goUp() {
    const up = parentOf(scope, parent)
    if (up !== null) go(up, parent)
  }

  function changeOffset(next: number) {
    setOffset(next)
    setSelected(0)
  }

  return {
    parent,
    offset,
    setOffset: changeOffset,
    selected: Math.min(selected, Math.max(items.length - 1, 0)),
    setSelected,
    items,
    result,
    isLoading,
    go,
    goUp,
    buttons,
  }
}
