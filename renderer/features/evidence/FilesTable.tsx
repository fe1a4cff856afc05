import type { KeyboardEvent, RefObject } from 'react'
import { nextRowIndex } from '../findings/row-keys'
import { SafeText } from '../../components/SafeText'
import type { BrowseItem } from './browse-items'
import { isScannable, timeNotesOf } from './browse-items'
import { FileRow } from './FileRow'
import { FilesHead } from './FilesHead'
import { SpaceRow } from './SpaceRow'
import { ScrollRegion } from '../../components/ScrollRegion'

/** Props of {@link FilesTable}. */
export interface FilesTableProps {
  readonly items: readonly BrowseItem[]
  readonly selected: number
  readonly onSelect: (index: number) => void
  /** Open a folder, or toggle a file's checkbox. */
  readonly onActivate: (item: BrowseItem) => void
  /** Backspace: the folder above. */
  readonly onUp: () => void
  readonly checked: ReadonlySet<number>
  readonly onCheck: (fileIds: readonly number[], isChecked: boolean) => void
  readonly isBusy: boolean
  /** Receives the row buttons, so the browser can focus a row after navigating. */
  readonly buttons: RefObject<(HTMLButtonElement | null)[]>
}

/**
 * The entries of one folder (table "Files"), folders first as main sorts them. The name buttons
 * are one tab stop (roving tabindex): Arrow Up/Down, Home and End move, Enter opens a folder
 * (or toggles a file's checkbox), Backspace goes up.
 */
export function FilesTable(props: FilesTableProps) {
  const { items, selected, onSelect, checked, onCheck, buttons } = props
  const scannable = items.flatMap((i) =>
    i.kind === 'entry' && isScannable(i.entry) ? [i.entry.fileId] : [],
  )
  const isPageChecked = scannable.length > 0 && scannable.every((id) => checked.has(id))
  const notes = timeNotesOf(items)

  function onKeyDown(event: KeyboardEvent, index: number) {
    if (event.key === 'Backspace') {
      event.preventDefault()
      props.onUp()
      return
    }
    const next = nextRowIndex(event.key, index, items.length)
    if (next === null) return
    event.preventDefault()
    onSelect(next)
    buttons.current[next]?.focus()
  }

  function rowProps(item: BrowseItem, i: number) {
    return {
      isSelected: i === selected,
      buttonRef: (el: HTMLButtonElement | null) => {
        buttons.current[i] = el
      },
      onFocus: () => {
        onSelect(i)
      },
      onKeyDown: (e: KeyboardEvent) => {
        onKeyDown(e, i)
      },
      onActivate: () => {
        props.onActivate(item)
      },
    }
  }

  return (
    <>
      <ScrollRegion label="Files of this folder">
        <table className="data-table files-table" aria-busy={props.isBusy}>
          <caption className="visually-hidden">Files</caption>
          <FilesHead
            isChecked={isPageChecked}
            isDisabled={scannable.length === 0}
            onChange={() => {
              onCheck(scannable, !isPageChecked)
            }}
          />
          <tbody>
            {items.map((item, i) =>
              item.kind === 'space' ? (
                <SpaceRow key={`space:${item.path}`} count={item.count} {...rowProps(item, i)} />
              ) : (
                <FileRow
                  key={item.entry.fileId}
                  entry={item.entry}
                  isChecked={checked.has(item.entry.fileId)}
                  noteNumber={
                    item.entry.timeNote === null
                      ? null
                      : notes.indexOf(item.entry.timeNote) + 1 || null
                  }
                  onCheck={(isChecked) => {
                    onCheck([item.entry.fileId], isChecked)
                  }}
                  {...rowProps(item, i)}
                />
              ),
            )}
          </tbody>
        </table>
      </ScrollRegion>
      {notes.length > 0 && (
        <ol className="time-notes" aria-label="Notes on times">
          {notes.map((note, i) => (
            <li key={i}>
              [{i + 1}] <SafeText value={note} max={1000} />
            </li>
          ))}
        </ol>
      )}
    </>
  )
}
