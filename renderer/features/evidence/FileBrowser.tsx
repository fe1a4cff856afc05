import { Fragment, useState } from 'react'
import type { ScanSummary } from '../../../main/core/model/scan'
import { formatCount } from '../../lib/format'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Pager } from '../../components/Pager'
import { SafeText } from '../../components/SafeText'
import type { BrowseItem } from './browse-items'
import { isFolder, isScannable, itemPath } from './browse-items'
import type { BrowseScope } from './browse-scope'
import { crumbsOf, parentOf } from './browse-scope'
import { EntryPanel } from './EntryPanel'
import { FilesTable } from './FilesTable'
import { FolderPath } from './FolderPath'
import { ScanSelection } from './ScanSelection'
import { useEntryCount } from './use-entry-count'
import { FILES_PAGE_SIZE, useFolderView } from './use-folder-view'

/** Props of {@link FileBrowser}. */
export interface FileBrowserProps {
  readonly scope: BrowseScope
  /** Changes when the listing ends or a scan finishes: the page is fetched again. */
  readonly refresh: unknown
  /** Entries listed so far while the image is still being listed; null otherwise. */
  readonly listing: number | null
  readonly isScanRunning: boolean
  readonly onScanStarted: (scan: ScanSummary) => void
  /** Open a finding in the Findings section (the selected file's Findings tab). */
  readonly onOpenFinding?: ((findingId: number) => void) | undefined
}

/**
 * The file browser of one scope (region "File browser"): folder path, the folder's entries
 * (paged), the checked files and "Scan selected files". In a file system's root, the volume's
 * unallocated space is a virtual folder once scans have recorded blocks of it.
 */
export function FileBrowser(props: FileBrowserProps) {
  const space = props.scope.unallocatedParent
  return space === null ? (
    <FolderBrowser {...props} spaceCount={0} />
  ) : (
    <FolderBrowserWithSpace {...props} space={space} />
  )
}

function FolderBrowserWithSpace(props: FileBrowserProps & { readonly space: string }) {
  const { scope } = props
  const count = useEntryCount(scope.evidenceId, scope.fileSystemId, props.space, props.refresh)
  return <FolderBrowser {...props} spaceCount={count} />
}

function FolderBrowser(props: FileBrowserProps & { readonly spaceCount: number }) {
  const { scope } = props
  const view = useFolderView(scope, props.refresh, props.spaceCount)
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set())

  function check(fileIds: readonly number[], isChecked: boolean) {
    const next = new Set(checked)
    for (const id of fileIds) {
      if (isChecked) next.add(id)
      else next.delete(id)
    }
    setChecked(next)
  }

  function activate(item: BrowseItem) {
    if (isFolder(item)) view.go(itemPath(item))
    else if (item.kind === 'entry' && isScannable(item.entry)) {
      check([item.entry.fileId], !checked.has(item.entry.fileId))
    }
  }

  return (
    <section className="card file-browser" aria-label="File browser">
      <BrowserHeading scope={scope} listing={props.listing} />
      <div className="browser-bar">
        <FolderPath crumbs={crumbsOf(scope, view.parent)} onOpen={view.go} />
        <button type="button" disabled={parentOf(scope, view.parent) === null} onClick={view.goUp}>
          Up one folder
        </button>
      </div>
      {view.result === undefined && <p className="muted">Loading files…</p>}
      {view.result?.ok === false && (
        <ErrorNotice error={view.result.error} title="Could not list the files" />
      )}
      {view.result?.ok === true && view.items.length === 0 && (
        <p className="empty">{emptyText(scope, view.parent)}</p>
      )}
      {view.result?.ok === true && view.items.length > 0 && (
        <>
          <FilesTable
            items={view.items}
            selected={view.selected}
            onSelect={view.setSelected}
            onActivate={activate}
            onUp={view.goUp}
            checked={checked}
            onCheck={check}
            isBusy={view.isLoading}
            buttons={view.buttons}
          />
          <Pager
            noun="entries"
            offset={view.offset}
            limit={FILES_PAGE_SIZE}
            total={view.result.value.total}
            onOffsetChange={view.setOffset}
          />
          <SelectedEntry {...props} item={view.items[view.selected]} />
        </>
      )}
      <ScanSelection
        evidenceId={scope.evidenceId}
        fileIds={checked}
        isScanRunning={props.isScanRunning}
        onClear={() => {
          setChecked(new Set())
        }}
        onStarted={props.onScanStarted}
      />
    </section>
  )
}

function SelectedEntry(props: FileBrowserProps & { readonly item: BrowseItem | undefined }) {
  const { item } = props
  if (item === undefined || item.kind !== 'entry') return null
  return (
    <EntryPanel
      entry={item.entry}
      evidenceId={props.scope.evidenceId}
      isScanRunning={props.isScanRunning}
      onScanStarted={props.onScanStarted}
      onOpenFinding={props.onOpenFinding}
    />
  )
}

function BrowserHeading(props: { readonly scope: BrowseScope; readonly listing: number | null }) {
  return (
    <>
      <h3>
        Files of{' '}
        {props.scope.title.map((part, i) => (
          <Fragment key={i}>
            {i > 0 && ' › '}
            <SafeText value={part} max={200} />
          </Fragment>
        ))}
      </h3>
      {props.listing !== null && (
        <p className="notice notice-warning">
          Entries are still being listed ({formatCount(props.listing)} so far): this view refreshes
          when the listing ends.
        </p>
      )}
    </>
  )
}

function emptyText(scope: BrowseScope, parent: string): string {
  if (scope.fileSystemId === null && scope.root === '' && parent === '') {
    return 'No files recorded yet: the files of a folder are recorded by its first scan.'
  }
  return 'This folder is empty.'
}
