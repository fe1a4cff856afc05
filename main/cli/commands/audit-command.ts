import { closeCase, openCase } from '../../core/case/case-file'
import { verifyAudit } from '../../core/case/audit-log'
import type { AuditHead } from '../../core/model/audit'
import { AppError } from '../../core/model/errors'
import type { CliIo } from '../cli-context'
import { EXIT } from '../exit-codes'

/**
 * `outpost audit verify --case <file> [--head SEQ:HASH]`: walk the hash chain; with `--head`
 * (from an export manifest) a deleted tail is caught too. Opening the case for this writes
 * nothing to it.
 */
export function auditVerifyCommand(
  options: { casePath: string; head?: string | undefined; json: boolean },
  io: CliIo,
): number {
  const handle = openCase(options.casePath)
  try {
    const result = verifyAudit(handle.db, handle.info.uuid, parseHead(options.head))
    if (options.json) io.out(`${JSON.stringify(result, null, 2)}\n`)
    else if (result.ok) {
      io.out(
        `Audit chain OK: ${result.entries} entries, head ${result.head?.seq ?? 0}:${result.head?.hash ?? '-'}\n`,
      )
    } else {
      io.out(
        `Audit chain BROKEN at entry ${result.firstBroken?.seq ?? '?'}: ${result.firstBroken?.reason ?? ''} ` +
          `(${result.entries} entries verified before it)\n`,
      )
    }
    return result.ok ? EXIT.OK : EXIT.AUDIT_BROKEN
  } finally {
    closeCase(handle)
  }
}

function parseHead(text: string | undefined): AuditHead | undefined {
  if (text === undefined) return undefined
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim())
  if (!match) throw new AppError('INVALID_INPUT', '--head must be SEQ:SHA256, e.g. 12:3f…')
  return { seq: Number(match[1]), hash: match[2] as string }
}
