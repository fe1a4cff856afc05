import { useState } from 'react'
import type { CaseInfo } from '../../../main/core/model/case'
import type { AppSettings } from '../../../main/core/model/settings'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useInvoke } from '../../lib/use-invoke'
import { AppearanceSettings } from './AppearanceSettings'
import { ExaminerSettings } from './ExaminerSettings'
import { KeysSettings } from './KeysSettings'
import { ScanLimitsSettings } from './ScanLimitsSettings'
import { SharingSettings } from './SharingSettings'

/** Props of {@link SettingsPanel}. */
export interface SettingsPanelProps {
  readonly caseInfo: CaseInfo
  readonly onCaseChanged: (info: CaseInfo) => void
}

/**
 * The Settings section: examiner, sharing defaults, scan limits, keys and trust, appearance —
 * all stored locally (`settings.json` in the app's data folder; the case's own values in it).
 */
export function SettingsPanel({ caseInfo, onCaseChanged }: SettingsPanelProps) {
  const loaded = useInvoke('settings:get', undefined)
  const [saved, setSaved] = useState<AppSettings>()
  const settings = saved ?? (loaded.result?.ok === true ? loaded.result.value : undefined)
  return (
    <section className="panel settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      {loaded.result === undefined && (
        <p className="muted" role="status">
          Loading settings…
        </p>
      )}
      {loaded.result?.ok === false && (
        <ErrorNotice
          error={loaded.result.error}
          title="Could not read the settings; the app's defaults are in use"
        />
      )}
      {settings !== undefined && (
        <>
          <ExaminerSettings
            settings={settings}
            caseInfo={caseInfo}
            onSettingsSaved={setSaved}
            onCaseChanged={onCaseChanged}
          />
          <SharingSettings
            settings={settings}
            caseInfo={caseInfo}
            onSettingsSaved={setSaved}
            onCaseChanged={onCaseChanged}
          />
          <ScanLimitsSettings settings={settings} onSettingsSaved={setSaved} />
        </>
      )}
      <KeysSettings />
      {settings !== undefined && (
        <AppearanceSettings settings={settings} onSettingsSaved={setSaved} />
      )}
    </section>
  )
}
