import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { SafeText } from '../../components/SafeText'
import { useInvoke } from '../../lib/use-invoke'
import { PackImportCard } from './PackImportCard'
import { PackList } from './PackList'
import { PackRulesTable } from './PackRulesTable'
import { PackVersions } from './PackVersions'
import { useRuleStateColumn } from './use-rule-states'
import { RuleEditorPanel } from './RuleEditorPanel'
import { SuppressionList } from '../rule-states/SuppressionList'
import type { ScanSummary } from '../../../main/core/model/scan'

/** The views of the Rules section. */
const VIEWS = [
  { id: 'packs', label: 'Packs' },
  { id: 'editor', label: 'Editor' },
  { id: 'suppressions', label: 'Suppressions' },
] as const
type View = (typeof VIEWS)[number]['id']

/** Props of {@link RulesPanel}. */
export interface RulesPanelProps {
  /** A retro-hunt or an editor test started a scan (the workbench follows it). */
  readonly onScanStarted?: ((scan: ScanSummary) => void) | undefined
}

/**
 * The Rules section: the installed packs (import a pack update with its diff reviewed before
 * activation, versions and rollback, rules with their state in this case), the rule editor,
 * and the case's false-positive suppressions.
 */
export function RulesPanel({ onScanStarted }: RulesPanelProps) {
  const [view, setView] = useState<View>('packs')
  return (
    <section className="panel rules-panel" aria-labelledby="rules-title">
      <h2 id="rules-title">Rules</h2>
      <div className="view-switch" role="group" aria-label="Rules view">
        {VIEWS.map((item) => (
          <button
            key={item.id}
            type="button"
            aria-pressed={view === item.id}
            onClick={() => {
              setView(item.id)
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
      {view === 'packs' && <PacksView onScanStarted={onScanStarted} />}
      {view === 'editor' && <RuleEditorPanel {...(onScanStarted ? { onScanStarted } : {})} />}
      {view === 'suppressions' && <SuppressionList />}
    </section>
  )
}

function PacksView({ onScanStarted }: RulesPanelProps) {
  const [revision, setRevision] = useState(0)
  const [selected, setSelected] = useState<string>()
  const packs = useInvoke('rules:store', undefined, revision)
  const list = packs.result?.ok === true ? packs.result.value : []
  const pack = list.find((p) => p.name === selected)
  const renderState = useRuleStateColumn()

  return (
    <>
      <PackImportCard
        onScanStarted={onScanStarted}
        onActivated={(outcome) => {
          setSelected(outcome.name)
          setRevision((n) => n + 1)
        }}
      />
      <section className="card" aria-labelledby="rule-packs-title">
        <h3 id="rule-packs-title">Installed rule packs</h3>
        {packs.result === undefined && <p className="muted">Loading rule packs…</p>}
        {packs.result?.ok === false && (
          <ErrorNotice error={packs.result.error} title="Could not list the rule packs" />
        )}
        {packs.result?.ok === true && (
          <PackList packs={list} selected={selected} onSelect={setSelected} />
        )}
      </section>
      {pack !== undefined && (
        <section className="pack-detail" aria-label={`Rule pack ${pack.name}`}>
          <h3 className="pack-detail-title">
            <SafeText value={pack.name} max={80} />
          </h3>
          <PackVersions
            pack={pack}
            onActivated={() => {
              setRevision((n) => n + 1)
            }}
          />
          <PackRulesTable
            packName={pack.name}
            revision={`${pack.active?.installId ?? 'none'}-${revision}`}
            {...(renderState === undefined ? {} : { renderState })}
          />
        </section>
      )}
    </>
  )
}
