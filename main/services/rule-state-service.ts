import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { appendAudit } from '../core/case/audit-log'
import type { CaseHandle } from '../core/case/case-file'
import { listEvidence } from '../core/case/evidence-repo'
import { listRuleStates, setRuleState } from '../core/case/rule-states-repo'
import {
  addSuppressionFromFinding,
  exportCaseSuppressions,
  listSuppressions,
  removeSuppression,
} from '../core/case/suppressions-repo'
import { AppError } from '../core/model/errors'
import type { RuleState, RuleStateView, SuppressionView } from '../core/model/rule-states'

/** The open case, as the IPC handlers and the CLI hand it over. */
export type CaseSource = () => CaseHandle

/**
 * Per-case rule states and false-positive suppressions: the calls behind the `rules:states`,
 * `rules:setState` and `suppressions:*` channels and the CLI. The examiner of the case signs
 * every change in the audit log.
 */
export class RuleStateService {
  /** `examiner`: who signs the changes (the CLI's `--examiner`); default the case's examiner. */
  constructor(
    private readonly open: CaseSource,
    private readonly examiner?: string,
  ) {}

  states(): RuleStateView[] {
    return listRuleStates(this.open().db)
  }

  setState(input: {
    ruleKey: string
    namespace: string
    name: string
    state: RuleState
    reason?: string | undefined
  }): RuleStateView {
    const handle = this.open()
    return setRuleState(handle.db, { ...input, examiner: this.by(handle) })
  }

  suppressions(): SuppressionView[] {
    return listSuppressions(this.open().db)
  }

  suppress(input: { findingId: number; reason: string }): SuppressionView {
    const handle = this.open()
    return addSuppressionFromFinding(handle.db, { ...input, examiner: this.by(handle) })
  }

  unsuppress(input: { id: number; reason?: string | undefined }): SuppressionView {
    const handle = this.open()
    return removeSuppression(handle.db, { ...input, examiner: this.by(handle) })
  }

  /**
   * Write the case's own suppressions to `path` as a `suppressions.json` (for a pack), atomically.
   *
   * @throws AppError INVALID_INPUT for a relative path or one inside an evidence folder.
   */
  exportSuppressions(path: string): { path: string; count: number } {
    const handle = this.open()
    const target = checkExportPath(handle, path)
    const { text, count } = exportCaseSuppressions(handle.db)
    const temporary = `${target}.${process.pid}.tmp`
    try {
      writeFileSync(temporary, text, { flag: 'wx' })
      renameSync(temporary, target)
    } catch (error: unknown) {
      rmSync(temporary, { force: true })
      throw new AppError('INVALID_INPUT', `Could not write ${target}.`, { cause: error })
    }
    appendAudit(handle.db, handle.info.uuid, {
      actor: this.by(handle),
      action: 'suppressions.exported',
      subject: null,
      details: { path: target, count },
    })
    return { path: target, count }
  }

  private by(handle: CaseHandle): string {
    return this.examiner ?? handle.info.examiner
  }
}

/** An absolute path outside every evidence folder (evidence is never written to). */
function checkExportPath(handle: CaseHandle, path: string): string {
  if (!isAbsolute(path) || path.includes('\0')) {
    throw new AppError('INVALID_INPUT', 'The export needs an absolute file path.')
  }
  const target = resolve(path)
  for (const evidence of listEvidence(handle.db)) {
    const rel = relative(resolve(evidence.sourcePath), target)
    if (evidence.kind === 'folder' && (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)))) {
      throw new AppError('INVALID_INPUT', 'The export cannot be written inside evidence.')
    }
    if (evidence.kind !== 'folder' && target === resolve(evidence.sourcePath)) {
      throw new AppError('INVALID_INPUT', 'The export cannot overwrite evidence.')
    }
  }
  return target
}
