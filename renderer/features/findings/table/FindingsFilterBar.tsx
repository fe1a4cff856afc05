import { useEffect, useId, useRef, useState } from 'react'
import type { FindingFacets } from '../../../../main/core/model/finding-facets'
import type { ScanSummary } from '../../../../main/core/model/scan'
import { ScanSelect } from '../../../components/ScanSelect'
import { tlpLabel } from '../../../lib/tlp'
import { triageLabel } from '../triage-labels'
import { FacetPicker } from './FacetPicker'
import type { TableFilter } from './table-state'

/** Typing pauses this long before the filter is sent. */
export const FILTER_DEBOUNCE_MS = 300

/** Props of {@link FindingsFilterBar}. */
export interface FindingsFilterBarProps {
  readonly filter: TableFilter
  readonly facets: FindingFacets | undefined
  readonly scans: readonly ScanSummary[]
  /** Gets an updater, so a late debounced change never undoes a newer one. */
  readonly onChange: (update: (filter: TableFilter) => TableFilter) => void
  readonly onClear: () => void
  /** A facet picker was opened: the facet counts are wanted from now on. */
  readonly onFacetsWanted?: (() => void) | undefined
}

const NO_FACETS: FindingFacets = {
  rules: [],
  packs: [],
  tags: [],
  triage: [],
  tlp: [],
  evidence: [],
  fileTypes: [],
}

/** '' (blank) → undefined; a whole number 0..100 → it; anything else → null (invalid). */
function parseScore(raw: string): number | undefined | null {
  if (raw.trim() === '') return undefined
  const n = Number(raw)
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : null
}

/**
 * The filter bar: text search, score range and path prefix (sent after a typing pause), one
 * picker per facet (counts from `findings:facets`), hide suppressed, scan, and Clear all.
 * Remount it (a new `key`) to reset its fields after Clear all.
 */
