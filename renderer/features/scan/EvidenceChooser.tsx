import type { Evidence } from '../../../main/core/model/evidence'
import { SafeText } from '../../components/SafeText'

/** Props of {@link EvidenceChooser}. */
export interface EvidenceChooserProps {
  readonly items: readonly Evidence[]
  /** The ids left out of the scan. */
  readonly excluded: ReadonlySet<number>
  readonly onExcludedChange: (excluded: ReadonlySet<number>) => void
}

/**
 * One checkbox per evidence item (labelled with the evidence label), plus select all / none.
 */
export function EvidenceChooser({ items, excluded, onExcludedChange }: EvidenceChooserProps) {
  if (items.length === 0) {
    return (
      <p className="empty">No evidence yet — add a folder, file or disk image in Evidence first.</p>
    )
  }
  function toggle(id: number, isChecked: boolean) {
    const next = new Set(excluded)
    if (isChecked) next.delete(id)
    else next.add(id)
    onExcludedChange(next)
  }
  return (
    <fieldset className="evidence-chooser">
      <legend>Evidence to scan</legend>
      <ul className="checkbox-list">
        {items.map((item) => (
          <li key={item.id}>
            <label>
              <input
                type="checkbox"
                checked={!excluded.has(item.id)}
                onChange={(e) => {
                  toggle(item.id, e.target.checked)
                }}
              />{' '}
              <SafeText value={item.label} max={200} />{' '}
              <small className="mono muted">
                <SafeText value={item.sourcePath} max={300} />
              </small>
            </label>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            onExcludedChange(new Set())
          }}
        >
          Select all
        </button>
        <button
          type="button"
          onClick={() => {
            onExcludedChange(new Set(items.map((e) => e.id)))
          }}
        >
          Select none
        </button>
      </div>
    </fieldset>
  )
}
