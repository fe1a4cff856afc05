import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import type { HexGutter } from './hex-rows'
import { parseOffset } from './hex-rows'

/** Props of {@link HexToolbar}. */
export interface HexToolbarProps {
  readonly sizeBytes: number
  readonly gutter: HexGutter
  readonly onGutter: (gutter: HexGutter) => void
  readonly onGoTo: (offset: number) => void
  readonly matchCount: number
  readonly onPrevious: () => void
  readonly onNext: () => void
}

/** The hex view's controls: go to an offset, previous / next match, and the gutter's reading. */
export function HexToolbar({
  sizeBytes,
  gutter,
  onGutter,
  onGoTo,
  matchCount,
  onPrevious,
  onNext,
}: HexToolbarProps) {
  const fieldId = useId()
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  function submit(event: FormEvent) {
    event.preventDefault()
    const offset = parseOffset(text)
    if (offset === null) {
      setProblem('Type an offset in hex (0x1f40) or decimal (8000).')
      return
    }
    if (offset >= Math.max(1, sizeBytes)) {
      setProblem(
        `The file has ${sizeBytes.toLocaleString('en-US')} bytes (last offset 0x${Math.max(0, sizeBytes - 1).toString(16)}); type a smaller offset.`,
      )
      return
    }
    setProblem(null)
    onGoTo(offset)
  }

  return (
    <div className="hex-toolbar">
      <form className="hex-goto" onSubmit={submit}>
        <label htmlFor={fieldId}>Go to offset</label>
        <input
          id={fieldId}
          className="mono"
          value={text}
          placeholder="0x0 or 0"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem !== null}
          aria-describedby={problem === null ? undefined : `${fieldId}-problem`}
          onChange={(event) => {
            setText(event.target.value)
          }}
        />
        <button type="submit">Go</button>
        {problem !== null && (
          <span id={`${fieldId}-problem`} className="field-error" role="alert">
            {problem}
          </span>
        )}
      </form>
      <div className="hex-match-nav">
        <button type="button" onClick={onPrevious} disabled={matchCount === 0}>
          Previous match
        </button>
        <button type="button" onClick={onNext} disabled={matchCount === 0}>
          Next match
        </button>
      </div>
      <label className="hex-gutter-toggle">
        <input
          type="checkbox"
          checked={gutter === 'utf16le'}
          onChange={(event) => {
            onGutter(event.target.checked ? 'utf16le' : 'ascii')
          }}
        />{' '}
        Text as UTF-16LE
      </label>
    </div>
  )
}
