import { userInfo } from 'node:os'
import { basename, extname, resolve } from 'node:path'
import { existsSync } from 'node:fs'
import type { CaseHandle } from '../core/case/case-file'
import { createCase, openCase } from '../core/case/case-file'
import { appendAudit } from '../core/case/audit-log'
import { markInterruptedScans } from '../core/case/scan-repo'

/** The app version recorded in cases and scans (package.json, injected at build; 'dev' in source). */
export const APP_VERSION: string = process.env['npm_package_version'] ?? '0.1.0'

/** Output streams, replaceable in tests. */
export interface CliIo {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly stderr: NodeJS.WriteStream
}

/** The default examiner: the OS user running the command. */
export function defaultExaminer(): string {
  try {
    return userInfo().username || 'examiner'
  } catch {
    return 'examiner'
  }
}

/**
 * Open the case at `path`, creating it when it does not exist (the CLI's batch habit:
 * `outpost scan … --case new.outpost` just works).
 */
export function openOrCreateCase(
  path: string,
  examiner: string,
  name?: string,
): { handle: CaseHandle; created: boolean } {
  const absolute = resolve(path)
  if (!existsSync(absolute)) {
    const caseName = name ?? basename(absolute, extname(absolute))
    return {
      handle: createCase(absolute, { name: caseName, examiner, appVersion: APP_VERSION }),
      created: true,
    }
  }
  return { handle: openExistingCase(absolute), created: false }
}

/** Open an existing case and mark scans a dead process left running. */
export function openExistingCase(path: string): CaseHandle {
  const handle = openCase(resolve(path))
  const interrupted = markInterruptedScans(handle.db)
  if (interrupted.length > 0) {
    appendAudit(handle.db, handle.info.uuid, {
      actor: handle.info.examiner,
      action: 'scan.marked-interrupted',
      subject: null,
      details: { scans: interrupted },
    })
  }
  return handle
}
