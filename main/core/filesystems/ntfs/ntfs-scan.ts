import { isAppError } from '../../model/errors'
import type { MftReader } from './ntfs-mft'
import { NAMESPACE_DOS, parseFileName } from './ntfs-names'
import type { FileName } from './ntfs-names'
import { ATTR, parseRecord, RECORD_DIRECTORY, RECORD_IN_USE } from './ntfs-record'

/** Damaged records reported one by one; past this, only counted. */
const MAX_REPORTED = 20

/** A deleted MFT entry and one of its names (null: it has none). */
export interface DeletedName {
  readonly entry: number
  readonly sequence: number
  readonly directory: boolean
  readonly name: FileName | null
}

/** What a pass over the whole MFT found: the deleted base records, by parent directory. */
export interface MftScan {
  /** Deleted entries whose $FILE_NAME names directory `parent` with sequence `sequence`. */
  deletedChildren(parent: number, sequence: number): readonly { entry: number; name: FileName }[]
  /** Every deleted base record, in MFT order, with its preferred name. */
  deleted(): readonly DeletedName[]
  /** Records that could not be read (bad update sequence…), as walk problems. */
  readonly problems: readonly string[]
}

/**
 * Read every MFT record once, in order, a chunk at a time, keeping only the deleted base
 * records (in-use flag clear) and their names: TSK lists those under the directory their
 * $FILE_NAME names, or as orphans. A record whose update sequence fails is reported and
 * skipped.
 */
export async function scanMft(mft: MftReader): Promise<MftScan> {
  const byParent = new Map<number, { entry: number; name: FileName }[]>()
  const deleted: DeletedName[] = []
  const problems: string[] = []
  let damaged = 0
  for (let index = 0; index < mft.chunkCount; index += 1) {
    let chunk
    try {
      chunk = await mft.chunkRecords(index)
    } catch (error: unknown) {
      if (!isAppError(error)) throw error
      problems.push(`Part of the MFT could not be read: ${error.message}`)
      break
    }
    const recordSize = mft.recordSize
    for (let i = 0; i < chunk.count; i += 1) {
      const raw = chunk.bytes.subarray(i * recordSize, (i + 1) * recordSize)
      const number = chunk.first + i
      if (raw.toString('latin1', 0, 4) !== 'FILE') continue
      if ((raw.readUInt16LE(22) & RECORD_IN_USE) !== 0 || raw.readUIntLE(32, 6) !== 0) continue
      const read = parseRecord(raw, number, { clusterCount: mft.clusterCount })
      if (read.kind === 'damaged') {
        damaged += 1
        if (damaged <= MAX_REPORTED)
          problems.push(`Deleted MFT record ${number} is damaged (${read.reason}); skipped.`)
        continue
      }
      // mkntfs formats spare records with a header and no attributes; TSK lists none of them.
      if (read.kind !== 'record' || read.record.attributes.length === 0) continue
      const names = read.record.attributes
        .filter((a) => a.type === ATTR.fileName && a.value !== null)
        .map((a) => (a.value === null ? null : parseFileName(a.value)))
        .filter((n): n is FileName => n !== null && n.namespace !== NAMESPACE_DOS)
      deleted.push({
        entry: number,
        sequence: read.record.sequence,
        directory: (read.record.flags & RECORD_DIRECTORY) !== 0,
        name: names[0] ?? null,
      })
      for (const name of names) {
        const list = byParent.get(name.parent)
        if (list === undefined) byParent.set(name.parent, [{ entry: number, name }])
        else list.push({ entry: number, name })
      }
    }
  }
  if (damaged > MAX_REPORTED)
    problems.push(`${damaged - MAX_REPORTED} more deleted MFT records are damaged; skipped.`)
  return {
    deletedChildren: (parent, sequence) =>
      (byParent.get(parent) ?? []).filter((child) => child.name.parentSequence === sequence),
    deleted: () => deleted,
    problems,
  }
}
