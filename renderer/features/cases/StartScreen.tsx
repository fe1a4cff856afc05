import type { CaseInfo } from '../../../main/core/model/case'
import type { ErrorInfo } from '../../../main/core/model/errors'
import { ErrorNotice } from '../../components/ErrorNotice'
import { AppFooter } from './AppFooter'
import { CreateCaseForm } from './CreateCaseForm'
import { OpenCaseForm } from './OpenCaseForm'

/** Props of {@link StartScreen}. */
export interface StartScreenProps {
  readonly onOpened: (info: CaseInfo) => void
  /** Why the case open in main could not be read, if that failed. */
  readonly initialError?: ErrorInfo | undefined
}

/**
 * The screen shown while no case is open: create a case, or open one.
 */
export function StartScreen({ onOpened, initialError }: StartScreenProps) {
  return (
    <div className="start">
      <header className="start-header">
        <h1>Outpost</h1>
        <p className="muted">Offline forensic triage workbench</p>
      </header>
      <main className="start-main">
        {initialError !== undefined && (
          <ErrorNotice error={initialError} title="Could not read the open case" />
        )}
        <div className="start-grid">
          <CreateCaseForm onCreated={onOpened} />
          <OpenCaseForm onOpened={onOpened} />
        </div>
      </main>
      <AppFooter />
    </div>
  )
}
