import type { ErrorCode } from '../core/model/errors'

/** The CLI's exit codes (documented in README). */
export const EXIT = {
  /** Done; for `scan`, no findings. */
  OK: 0,
  /** `scan` finished and found something. */
  FINDINGS: 1,
  /** Wrong command line. */
  USAGE: 2,
  /** A path, case file or evidence problem. */
  INPUT: 3,
  /** The rules do not compile. */
  RULES: 4,
  /** The scan did not complete (cancelled or failed); what it committed is in the case. */
  INCOMPLETE: 5,
  /** `audit verify`: the chain is broken. */
  AUDIT_BROKEN: 6,
  /** `verify`/`import`: a signature, hash or bundle check failed, or the signer is not trusted. */
  VERIFY_FAILED: 7,
  /** A bug. */
  INTERNAL: 70,
} as const

/** The exit code for an expected error. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_INPUT':
      return EXIT.USAGE
    case 'RULES_INVALID':
    case 'RULES_NOT_FOUND':
      return EXIT.RULES
    case 'SCAN_FAILED':
    case 'CANCELLED':
      return EXIT.INCOMPLETE
    case 'SIGNATURE_INVALID':
    case 'BUNDLE_INVALID':
    case 'BUNDLE_UNTRUSTED':
      return EXIT.VERIFY_FAILED
    case 'INTERNAL':
      return EXIT.INTERNAL
    default:
      return EXIT.INPUT
  }
}
