import { SafeText } from '../../components/SafeText'

/** Props of {@link NoteText}. */
export interface NoteTextProps {
  readonly value: string
}

/**
 * A note's text: plain text, one block per line so line breaks are kept, each line shown with
 * {@link SafeText} (markup stays text, control and bidi characters show as escapes).
 */
export function NoteText({ value }: NoteTextProps) {
  const lines = value.split(/\r?\n/)
  return (
    <div className="note-text">
      {lines.map((line, i) => (
        <span key={i} className="note-line">
          {line === '' ? '\u00a0' : <SafeText value={line} max={20_000} />}
        </span>
      ))}
    </div>
  )
}
