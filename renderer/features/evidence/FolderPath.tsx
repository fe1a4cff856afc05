import { SafeText } from '../../components/SafeText'
import type { Crumb } from './browse-scope'

/** Props of {@link FolderPath}. */
export interface FolderPathProps {
  readonly crumbs: readonly Crumb[]
  readonly onOpen: (path: string) => void
}

/**
 * The breadcrumb of the file browser (navigation "Folder path"): every folder above the current
 * one is a button named by the folder's name; the current one is marked `aria-current="page"`.
 */
export function FolderPath({ crumbs, onOpen }: FolderPathProps) {
  const last = crumbs.length - 1
  return (
    <nav className="breadcrumb" aria-label="Folder path">
      <ol>
        {crumbs.map((crumb, i) => (
          <li key={crumb.path}>
            {i === last ? (
              <span className="crumb-current" aria-current="page">
                <SafeText value={crumb.label} max={200} />
              </span>
            ) : (
              <button
                type="button"
                className="crumb"
                onClick={() => {
                  onOpen(crumb.path)
                }}
              >
                <SafeText value={crumb.label} max={200} />
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  )
}
