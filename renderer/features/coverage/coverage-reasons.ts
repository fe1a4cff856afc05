import type { CoverageReason } from '../../../main/core/model/coverage'

/** The label and one-line explanation of a coverage reason. */
export interface CoverageReasonInfo {
  readonly label: string
  readonly explanation: string
}

/**
 * Every reason in `COVERAGE_REASONS`, in that order, with a label and explanation for the
 * analyst. A `Record` over the union: a reason added in main without a label here does not
 * compile.
 */
export const COVERAGE_REASON_INFO: Readonly<Record<CoverageReason, CoverageReasonInfo>> = {
  'too-large': {
    label: 'Too large',
    explanation: "Larger than the scan's file-size limit: hashed, but not scanned with the rules.",
  },
  timeout: {
    label: 'Timed out',
    explanation: 'The per-file time limit stopped the rule scan before it reached the end.',
  },
  'process-crashed': {
    label: 'Scanner crashed',
    explanation: 'The scan process died on this file; it was restarted and the scan went on.',
  },
  unreadable: {
    label: 'Unreadable',
    explanation: 'The file could not be opened or read (permissions, I/O error, or it vanished).',
  },
  symlink: {
    label: 'Symbolic link',
    explanation:
      "A symbolic link: recorded, never followed; its target is not read (that would change the link's access time).",
  },
  'special-file': {
    label: 'Special file',
    explanation: 'A device, socket or FIFO: recorded, never read.',
  },
  'unlistable-folder': {
    label: 'Folder not listed',
    explanation: 'A folder whose contents could not be listed: nothing inside it was scanned.',
  },
  'externals-incomplete': {
    label: 'Rule inputs incomplete',
    explanation:
      'Some per-file variables (name, type, owner…) could not be passed: rules using them may have missed.',
  },
  'changed-during-read': {
    label: 'Changed while read',
    explanation: 'The file changed while it was being read: its hashes may not match its content.',
  },
  'engine-error': {
    label: 'Engine error',
    explanation: 'The YARA engine reported an error on this file.',
  },
  encrypted: {
    label: 'Encrypted',
    explanation:
      'Encrypted by the file system (NTFS EFS): listed with its names, times and owner; the content cannot be read without the user’s key, so it was not scanned.',
  },
  'deleted-overwritten': {
    label: 'Deleted, overwritten',
    explanation: 'A deleted file whose clusters now hold other data: listed, its old content is gone.',
  },
  'filesystem-damaged': {
    label: 'File system damaged',
    explanation: 'Part of a file system could not be read (a bad cluster chain, a directory loop…).',
  },
  'unknown-filesystem': {
    label: 'Unread file system',
    explanation: 'A volume whose file system Outpost does not read: its bytes were scanned as raw blocks.',
  },
  'block-mode': {
    label: 'Scanned in blocks',
    explanation:
      'Large files, unallocated or unread space, scanned in overlapping blocks: filesize and module data describe a block.',
  },
  'known-good': {
    label: 'Known good',
    explanation:
      'Its hash is in a known-good hash set (such as NSRL): hashed and recorded, not scanned with the rules.',
  },
}

/** The reasons in display order. */
export const COVERAGE_REASON_ORDER = Object.keys(COVERAGE_REASON_INFO) as readonly CoverageReason[]

/**
 * The label of a reason; an unknown reason (a newer main) is shown as it came.
 */
export function coverageReasonLabel(reason: CoverageReason): string {
  return (COVERAGE_REASON_INFO as Partial<Record<string, CoverageReasonInfo>>)[reason]?.label ?? reason
}
