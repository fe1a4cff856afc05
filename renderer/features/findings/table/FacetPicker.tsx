import { useId } from 'react'
import { formatCount } from '../../../lib/format'
import { SafeText } from '../../../components/SafeText'

/** One choice of a facet. */
export interface FacetOption<T> {
  readonly value: T
  readonly label: string
  readonly count: number
}

/** Props of {@link FacetPicker}. */
export interface FacetPickerProps<T> {
  readonly label: string
  readonly options: readonly FacetOption<T>[]
  readonly chosen: readonly T[]
  readonly onChange: (chosen: T[]) => void
  /** The picker was opened (the panel then asks for the counts, which cost a moment). */
  readonly onOpen?: (() => void) | undefined
  /** The counts are on their way. */
  readonly isLoading?: boolean | undefined
}

/**
 * A filter over one facet (rule, pack, tag…): a disclosure ("Rule · 2") opening a list of
 * checkboxes, each value with how many findings have it. Native `<details>` and checkboxes, so
 * Tab, Enter and Space work without any script of ours. Chosen values the facet no longer lists
 * stay shown, so they can be unchecked.
 */
export function FacetPicker<T extends string | number>(props: FacetPickerProps<T>) {
  const { label, options, chosen, onChange, onOpen, isLoading = false } = props
  const id = useId()
  const listed = new Set(options.map((o) => o.value))
  const all: FacetOption<T>[] = [
    ...chosen
      .filter((value) => !listed.has(value))
      .map((value) => ({ value, label: String(value), count: 0 })),
    ...options,
  ]
  return (
    <details
      className="facet-picker"
      onToggle={(event) => {
        if (event.currentTarget.open) onOpen?.()
      }}
    >
      <summary>
        {label}
        {chosen.length > 0 && <span className="facet-count"> · {chosen.length}</span>}
      </summary>
      <fieldset>
        <legend className="visually-hidden">{label}</legend>
        {all.length === 0 && <p className="muted">{isLoading ? 'Counting…' : 'No values.'}</p>}
        {all.map((option, i) => {
          const checkboxId = `${id}-${i}`
          const isChosen = chosen.includes(option.value)
          return (
            <div key={String(option.value)} className="facet-option">
              <input
                id={checkboxId}
                type="checkbox"
                checked={isChosen}
                onChange={() => {
                  onChange(
                    isChosen ? chosen.filter((v) => v !== option.value) : [...chosen, option.value],
                  )
                }}
              />
              <label htmlFor={checkboxId}>
                <SafeText value={option.label} max={200} />{' '}
                <span className="muted">({formatCount(option.count)})</span>
              </label>
            </div>
          )
        })}
      </fieldset>
    </details>
  )
}
