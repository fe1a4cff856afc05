import { useId, useState } from 'react'
import type { ErrorInfo } from '../../../main/core/model/errors'
import type { PackVersionView, PackView } from '../../../main/core/model/rule-packs'
import { Badge } from '../../components/Badge'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { invoke } from '../../lib/api'
import { formatCount, formatUtcSeconds } from '../../lib/format'
import { PackSignatureBadge } from './PackSignatureBadge'

/** Props of {@link PackVersions}. */
export interface PackVersionsProps {
  readonly pack: PackView
  /** Called after another version became the active one. */
  readonly onActivated: (pack: PackView) => void
}

/**
 * Every installed version of a pack, newest first: the active one marked, the others with an
 * "Activate" (a rollback, or forward again) that asks for confirmation first.
 */
export function PackVersions({ pack, onActivated }: PackVersionsProps) {
  const titleId = useId()
  const [asked, setAsked] = useState<PackVersionView>()
  const [error, setError] = useState<ErrorInfo>()
  const [isBusy, setIsBusy] = useState(false)
  const activeSequence = pack.active?.sequence ?? null

  async function activate(version: PackVersionView) {
    if (version.installId === null) return
    setIsBusy(true)
    setError(undefined)
    const result = await invoke('rules:activate', { name: pack.name, id: version.installId })
    setIsBusy(false)
    setAsked(undefined)
    if (result.ok) onActivated(result.value)
    else setError(result.error)
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h3 id={titleId}>Versions</h3>
      <table className="data-table pack-versions">
        <caption className="visually-hidden">Versions of {pack.name}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col" className="num">
              Sequence
            </th>
            <th scope="col">Signature</th>
            <th scope="col" className="num">
              Rules
            </th>
            <th scope="col">Installed</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pack.versions.map((version) => {
            const isActive = version.installId === (pack.active?.installId ?? null)
            const isOlder = activeSequence !== null && (version.sequence ?? 0) < activeSequence
            return (
              <tr
                key={version.installId ?? 'bundled'}
                className={isActive ? 'is-selected' : undefined}
              >
                <th scope="row">
                  <SafeText value={version.version} max={64} />
                </th>
                <td className="num">{version.sequence ?? '—'}</td>
                <td>
                  <PackSignatureBadge status={version.signature} signer={version.signer} />
                  {version.signer?.fingerprint != null && (
                    <small className="muted mono"> {version.signer.fingerprint}</small>
                  )}
                </td>
                <td className="num">
                  {version.ruleCount === null ? '—' : formatCount(version.ruleCount)}
                </td>
                <td>
                  {version.installedAt === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      {formatUtcSeconds(version.installedAt)}{' '}
                      <small className="muted">
                        by <SafeText value={version.installedBy} max={100} />
                      </small>
                    </>
                  )}
                  {version.source !== null && (
                    <small className="muted">
                      {' '}
                      from <SafeText value={version.source} max={300} />
                      {version.droppedCount > 0 && `, ${formatCount(version.droppedCount)} dropped`}
                    </small>
                  )}
                  {version.problem !== null && (
                    <p className="field-error">
                      <SafeText value={version.problem} />
                    </p>
                  )}
                </td>
                <td>
                  {isActive ? (
                    <Badge tone="ok">Active</Badge>
                  ) : version.installId !== null ? (
                    <button
                      type="button"
                      disabled={isBusy}
                      onClick={() => {
                        setAsked(version)
                      }}
                    >
                      {isOlder ? 'Roll back to' : 'Activate'} {version.version}
                    </button>
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {asked !== undefined && (
        <div role="alertdialog" aria-label="Confirm activation" className="notice notice-warning">
          <p className="notice-message">
            Make <SafeText value={asked.version} max={64} /> the active version of{' '}
            <SafeText value={pack.name} max={80} />? New scans use it; the current version stays
            installed.
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={isBusy}
              // The confirmation appears after a click: focus it so the keyboard follows.
              // eslint-disable-next-line jsx-a11y/no-autofocus
              autoFocus
              onClick={() => void activate(asked)}
            >
              Activate {asked.version}
            </button>
            <button
              type="button"
              onClick={() => {
                setAsked(undefined)
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {error !== undefined && <ErrorNotice error={error} title="The version was not activated" />}
    </section>
  )
}
