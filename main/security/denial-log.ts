/**
 * A rate-limited log of what the security layer refused.
 *
 * A hostile page can fire thousands of requests a second; logging each one would fill the disk
 * or bury the interesting line. So at most `limit` lines per window, then one summary line with
 * the number dropped.
 */

/** One refused action. */
export interface Denial {
  /** What refused it: `web-request`, `will-navigate`, `window-open`, `ipc-sender`, … */
  readonly kind: string
  /** The URL or channel involved (truncated before it is written). */
  readonly target: string
}

/** Receives denials; the default writes to the main-process log. */
export type DenialSink = (denial: Denial) => void

/** Options of {@link createDenialLog}. */
export interface DenialLogOptions {
  /** Lines per window before dropping (default 20). */
  readonly limit?: number
  /** Window length in ms (default 10 000). */
  readonly windowMs?: number
  readonly write?: (line: string) => void
  readonly now?: () => number
}

const MAX_TARGET_CHARS = 300
// Control characters are exactly what must not reach a log line (they could forge lines).
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

/**
 * A {@link DenialSink} that writes at most `limit` lines per `windowMs`.
 *
 * Targets are truncated, and control characters are escaped so an attacker-chosen URL cannot
 * forge log lines.
 */
export function createDenialLog(options: DenialLogOptions = {}): DenialSink {
  const limit = options.limit ?? 20
  const windowMs = options.windowMs ?? 10_000
  const write =
    options.write ??
    ((line: string) => {
      console.warn(line)
    })
  const now = options.now ?? Date.now
  let windowStart = Number.NEGATIVE_INFINITY
  let written = 0
  let dropped = 0

  return (denial) => {
    const at = now()
    if (at - windowStart >= windowMs) {
      if (dropped > 0) write(`[security] ${dropped} more denials not logged`)
      windowStart = at
      written = 0
      dropped = 0
    }
    if (written >= limit) {
      dropped += 1
      return
    }
    written += 1
    write(`[security] denied ${denial.kind}: ${sanitizeTarget(denial.target)}`)
  }
}

function sanitizeTarget(target: string): string {
  const cut = target.length > MAX_TARGET_CHARS ? `${target.slice(0, MAX_TARGET_CHARS)}…` : target
  return cut.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
