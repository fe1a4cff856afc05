import { closeCase } from '../../core/case/case-file'
import type { HashSetInfo } from '../../core/hashsets/hash-set-repo'
import { listHashSets } from '../../core/hashsets/hash-set-repo'
import type { HashSetPurpose } from '../../core/hashsets/hash-set-types'
import type { HashSetImportSummary } from '../../core/hashsets/import-hash-set'
import { importHashSet } from '../../core/hashsets/import-hash-set'
import { AppError } from '../../core/model/errors'
import type { CliIo } from '../cli-context'
import { openExistingCase, openOrCreateCase } from '../cli-context'
import { EXIT } from '../exit-codes'
import { printable } from './findings-command'

/** Options of `outpost hashset …`. */
export interface HashSetCommandOptions {
  readonly action: string | undefined
  readonly paths: readonly string[]
  readonly casePath: string
  readonly knownGood: boolean
  readonly knownBad: boolean
  readonly name?: string | undefined
  readonly examiner: string
  readonly json: boolean
}

const USAGE_LINE =
  'usage: outpost hashset import <file|dir> --case <file> --known-good|--known-bad [--name <n>] [--json]\n' +
  '       outpost hashset list --case <file> [--json]'

/**
 * `outpost hashset import|list`: import a hash list, an NSRL RDS v3 database or a partner's
 * report bundle as a known-good or known-bad set, or list the case's sets.
 */
export async function hashSetCommand(options: HashSetCommandOptions, io: CliIo): Promise<number> {
  switch (options.action) {
    case 'import':
      return importCommand(options, io)
    case 'list':
      return listCommand(options, io)
    default:
      throw new AppError('INVALID_INPUT', USAGE_LINE)
  }
}

async function importCommand(options: HashSetCommandOptions, io: CliIo): Promise<number> {
  const path = options.paths[0]
  if (path === undefined || options.paths.length > 1)
    throw new AppError('INVALID_INPUT', USAGE_LINE)
  const purpose = purposeOf(options)
  const { handle } = openOrCreateCase(options.casePath, options.examiner)
  try {
    const summary = await importHashSet(handle.db, handle.info.uuid, {
      path,
      purpose,
      name: options.name,
      examiner: options.examiner,
    })
    io.out(options.json ? `${JSON.stringify(summary, null, 2)}\n` : importText(summary))
    return EXIT.OK
  } finally {
    closeCase(handle)
  }
}

function purposeOf(options: HashSetCommandOptions): HashSetPurpose {
  if (options.knownGood === options.knownBad) {
    throw new AppError(
      'INVALID_INPUT',
      `hashset import needs exactly one of --known-good or --known-bad\n${USAGE_LINE}`,
    )
  }
  return options.knownGood ? 'known-good' : 'known-bad'
}

function importText(s: HashSetImportSummary): string {
  const algos = Object.entries(s.byAlgo)
    .filter(([, n]) => n > 0)
    .map(([algo, n]) => `${algo} ${n}`)
    .join(', ')
  const rate = s.seconds > 0 ? Math.round(s.entries / s.seconds) : s.entries
  const lines = [
    `Imported ${s.purpose} hash set ${s.setId} "${printable(s.name)}" (${s.format}, ${printable(s.sourceName)})`,
    `  ${s.entries} entries (${algos}) from ${s.records} records; ${s.duplicates} duplicates; ` +
      `${s.badLines} bad lines; ${s.seconds.toFixed(1)} s (${rate} entries/s)`,
    `  source sha256 ${s.sourceSha256}`,
  ]
  if (s.rulePk !== null) lines.push(`  findings will point to rule ${s.rulePk}`)
  if (s.note !== null) lines.push(`  note: ${printable(s.note)}`)
  for (const bad of s.firstBad)
    lines.push(`  line ${bad.line}: ${bad.reason}: ${printable(bad.text)}`)
  if (s.badLines > s.firstBad.length)
    lines.push(`  … and ${s.badLines - s.firstBad.length} more bad lines`)
  return `${lines.join('\n')}\n`
}

function listCommand(options: HashSetCommandOptions, io: CliIo): number {
  const handle = openExistingCase(options.casePath)
  try {
    const sets = listHashSets(handle.db)
    io.out(options.json ? `${JSON.stringify(sets, null, 2)}\n` : listText(sets))
    return EXIT.OK
  } finally {
    closeCase(handle)
  }
}

function listText(sets: readonly HashSetInfo[]): string {
  if (sets.length === 0) return 'No hash sets.\n'
  return sets
    .map(
      (s) =>
        `${String(s.id).padStart(3)}  ${s.purpose.padEnd(10)}  ${s.enabled ? 'enabled ' : 'disabled'}  ` +
        `${String(s.entryCount).padStart(10)}  ${s.format.padEnd(9)}  ${printable(s.name)}  ` +
        `(${printable(s.sourceName)}, ${s.importedAt}, ${printable(s.importedBy)})\n`,
    )
    .join('')
}
