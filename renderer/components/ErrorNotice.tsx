import type { ErrorInfo } from '../../main/core/model/errors'
import { SafeText } from './SafeText'

/** Props of {@link ErrorNotice}. */
export interface ErrorNoticeProps {
  readonly error: ErrorInfo
  /** What was being done, e.g. "Could not add evidence". */
  readonly title?: string
}

/**
 * An error envelope from the main process, shown as an alert: the message for the analyst and
 * the code in small print (for the log and the support desk).
 */
export function ErrorNotice({ error, title }: ErrorNoticeProps) {
  return (
    <div role="alert" className="notice notice-error">
      {title !== undefined && <strong className="notice-title">{title}</strong>}
      <p className="notice-message">
        <SafeText value={error.message} />
      </p>
      <small className="notice-code">Code: {error.code}</small>
    </div>
  )
}
