import type { CaseInfo } from '../../../main/core/model/case'
import type { AppSettings } from '../../../main/core/model/settings'
import { TlpSelect } from '../../components/TlpSelect'
import { invoke } from '../../lib/api'
import { SaveStatus } from './SaveStatus'
import { useSave } from './use-save'

/** Props of {@link SharingSettings}. */
export interface SharingSettingsProps {
  readonly settings: AppSettings
  readonly caseInfo: CaseInfo
  readonly onSettingsSaved: (settings: AppSettings) => void
  readonly onCaseChanged: (info: CaseInfo) => void
}

/**
 * Sharing defaults: the TLP new cases start with, and the open case's default TLP (what its
 * findings, files and notes without a TLP of their own share at; audited). Saved on change.
 */
export function SharingSettings(props: SharingSettingsProps) {
  const saveDefault = useSave()
  const saveCase = useSave()
  return (
    <section className="settings-section" aria-labelledby="settings-sharing-title">
      <h3 id="settings-sharing-title">Sharing defaults</h3>
      <TlpSelect
        label="Default TLP for new cases"
        value={props.settings.defaultTlp}
        isDisabled={saveDefault.isBusy}
        onChange={(tlp) => {
          if (tlp === null) return
          void saveDefault.run(
            () => invoke('settings:set', { defaultTlp: tlp }),
            props.onSettingsSaved,
          )
        }}
      />
      <SaveStatus save={saveDefault} failure="Could not save the default TLP" />
      <TlpSelect
        label="Default TLP of this case"
        value={props.caseInfo.defaultTlp}
        isDisabled={saveCase.isBusy}
        hint="Findings, files and notes without a TLP of their own are shared at this level."
        onChange={(tlp) => {
          if (tlp === null) return
          void saveCase.run(() => invoke('case:setDefaultTlp', { tlp }), props.onCaseChanged)
        }}
      />
      <SaveStatus save={saveCase} failure="Could not change the case's default TLP" />
    </section>
  )
}
