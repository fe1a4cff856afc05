import { AppError } from '../../model/errors'
import { quoteName } from './open-context'

/** The first line of a VMDK descriptor (a text file, or text embedded in a sparse extent). */
export const VMDK_DESCRIPTOR_MAGIC = '# Disk DescriptorFile'
/** Most extents accepted in one descriptor. */
const MAX_EXTENTS = 4096
/** Parent content id of a disk that has no parent. */
const NO_PARENT = 'ffffffff'

/** One extent line: `RW 2048 FLAT "disk-flat.vmdk" 0`. */
export interface VmdkExtentLine {
  readonly access: string
  /** Size in 512-byte sectors. */
  readonly sectors: number
  readonly type: string
  readonly file: string
  /** Start inside the file, in sectors (FLAT extents). */
  readonly offset: number
}

/** What a descriptor says: its create type, parent link and extents, in order. */
export interface VmdkDescriptor {
  readonly createType: string
  readonly parentCid: string
  readonly extents: readonly VmdkExtentLine[]
}

const EXTENT = /^(RW|RDONLY|NOACCESS)\s+(\d+)\s+([A-Z]+)(?:\s+"([^"]*)"(?:\s+(\d+))?)?\s*$/

/**
 * Parse descriptor text (`key=value` lines and extent lines; comments and the DDB ignored).
 *
 * @throws AppError `EVIDENCE_FORMAT` for a snapshot (delta) disk, whose parent Outpost does
 * not follow, and for damaged extent lines.
 */
export function parseVmdkDescriptor(text: string, path: string): VmdkDescriptor {
  const values = new Map<string, string>()
  const extents: VmdkExtentLine[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const extent = EXTENT.exec(line)
    if (extent !== null) {
      if (extents.length >= MAX_EXTENTS)
        throw new AppError('EVIDENCE_FORMAT', `${path} lists more than ${MAX_EXTENTS} extents.`)
      extents.push(toExtent(extent, path))
      continue
    }
    const pair = /^([A-Za-z.]+)\s*=\s*"?([^"]*)"?$/.exec(line)
    if (pair?.[1] !== undefined) values.set(pair[1], pair[2] ?? '')
  }
  const parentCid = (values.get('parentCID') ?? NO_PARENT).toLowerCase()
  if (parentCid !== NO_PARENT)
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${path} is a VMware snapshot (delta) disk with a parent (${values.get('parentFileNameHint') ?? 'unnamed'}); ` +
        'Outpost does not follow VMDK parents. Open the base disk, or consolidate the snapshot first.',
    )
  return { createType: values.get('createType') ?? '', parentCid, extents }
}

function toExtent(match: RegExpExecArray, path: string): VmdkExtentLine {
  const sectors = Number(match[2])
  const offset = Number(match[5] ?? '0')
  if (
    !Number.isSafeInteger(sectors) ||
    sectors * 512 > Number.MAX_SAFE_INTEGER ||
    !Number.isSafeInteger(offset)
  )
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${path}: the extent line ${quoteName(match[0])} is out of range.`,
    )
  return {
    access: match[1] ?? '',
    sectors,
    type: match[3] ?? '',
    file: match[4] ?? '',
    offset,
  }
}
