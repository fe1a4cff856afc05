import { FILE_EXTERNALS } from '../engine/yara-engine'
import { AppError } from '../model/errors'
import type { ScanChildLauncher } from '../scan/child/child-handle'
import type { PackValidation, RuleFileSource, ValidateOptions } from './validate-pack'

/** Long enough for the biggest real set (signature-base: ~6 s on a laptop), short of a hang. */
export const DEFAULT_VALIDATE_DEADLINE_MS = 120_000

/** What {@link validateInChild} needs besides the files. */
export interface ValidateInChildOptions extends ValidateOptions {
  readonly launcher: ScanChildLauncher
  readonly deadlineMs?: number
}

/**
 * {@link validateRuleFiles} in a scan process, killed at the deadline: a big set keeps a core
 * busy for seconds, and a hostile rule could make the compiler hang or crash. The parent reads
 * the files once and sends their text, so what is validated is what gets installed.
 *
 * @throws AppError `SCAN_FAILED` on a timeout, a crash or a failure inside the process.
 */
export function validateInChild(
  files: readonly RuleFileSource[],
  options: ValidateInChildOptions,
): Promise<PackValidation> {
  const child = options.launcher.launch()
  const deadlineMs = options.deadlineMs ?? DEFAULT_VALIDATE_DEADLINE_MS
  return new Promise<PackValidation>((resolve, reject) => {
    let settled = false
    const settle = (action: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      action()
      child.kill()
    }
    const timer = setTimeout(() => {
      settle(() => {
        reject(
          new AppError(
            'SCAN_FAILED',
            `Validating the rules took longer than ${deadlineMs / 1000} s; the pack was not imported.`,
          ),
        )
      })
    }, deadlineMs)
    child.onMessage((message) => {
      if (message.type === 'validated') {
        settle(() => {
          resolve(message.result)
        })
      } else if (message.type === 'requestFailed') {
        settle(() => {
          reject(new AppError('SCAN_FAILED', `Validating the rules failed: ${message.message}`))
        })
      }
    })
    child.onExit((code, signal) => {
      settle(() => {
        reject(
          new AppError(
            'SCAN_FAILED',
            `The validating process exited (code ${String(code)}, signal ${String(signal)}).`,
          ),
        )
      })
    })
    child.send({
      type: 'validate',
      requestId: 1,
      files,
      namespace: options.namespace,
      externals: [...(options.externals ?? FILE_EXTERNALS)],
      dropInvalid: options.dropInvalid,
    })
  })
}
