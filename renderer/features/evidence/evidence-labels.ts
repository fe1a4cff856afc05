import type { EvidenceKind, EvidenceLayout } from '../../../main/core/model/evidence'
import { assertNever } from '../../lib/assert-never'

/** The human label of an evidence kind. */
export function kindLabel(kind: EvidenceKind): string {
  switch (kind) {
    case 'folder':
      return 'Folder'
    case 'file':
      return 'File'
    case 'image':
      return 'Disk image'
    default:
      return assertNever(kind, 'evidence kind')
  }
}

const FORMAT_LABELS: Readonly<Record<string, string>> = {
  raw: 'Raw (dd)',
  'split-raw': 'Split raw',
  ewf: 'EWF (E01)',
  vhd: 'VHD',
  vmdk: 'VMDK',
  qcow2: 'QCOW2',
}

/**
 * The human label of a container format, or null for a format this table does not know (the
 * caller then shows the raw value as hostile text: the format is an open string in the model).
 */
export function formatLabel(format: string): string | null {
  return Object.hasOwn(FORMAT_LABELS, format) ? (FORMAT_LABELS[format] ?? null) : null
}

/** The human label of a partitioning scheme. */
export function schemeLabel(scheme: EvidenceLayout['scheme']): string {
  switch (scheme) {
    case 'mbr':
      return 'MBR (DOS partition table)'
    case 'gpt':
      return 'GPT'
    case 'none':
      return 'None (no partition table: the media is one volume)'
    case null:
      return 'Unknown'
    default:
      return assertNever(scheme, 'partition scheme')
  }
}
