import type { AuditListEntry } from '../../main/core/model/audit'
import type { CaseOverview } from '../../main/core/model/overview'
import type { AppSettings } from '../../main/core/model/settings'

/** The overview of a case with nothing in it yet. */
export function makeEmptyOverview(): CaseOverview {
  return {
    evidence: [],
    scans: [],
    findings: {
      total: 0,
      scoreBands: [
        { min: 0, max: 24, count: 0 },
        { min: 25, max: 49, count: 0 },
        { min: 50, max: 74, count: 0 },
        { min: 75, max: 100, count: 0 },
      ],
      topRules: [],
      triage: { new: 0, 'needs-review': 0, confirmed: 0, 'false-positive': 0, benign: 0 },
    },
  }
}

/** Settings as a fresh install has them (overridable). */
export function makeSettings(overrides: Partial<AppSettings> = {}): AppSettings {
  return {
    examinerName: '',
    defaultTlp: 'amber',
    theme: 'system',
    customLimits: [],
    scanLimits: {
      maxFileBytes: 256 * 1024 * 1024,
      engineTimeoutMs: 60_000,
      hardDeadlineMs: 90_000,
      matchCapPerPattern: 1000,
      processes: 4,
    },
    ...overrides,
  }
}

/** One audit entry as `audit:list` returns it. */
export function makeAuditEntry(
  seq: number,
  overrides: Partial<AuditListEntry> = {},
): AuditListEntry {
  return {
    seq,
    at: `2026-01-01T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    actor: 'A. Analyst',
    action: 'case.tlp-set',
    subject: null,
    details: { tlp: 'red' },
    hash: seq.toString(16).padStart(64, '0'),
    prevHash: (seq - 1).toString(16).padStart(64, '0'),
    ...overrides,
  }
}
