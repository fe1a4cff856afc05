import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { AppSettings, PreferredScanLimits } from '../../../main/core/model/settings'
import { invoke } from '../../lib/api'
import { LIMIT_FIELDS, parseDraft, shownRange, toDraft } from './scan-limit-fields'
import { SaveStatus } from './SaveStatus'
import { useSave } from './use-save'

/** Props of {@link ScanLimitsSettings}. */
export interface ScanLimitsSettingsProps {
  readonly settings: AppSettings
  readonly onSettingsSaved: (settings: AppSettings) => void
}

/**
 * The limits every new scan starts with (each scan records the ones it used): checked here for
 * a quick answer, and again in main.
 */
export function ScanLimitsSettings({ settings, onSettingsSaved }: ScanLimitsSettingsProps) {
  const id = useId()
  const [draft, setDraft] = useState(() => toDraft(settings.scanLimits))
  const save = useSave()

  function saved(next: AppSettings) {
    setDraft(toDraft(next.scanLimits))
    onSettingsSaved(next)
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const parsed = parseDraft(draft)
    if ('problem' in parsed) {
      save.refuse({ code: 'INVALID_INPUT', message: parsed.problem })
      return
    }
    void save.run(() => invoke('settings:set', { scanLimits: parsed.limits }), saved)
  }

  const set = (key: keyof PreferredScanLimits) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }))
  }

  return (
    <section className="settings-section" aria-labelledby="settings-limits-title">
      <h3 id="settings-limits-title">Scan limits</h3>
      {/* noValidate: the form's own check says what is wrong in words (an alert), not a bubble. */}
      <form className="form limits-form" aria-label="Scan limits" noValidate onSubmit={submit}>
        {LIMIT_FIELDS.map((field) => {
          const { min, max } = shownRange(field)
          const fieldId = `${id}-${field.key}`
          return (
            <div className="field" key={field.key}>
              <label htmlFor={fieldId}>
                {field.label} ({field.unit})
              </label>
              <input
                id={fieldId}
                type="number"
                inputMode="numeric"
                min={min}
                max={max}
                step={1}
                value={draft[field.key]}
                aria-describedby={`${fieldId}-hint`}
                onChange={(e) => {
                  set(field.key)(e.target.value)
                }}
              />
              <small id={`${fieldId}-hint`} className="hint">
                {field.hint} {min}–{max} {field.unit}.
                {settings.customLimits.includes(field.key) ? '' : ' (App default.)'}
              </small>
            </div>
          )
        })}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isBusy}>
            Save scan limits
          </button>
          <button
            type="button"
            disabled={save.isBusy}
            onClick={() => {
              void save.run(
                () => invoke('settings:set', { scanLimits: null }),
                saved,
                'Default limits restored.',
              )
            }}
          >
            Restore defaults
          </button>
        </div>
        <SaveStatus save={save} failure="Could not save the scan limits" />
      </form>
    </section>
  )
}
