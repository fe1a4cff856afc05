import { useEffect, useState } from 'react'
import type { CaseInfo } from '../main/core/model/case'
import { applySavedTheme } from './lib/theme'
import { useInvoke } from './lib/use-invoke'
import { StartScreen } from './features/cases/StartScreen'
import { Workbench } from './features/workbench/Workbench'

/**
 * The whole renderer: the start screen while no case is open, the workbench once one is.
 *
 * On start it asks main for the case already open (a reloaded window keeps its case).
 */
export function App() {
  const current = useInvoke('case:current', undefined)
  // undefined: nothing chosen in this window yet, so follow `case:current`.
  const [chosen, setChosen] = useState<CaseInfo | null>()
  // The saved theme, once, before anything else (the start screen is themed too).
  useEffect(() => {
    void applySavedTheme()
  }, [])

  if (chosen === undefined && current.result === undefined) {
    return (
      <p className="app-loading" role="status">
        Loading…
      </p>
    )
  }
  const fromMain = current.result?.ok === true ? current.result.value : null
  const caseInfo = chosen === undefined ? fromMain : chosen
  const startError =
    chosen === undefined && current.result?.ok === false ? current.result.error : undefined

  return caseInfo === null ? (
    <StartScreen onOpened={setChosen} initialError={startError} />
  ) : (
    <Workbench
      key={caseInfo.uuid}
      caseInfo={caseInfo}
      onCaseChanged={setChosen}
      onClosed={() => {
        setChosen(null)
      }}
    />
  )
}
