import type { BulkChange } from '../core/case/triage-repo'
import { setFindingsTlp, setFindingsTriage } from '../core/case/triage-repo'
import type { TagCount } from '../core/model/tags'
import { listTags, setFindingsTags } from '../core/case/tags-repo'
import type { CaseHandle } from '../core/case/case-file'
import type { TriageStatus } from '../core/model/findings'
import type { TlpLevel } from '../core/model/tlp'
import type { CaseSource } from './rule-state-service'

/**
 * The analyst's verdicts on findings: triage status, tags and per-finding TLP, one finding or
 * 100,000 at a time. The calls behind `findings:setTriage`, `findings:setTags`, `tags:list`
 * and the CLI's `findings triage` / `findings tag`. Each call is one transaction with one
 * audit entry signed by the examiner.
 */
export class TriageService {
  /** `examiner`: who signs the changes (the CLI's `--examiner`); default the case's examiner. */
  constructor(
    private readonly open: CaseSource,
    private readonly examiner?: string,
  ) {}

  setTriage(input: { findingIds: readonly number[]; status: TriageStatus }): BulkChange {
    const handle = this.open()
    return setFindingsTriage(handle.db, handle.info.uuid, { ...input, actor: this.by(handle) })
  }

  setTags(input: {
    findingIds: readonly number[]
    add: readonly string[]
    remove: readonly string[]
  }): BulkChange {
    const handle = this.open()
    return setFindingsTags(handle.db, handle.info.uuid, { ...input, actor: this.by(handle) })
  }

  setTlp(input: { findingIds: readonly number[]; tlp: TlpLevel | null }): BulkChange {
    const handle = this.open()
    const changed = setFindingsTlp(handle.db, handle.info.uuid, {
      ...input,
      actor: this.by(handle),
    })
    return { changed }
  }

  tags(): TagCount[] {
    return listTags(this.open().db)
  }

  private by(handle: CaseHandle): string {
    return this.examiner ?? handle.info.examiner
  }
}