export function FindingsFilterBar({
  filter,
  facets,
  scans,
  onChange,
  onClear,
  onFacetsWanted,
}: FindingsFilterBarProps) {
  const ids = {
    text: useId(),
    min: useId(),
    max: useId(),
    path: useId(),
    hide: useId(),
    all: useId(),
  }
  const f = facets ?? NO_FACETS
  const [text, setText] = useState(filter.text)
  const [path, setPath] = useState(filter.pathPrefix)
  const [min, setMin] = useState(filter.minScore === undefined ? '' : String(filter.minScore))
  const [max, setMax] = useState(filter.maxScore === undefined ? '' : String(filter.maxScore))
  const timers = useRef(new Map<string, number>())
  const minScore = parseScore(min)
  useEffect(() => {
    const pending = timers.current
    return () => {
      // Unmounted (Clear all remounts the bar): a pending change must not come back.
      for (const timer of pending.values()) window.clearTimeout(timer)
    }
  }, [])
  const maxScore = parseScore(max)

  /** Send a field's change once typing pauses (one timer per field). */
  function later(field: string, update: (filter: TableFilter) => TableFilter) {
    const timer = timers.current.get(field)
    if (timer !== undefined) window.clearTimeout(timer)
    timers.current.set(
      field,
      window.setTimeout(() => {
        timers.current.delete(field)
        onChange(update)
      }, FILTER_DEBOUNCE_MS),
    )
  }

  return (
    <div role="search" className="findings-filter-bar" aria-label="Filter findings">
      <div className="field">
        <label htmlFor={ids.text}>Filter text</label>
        <input
          id={ids.text}
          type="text"
          maxLength={500}
          placeholder="Path, rule or SHA-256"
          value={text}
          onChange={(e) => {
            const value = e.target.value
            setText(value)
            later('text', (prev) => ({ ...prev, text: value }))
          }}
        />
      </div>
      <div className="field field-score">
        <label htmlFor={ids.min}>Score from</label>
        <input
          id={ids.min}
          type="number"
          min={0}
          max={100}
          inputMode="numeric"
          aria-invalid={minScore === null}
          value={min}
          onChange={(e) => {
            const value = e.target.value
            setMin(value)
            const score = parseScore(value)
            if (score !== null) later('min', (prev) => ({ ...prev, minScore: score }))
          }}
        />
      </div>
      <div className="field field-score">
        <label htmlFor={ids.max}>Score to</label>
        <input
          id={ids.max}
          type="number"
          min={0}
          max={100}
          inputMode="numeric"
          aria-invalid={maxScore === null}
          value={max}
          onChange={(e) => {
            const value = e.target.value
            setMax(value)
            const score = parseScore(value)
            if (score !== null) later('max', (prev) => ({ ...prev, maxScore: score }))
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.path}>Path starts with</label>
        <input
          id={ids.path}
          type="text"
          className="mono"
          maxLength={4096}
          value={path}
          onChange={(e) => {
            const value = e.target.value
            setPath(value)
            later('path', (prev) => ({ ...prev, pathPrefix: value }))
          }}
        />
      </div>
      <div className="facet-row">
        <FacetPicker
          onOpen={onFacetsWanted}
          isLoading={facets === undefined}
          label="Rule"
          options={f.rules.map((r) => ({
            value: r.id,
            label: `${r.namespace}:${r.name}`,
            count: r.count,
          }))}
          chosen={filter.ruleIds}
          onChange={(ruleIds) => {
            onChange((prev) => ({ ...prev, ruleIds }))
          }}
        />
        <FacetPicker
          onOpen={onFacetsWanted}
          isLoading={facets === undefined}
          label="Pack"
          options={f.packs.map((p) => ({ ...p, label: p.value }))}
          chosen={filter.packNames}
          onChange={(packNames) => {
            onChange((prev) => ({ ...prev, packNames }))
          }}
        />
        <FacetPicker
          onOpen={onFacetsWanted}
          isLoading={facets === undefined}
          label="Tag"
          options={f.tags.map((t) => ({ ...t, label: t.value }))}
          chosen={filter.tags}
          onChange={(tags) => {
            onChange((prev) => ({ ...prev, tags }))
          }}
        />
        <FacetPicker
          onOpen={onFacetsWanted}
          isLoading={facets === undefined}
          label="Status"
          options={f.triage.map((t) => ({ ...t, label: triageLabel(t.value) }))}
          chosen={filter.triage}
          onChange={(triage) => {
            onChange((prev) => ({ ...prev, triage }))
          }}
        />
        <FacetPicker
          onOpen={onFacetsWanted}
          isLoading={facets === undefined}
          label="TLP"
          options={f.tlp.map((t) => ({
            ...t,
            label: t.value === 'default' ? 'Case default' : tlpLabel(t.value),
          }))}
          chosen={filter.tlp}
          onChange={(tlp) => {
            onChange((prev) => ({ ...prev, tlp }))
          }}
        />
        <FacetPicker
          onOpen={onFacetsWanted}
          isLoading={facets === undefined}
          label="Evidence"
          options={f.evidence.map((e) => ({ value: e.id, label: e.label, count: e.count }))}
          chosen={filter.evidenceIds}
          onChange={(evidenceIds) => {
            onChange((prev) => ({ ...prev, evidenceIds }))
          }}
        />
        <FacetPicker
          onOpen={onFacetsWanted}
          isLoading={facets === undefined}
          label="File type"
          options={f.fileTypes.map((t) => ({
            ...t,
            label: t.value === '' ? 'Unknown type' : t.value,
          }))}
          chosen={filter.fileTypes}
          onChange={(fileTypes) => {
            onChange((prev) => ({ ...prev, fileTypes }))
          }}
        />
      </div>
      <ScanSelect
        scans={scans}
        value={filter.scanId}
        onChange={(scanId) => {
          onChange((prev) => ({ ...prev, scanId, allScans: false }))
        }}
      />
      <div className="field field-check">
        <input
          id={ids.all}
          type="checkbox"
          checked={filter.allScans === true && filter.scanId === undefined}
          onChange={(e) => {
            const allScans = e.target.checked
            onChange((prev) => ({ ...prev, allScans, scanId: allScans ? undefined : prev.scanId }))
          }}
        />
        <label htmlFor={ids.all}>All scans</label>
      </div>
      <div className="field field-check">
        <input
          id={ids.hide}
          type="checkbox"
          checked={filter.hideSuppressed}
          onChange={(e) => {
            const hideSuppressed = e.target.checked
            onChange((prev) => ({ ...prev, hideSuppressed }))
          }}
        />
        <label htmlFor={ids.hide}>Hide suppressed</label>
      </div>
      <button type="button" onClick={onClear}>
        Clear all filters
      </button>
      {(minScore === null || maxScore === null) && (
        <p role="alert" className="field-error">
          A score is a whole number from 0 to 100.
        </p>
      )}
    </div>
  )
}
