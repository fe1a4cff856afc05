/**
 * The closed set of expected error codes.
 *
 * Anything thrown that is not an {@link AppError} is a bug: it is logged where it happens and
 * reaches the renderer only as `INTERNAL`.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'PATH_NOT_FOUND',
  'PATH_UNREADABLE',
  'NO_CASE_OPEN',
  'CASE_EXISTS',
  'CASE_NOT_A_DATABASE',
  'CASE_CORRUPT',
  'CASE_TOO_NEW',
  'CASE_SETTINGS_NOT_APPLIED',
  'CASE_INSIDE_EVIDENCE',
  'EVIDENCE_EXISTS',
  'EVIDENCE_FORMAT',
  'EVIDENCE_SEGMENT_MISSING',
  'EVIDENCE_ENCRYPTED',
  'EVIDENCE_READ',
  'EVIDENCE_HASH_MISMATCH',
  'FILESYSTEM_CORRUPT',
  'RULES_INVALID',
  'RULES_NOT_FOUND',
  'ENGINE_UNAVAILABLE',
  'SCAN_RUNNING',
  'SCAN_NOT_RUNNING',
  'SCAN_FAILED',
  'AUDIT_APPEND_ONLY',
  'UNTRUSTED_SENDER',
  'KEY_INVALID',
  'KEY_LOCKED',
  'KEY_NOT_FOUND',
  'KEY_CONFLICT',
  'SIGNATURE_INVALID',
  'TRUST_STORE_CORRUPT',
  'BUNDLE_INVALID',
  'BUNDLE_UNTRUSTED',
  'EXPORT_INVALID',
  'CANCELLED',
  'INTERNAL',
] as const

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number]

/** The serialisable form of an error, as it crosses IPC and the CLI's `--json` output. */
export interface ErrorInfo {
  readonly code: ErrorCode
  readonly message: string
  readonly details?: unknown
}

/**
 * An expected failure with a code the UI and CLI can branch on.
 *
 * The message is written for the analyst: it says what happened and, where possible, what to do.
 */
export class AppError extends Error {
  override readonly name = 'AppError'

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { readonly cause?: unknown; readonly details?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.details = options?.details
  }

  readonly details: unknown

  /** The form that crosses process boundaries. */
  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

/** True when `value` is an {@link AppError}. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}

/**
 * Compile-time exhaustiveness check for `switch` statements.
 *
 * @throws always: reaching it at run time means a case was added without handling it.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`)
}
