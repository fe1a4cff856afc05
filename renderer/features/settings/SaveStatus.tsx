import { ErrorNotice } from '../../components/ErrorNotice'
import type { SaveState } from './use-save'

/** Props of {@link SaveStatus}. */
export interface SaveStatusProps {
  readonly save: SaveState
  /** What failed, e.g. "Could not save the examiner". */
  readonly failure: string
}

/** A settings form's outcome: the confirmation (read out politely) or the error. */
export function SaveStatus({ save, failure }: SaveStatusProps) {
  return (
    <>
      <p className="muted" role="status" aria-live="polite">
        {save.message}
      </p>
      {save.error !== undefined && <ErrorNotice error={save.error} title={failure} />}
    </>
  )
}
