import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { closeCase } from '../../core/case/case-file'
import type { Db } from '../../core/case/open-case-db'
import { checkRuleKey, RULE_KEY_SQL } from '../../core/case/rule-states-repo'
import { exportCaseSuppressions } from '../../core/case/suppressions-repo'
import { AppError } from '../../core/model/errors'
import { RULE_STATES } from '../../core/model/rule-states'
import type { RuleState } from '../../core/model/rule-states'
import { RuleStateService } from '../../services/rule-state-service'
import type { CliIo } from '../cli-context'
import { defaultExaminer, openExistingCase } from '../cli-context'
import { EXIT } from '../exit-codes'
import { printable } from './findings-command'

/** The help lines of these commands (also in the main usage text). */
export const RULE_STATES_USAGE = `usage: outpost rules state <rule key> <active|testing|disabled> --case <file> [--reason <r>]
       outpost rules states --case <file> [--json]
       outpost findings suppress <finding id> --reason <r> --case <file>
       outpost suppressions list --case <file> [--json]
       outpost suppressions export --case <file> [--out <file>]
  (changes take [--examiner <name>]; default the OS user)`

/** True for the command lines {@link ruleStatesCommand} handles. */
export function isRuleStatesCommand(argv: readonly string[]): boolean {
  const [command, action] = argv
  return (
    (command === 'rules' && (action === 'state' || action === 'states')) ||
    (command === 'findings' && action === 'suppress') ||
    command === 'suppressions'
  )
}

/**
 * `outpost rules state|states`, `outpost findings suppress`, `outpost suppressions list|export`:
 * per-case rule states and false-positive suppressions, each change in the case's audit log.
 */
export function ruleStatesCommand(argv: readonly string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      case: { type: 'string' },
      reason: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      examiner: { type: 'string' },
    },
  })
  const [command, action, ...operands] = positionals
  if (values.case === undefined) throw usage(`${command} ${action ?? ''} needs --case <file>`)
  const handle = openExistingCase(values.case)
  try {
    const service = new RuleStateService(() => handle, values.examiner ?? defaultExaminer())
    const key = `${command} ${action}`
    if (key === 'rules state') {
      const [ruleKey, state] = operands
      if (ruleKey === undefined || !isState(state) || operands.length !== 2) throw usage()
      const rule = ruleNamed(handle.db, checkRuleKey(ruleKey))
      const view = service.setState({ ruleKey, ...rule, state, reason: values.reason })
      io.out(values.json ? json(view) : `${printable(view.ruleKey)} is now ${view.state}.\n`)
      return EXIT.OK
    }
    if (key === 'rules states' && operands.length === 0) {
      const states = service.states()
      if (values.json) io.out(json(states))
      else if (states.length === 0) io.out('Every rule is active (no state set in this case).\n')
      else
        for (const s of states)
          io.out(
            `${s.state.padEnd(8)}  ${printable(s.ruleKey)}  ${printable(s.namespace)}:${printable(s.name)}  ${printable(s.reason)}  (${printable(s.setBy)}, ${s.setAt})\n`,
          )
      return EXIT.OK
    }
    if (key === 'findings suppress' && operands.length === 1) {
      const findingId = Number(operands[0])
      if (!Number.isSafeInteger(findingId) || findingId < 1) throw usage('a finding id is a number')
      if (values.reason === undefined) throw usage('findings suppress needs --reason <r>')
      const view = service.suppress({ findingId, reason: values.reason })
      io.out(
        values.json
          ? json(view)
          : `Suppression ${view.id}: ${printable(view.ruleKey)} on ${view.sha256}; ${view.findings} finding(s) marked false positive.\n`,
      )
      return EXIT.OK
    }
    if (key === 'suppressions list' && operands.length === 0) {
      const list = service.suppressions()
      if (values.json) io.out(json(list))
      else if (list.length === 0) io.out('No suppressions.\n')
      else
        for (const s of list)
          io.out(
            `${String(s.id).padStart(4)}  ${printable(s.ruleKey)}  ${s.sha256}  ${printable(s.origin)}  ${s.findings} finding(s)  ${printable(s.reason)}\n`,
          )
      return EXIT.OK
    }
    if (key === 'suppressions export' && operands.length === 0) {
      if (values.out === undefined) {
        io.out(exportCaseSuppressions(handle.db).text)
        return EXIT.OK
      }
      const written = service.exportSuppressions(resolve(values.out))
      io.out(`${written.count} suppression(s) written to ${printable(written.path)}\n`)
      return EXIT.OK
    }
    throw usage()
  } finally {
    closeCase(handle)
  }
}

/** The namespace and name of the rule a key names, from the rules the case recorded. */
function ruleNamed(db: Db, ruleKey: string): { namespace: string; name: string } {
  const row = db
    .prepare(
      `SELECT r.namespace, r.name FROM rules r WHERE ${RULE_KEY_SQL} = ? ORDER BY r.id DESC LIMIT 1`,
    )
    .get(ruleKey) as { namespace: string; name: string } | undefined
  if (row !== undefined) return row
  const [, namespace, name] = /^name:([^:]+):([^:]+)$/u.exec(ruleKey) ?? []
  if (namespace !== undefined && name !== undefined) return { namespace, name }
  throw new AppError(
    'INVALID_INPUT',
    `No rule of this case has the key ${ruleKey}: scan with its pack first, or use name:<namespace>:<rule>.`,
  )
}

function isState(value: string | undefined): value is RuleState {
  return (RULE_STATES as readonly (string | undefined)[]).includes(value)
}

function usage(problem?: string): AppError {
  return new AppError(
    'INVALID_INPUT',
    problem === undefined ? RULE_STATES_USAGE : `${problem}\n${RULE_STATES_USAGE}`,
  )
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
