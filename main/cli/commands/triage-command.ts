import { parseArgs } from 'node:util'
import { closeCase } from '../../core/case/case-file'
import type { Db } from '../../core/case/open-case-db'
import { AppError } from '../../core/model/errors'
import { TRIAGE_STATUSES } from '../../core/model/findings'
import type { TriageStatus } from '../../core/model/findings'
import { MAX_RANGE_IDS, parseIdRanges } from '../../core/model/id-ranges'
import { TriageService } from '../../services/triage-service'
import type { CliIo } from '../cli-context'
import { defaultExaminer, openExistingCase } from '../cli-context'
import { EXIT } from '../exit-codes'
import { printable } from './findings-command'

/** The help lines of these commands (also in the main usage text). */
export const TRIAGE_USAGE = `usage: outpost findings triage --case <file> --status <status> (--ids <1,2,5-9> | --rule <name>…)
       outpost findings tag --case <file> [--add <t1,t2>] [--remove <t3>] (--ids <…> | --rule <name>…)
  status: ${TRIAGE_STATUSES.join(', ')}; --rule takes a rule name (any namespace), --scan <id>
  narrows it; changes take [--examiner <name>] (default the OS user) and [--json]`

/** True for the command lines {@link triageCommand} handles. */
export function isTriageCommand(argv: readonly string[]): boolean {
  return argv[0] === 'findings' && (argv[1] === 'triage' || argv[1] === 'tag')
}

/**
 * `outpost findings triage` and `outpost findings tag`: set the triage status or the tags of
 * findings chosen by id or by rule, as one change with one audit entry.
 */
export function triageCommand(argv: readonly string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      case: { type: 'string' },
      status: { type: 'string' },
      ids: { type: 'string' },
      rule: { type: 'string', multiple: true },
      scan: { type: 'string' },
      add: { type: 'string' },
      remove: { type: 'string' },
      json: { type: 'boolean', default: false },
      examiner: { type: 'string' },
    },
  })
  const action = positionals[1]
  if (positionals.length !== 2) throw usage()
  if (values.case === undefined) throw usage(`findings ${action ?? ''} needs --case <file>`)
  const handle = openExistingCase(values.case)
  try {
    const findingIds = selectedIds(handle.db, values)
    const service = new TriageService(() => handle, values.examiner ?? defaultExaminer())
    if (action === 'triage') {
      const status = values.status
      if (!isStatus(status)) throw usage(`--status takes one of ${TRIAGE_STATUSES.join(', ')}`)
      const { changed } = service.setTriage({ findingIds, status })
      io.out(
        values.json
          ? json({ selected: findingIds.length, changed, status })
          : `${changed} of ${findingIds.length} finding(s) set to ${status}.\n`,
      )
      return EXIT.OK
    }
    const add = tagList(values.add)
    const remove = tagList(values.remove)
    if (add.length + remove.length === 0) throw usage('findings tag needs --add or --remove')
    const { changed } = service.setTags({ findingIds, add, remove })
    io.out(
      values.json
        ? json({ selected: findingIds.length, changed })
        : `Tags changed on ${changed} of ${findingIds.length} finding(s).\n`,
    )
    return EXIT.OK
  } finally {
    closeCase(handle)
  }
}

/** The findings `--ids` or `--rule` (optionally within `--scan`) choose; exactly one of the two. */
function selectedIds(
  db: Db,
  values: { ids?: string | undefined; rule?: string[] | undefined; scan?: string | undefined },
): number[] {
  if ((values.ids === undefined) === (values.rule === undefined)) {
    throw usage('choose the findings with --ids or with --rule (one of the two)')
  }
  if (values.ids !== undefined) return parseIdRanges(values.ids)
  const scanId = values.scan === undefined ? null : Number(values.scan)
  if (scanId !== null && (!Number.isSafeInteger(scanId) || scanId < 1)) {
    throw usage('--scan takes a scan id (a number)')
  }
  const ids = db
    .prepare(
      `SELECT f.id FROM findings f JOIN rules r ON r.id = f.rule_pk
       WHERE r.name IN (SELECT value FROM json_each(?)) AND (? IS NULL OR f.scan_id = ?)
       ORDER BY f.id LIMIT ?`,
    )
    .pluck()
    .all(JSON.stringify(values.rule), scanId, scanId, MAX_RANGE_IDS + 1) as number[]
  if (ids.length === 0) {
    const names = (values.rule ?? []).map(printable).join(', ')
    throw new AppError(
      'NOT_FOUND',
      `No finding of rule ${names} in this case${scanId === null ? '' : ` (scan ${scanId})`}.`,
    )
  }
  if (ids.length > MAX_RANGE_IDS) {
    throw new AppError(
      'INVALID_INPUT',
      `More than ${MAX_RANGE_IDS.toLocaleString('en-US')} findings match: narrow with --scan <id>.`,
    )
  }
  return ids
}

function tagList(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').filter((t) => t.trim() !== '')
}

function isStatus(value: string | undefined): value is TriageStatus {
  return (TRIAGE_STATUSES as readonly (string | undefined)[]).includes(value)
}

function usage(problem?: string): AppError {
  return new AppError(
    'INVALID_INPUT',
    problem === undefined ? TRIAGE_USAGE : `${problem}\n${TRIAGE_USAGE}`,
  )
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
