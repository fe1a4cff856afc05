import { useState } from 'react'
import type { FormEvent } from 'react'
import type { CaseInfo } from '../../../main/core/model/case'
import type { AppSettings } from '../../../main/core/model/settings'
import { TextField } from '../../components/TextField'
import { invoke } from '../../lib/api'
import { SaveStatus } from './SaveStatus'
import { useSave } from './use-save'

/** Props of {@link ExaminerSettings}. */
export interface ExaminerSettingsProps {
  readonly settings: AppSettings
  readonly caseInfo: CaseInfo
  readonly onSettingsSaved: (settings: AppSettings) => void
  readonly onCaseChanged: (info: CaseInfo) => void
}

/**
 * The examiner: the name new cases start with (a setting), and the examiner of the open case
 * (`case:setExaminer`, audited; every later change is recorded under the new name).
 */
export function ExaminerSettings(props: ExaminerSettingsProps) {
  const [defaultName, setDefaultName] = useState(props.settings.examinerName)
  const [caseExaminer, setCaseExaminer] = useState(props.caseInfo.examiner)
  const saveDefault = useSave()
  const saveCase = useSave()

  function submitDefault(event: FormEvent) {
    event.preventDefault()
    void saveDefault.run(
      () => invoke('settings:set', { examinerName: defaultName.trim() }),
      props.onSettingsSaved,
    )
  }

  function submitCase(event: FormEvent) {
    event.preventDefault()
    if (caseExaminer.trim() === '') {
      saveCase.refuse({ code: 'INVALID_INPUT', message: 'Enter the examiner of this case.' })
      return
    }
    void saveCase.run(
      () => invoke('case:setExaminer', { examiner: caseExaminer.trim() }),
      props.onCaseChanged,
      'Examiner changed; the audit log records it.',
    )
  }

  return (
    <section className="settings-section" aria-labelledby="settings-examiner-title">
      <h3 id="settings-examiner-title">Examiner</h3>
      <form className="form" aria-label="Default examiner" onSubmit={submitDefault}>
        <TextField
          label="Your name (for new cases)"
          maxLength={200}
          value={defaultName}
          hint="Filled in as the examiner when you create a case."
          onChange={setDefaultName}
        />
        <div className="actions">
          <button type="submit" disabled={saveDefault.isBusy}>
            Save name
          </button>
        </div>
        <SaveStatus save={saveDefault} failure="Could not save your name" />
      </form>
      <form className="form" aria-label="Examiner of this case" onSubmit={submitCase}>
        <TextField
          label="Examiner of this case"
          isRequired
          maxLength={200}
          value={caseExaminer}
          hint="The change is recorded in the audit log; later changes are recorded under the new name."
          onChange={setCaseExaminer}
        />
        <div className="actions">
          <button type="submit" disabled={saveCase.isBusy}>
            Change examiner
          </button>
        </div>
        <SaveStatus save={saveCase} failure="Could not change the examiner" />
      </form>
    </section>
  )
}
