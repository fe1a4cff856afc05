import { dosTimestamp, exfatOffsetMinutes } from '../dos-time'
import type { EntryTimes } from '../file-system'
import type { ExfatSet } from './exfat-directory'
import type { UpcaseTable } from './exfat-upcase'

const WITH_OFFSETS =
  'exFAT stores each time with its UTC offset: converted to UTC. Creation and modification times have 10 ms steps; there is no change time.'
const WITHOUT_OFFSETS =
  'exFAT time stored without a valid UTC offset: local time read as UTC (stamps with an offset were converted). Creation and modification times have 10 ms steps; there is no change time.'

/**
 * The times of a file entry: creation and modification with their 10 ms counts, access, each
 * shifted to UTC by its own offset byte when that offset is marked valid; a note saying which.
 */
export function exfatTimes(file: Buffer): { readonly times: EntryTimes; readonly note: string } {
  const stamp = (
    at: number,
    tenMs: number,
    offsetAt: number,
  ): { iso: string | null; zoned: boolean } => {
    const offset = exfatOffsetMinutes(file[offsetAt] ?? 0)
    const value = file.readUInt32LE(at)
    return {
      iso: dosTimestamp(value >>> 16, value & 0xffff, tenMs, offset ?? 0),
      zoned: offset !== null,
    }
  }
  const born = stamp(8, file[20] ?? 0, 22)
  const modified = stamp(12, file[21] ?? 0, 23)
  const accessed = stamp(16, 0, 24)
  const zoned = [born, modified, accessed].every((s) => s.iso === null || s.zoned)
  return {
    times: { modified: modified.iso, accessed: accessed.iso, changed: null, born: born.iso },
    note: zoned ? WITH_OFFSETS : WITHOUT_OFFSETS,
  }
}

/** Attribute and integrity flags of an entry set, for display. */
export function setFlags(set: ExfatSet, upcase: UpcaseTable, recoverable: boolean): string[] {
  const attributes = set.file.readUInt16LE(4)
  const flags: string[] = []
  if (attributes & 0x01) flags.push('read-only')
  if (attributes & 0x02) flags.push('hidden')
  if (attributes & 0x04) flags.push('system')
  if (attributes & 0x20) flags.push('archive')
  if (((set.stream[1] ?? 0) & 2) !== 0) flags.push('no-fat-chain')
  const valid = set.stream.readBigUInt64LE(8)
  if (valid < set.stream.readBigUInt64LE(24)) flags.push(`valid-data-length:${valid}`)
  if (set.checksumOk === false) flags.push('set-checksum-mismatch')
  if (set.checksumOk === null) flags.push('incomplete-entry-set')
  if (set.partialName) flags.push('partial-name')
  else if (upcase.nameHash(set.nameUnits) !== set.stream.readUInt16LE(4))
    flags.push('name-hash-mismatch')
  if (!recoverable) flags.push('content-overwritten')
  return flags
}
