import type { CaseInfo } from '../../main/core/model/case'
import type { Evidence } from '../../main/core/model/evidence'
import type { FindingDetail, FindingRow } from '../../main/core/model/findings'
import type { ScanProgress, ScanSummary } from '../../main/core/model/scan'
import type { AppInfo } from '../../main/ipc/contract'
import type { Responses } from './fake-bridge'
import { makeEmptyOverview, makeSettings } from './workbench-fixtures'

/** A case as `case:create` / `case:open` return it. */
export function makeCase(overrides: Partial<CaseInfo> = {}): CaseInfo {
  return {
    uuid: 'c0ffee00-0000-4000-8000-000000000001',
    name: 'Operation Lantern',
    caseNumber: '2024-117',
    examiner: 'A. Analyst',
    description: null,
    defaultTlp: 'amber',
    createdAt: '2024-05-01T10:00:00.000Z',
    appVersion: '0.1.0',
    path: '/cases/lantern.outpost',
    schemaVersion: 1,
    ...overrides,
  }
}

/** An evidence item (a folder by default). */
export function makeEvidence(overrides: Partial<Evidence> = {}): Evidence {
  return {
    id: 1,
    uuid: 'e0000000-0000-4000-8000-000000000001',
    label: 'USB stick',
    kind: 'folder',
    sourcePath: '/mnt/usb',
    sizeBytes: null,
    fileCount: null,
    sha256: null,
    md5: null,
    sha1: null,
    manifestSha256: null,
    addedAt: '2024-05-01T10:05:00.000Z',
    addedBy: 'A. Analyst',
    containerFormat: null,
    containerFiles: [],
    storedMd5: null,
    storedSha1: null,
    integrity: 'not-applicable',
    integrityDetail: null,
    hashedAt: null,
    ...overrides,
  }
}

/** A scan summary (completed by default). */
export function makeScan(overrides: Partial<ScanSummary> = {}): ScanSummary {
  return {
    id: 1,
    uuid: '50000000-0000-4000-8000-000000000001',
    status: 'completed',
    kind: 'scan',
    startedAt: '2024-05-01T11:00:00.000Z',
    finishedAt: '2024-05-01T11:02:00.000Z',
    evidenceIds: [1],
    packs: [{ name: 'outpost-default', version: '1.2.0' }],
    ruleSetSha256: 'ab'.repeat(32),
    ruleCount: 42,
    engine: 'yara-x 1.0.0',
    limits: {
      maxFileBytes: 512 * 1024 * 1024,
      engineTimeoutMs: 30_000,
      hardDeadlineMs: 120_000,
      matchCapPerPattern: 1000,
      excerptBytes: 64,
      processes: 2,
    },
    filesScanned: 1000,
    bytesScanned: 5_000_000,
    findingCount: 3,
    coverage: { 'too-large': 2, symlink: 1 },
    error: null,
    ...overrides,
  }
}

/** A progress event of a running scan. */
export function makeProgress(overrides: Partial<ScanProgress> = {}): ScanProgress {
  return {
    scanId: 7,
    phase: 'scanning',
    filesDone: 250,
    filesTotal: 1000,
    walkComplete: true,
    bytesDone: 2.5 * 1024 * 1024,
    bytesTotal: 10 * 1024 * 1024,
    findings: 4,
    filesPerSecond: 125,
    bytesPerSecond: 1_250_000,
    etaSeconds: 6,
    status: 'running',
    ...overrides,
  }
}

/** A findings-table row. */
export function makeFindingRow(overrides: Partial<FindingRow> = {}): FindingRow {
  return {
    id: 1,
    scanId: 1,
    ruleName: 'Suspicious_PowerShell',
    ruleNamespace: 'default',
    packName: 'outpost-default',
    packVersion: '1.2.0',
    score: 80,
    triageStatus: 'new',
    tlp: null,
    evidenceLabel: 'USB stick',
    location: null,
    path: '/mnt/usb/run.ps1',
    deleted: false,
    unallocated: false,
    mime: 'text/plain',
    fileType: 'PowerShell script',
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    sizeBytes: 1234,
    matchCount: 2,
    ruleState: null,
    suppression: null,
    superseded: null,
    tags: [],
    ...overrides,
  }
}

/** The detail of the finding {@link makeFindingRow} describes. */
export function makeDetail(overrides: Partial<FindingDetail> = {}): FindingDetail {
  const finding = makeFindingRow()
  return {
    finding,
    rule: {
      name: finding.ruleName,
      namespace: 'default',
      ruleId: 'OUT-0042',
      packName: finding.packName,
      packVersion: finding.packVersion,
      description: 'PowerShell download cradle',
      author: 'Outpost team',
      tags: ['powershell', 'loader'],
      meta: { severity: 'high', score: 80, reviewed: true },
      source: null,
    },
    file: {
      id: 7,
      path: finding.path,
      evidenceLabel: finding.evidenceLabel,
      sizeBytes: 1234,
      md5: 'd41d8cd98f00b204e9800998ecf8427e',
      sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      sha256: finding.sha256,
      mime: 'text/plain',
      fileType: 'PowerShell script',
      entropy: 4.5678,
      owner: 'uid 1000',
      times: {
        modified: '2024-04-30T08:15:30.123456789Z',
        accessed: null,
        changed: '2024-04-30T08:15:30Z',
        born: null,
      },
      timeNote: null,
      inode: null,
      imageOffset: null,
      metadata: {
        owner: 'uid 1000',
        group: null,
        mode: null,
        linkTarget: null,
        stream: null,
        fileNameTimes: null,
        encrypted: false,
        flags: [],
      },
    },
    matches: [
      // "IEX(\n" then NUL and 0xff
      {
        identifier: '$iex',
        offset: 4660,
        length: 7,
        excerptHex: '494558280a00ff',
        truncated: false,
        imageOffset: null,
      },
    ],
    moreMatches: 0,
    ...overrides,
  }
}

/** Versions `app:info` reports. */
export const APP_INFO: AppInfo = {
  appVersion: '0.1.0',
  engine: 'yara-x 1.0.0',
  bindingVersion: '0.7.2',
  platform: 'linux-x64',
  transport: 'electron',
}

/** Answers every panel needs to render without errors, for an open case with no data. */
export function baseResponses(): Responses {
  return {
    'app:info': { value: APP_INFO },
    'case:current': { value: null },
    'case:recent': { value: [] },
    'evidence:list': { value: [] },
    'rules:store': { value: [] },
    'scan:list': { value: [] },
    'scan:active': { value: null },
    'findings:list': { value: { total: 0, rows: [] } },
    'coverage:list': { value: { total: 0, rows: [] } },
    'notes:list': { value: [] },
    'rules:states': { value: [] },
    'suppressions:list': { value: [] },
    'case:overview': { value: makeEmptyOverview() },
    'settings:get': { value: makeSettings() },
    'audit:list': { value: { total: 0, entries: [] } },
    'findings:facets': {
      value: { rules: [], packs: [], tags: [], triage: [], tlp: [], evidence: [], fileTypes: [] },
    },
    'tags:list': { value: [] },
    // The finding detail's hex view reads zeros; its related lists are empty.
    'files:read': (input) => {
      const { fileId, offset, length } = input as { fileId: number; offset: number; length: number }
      return {
        ok: true,
        value: { fileId, offset, bytesHex: '00'.repeat(length), sizeBytes: offset + length },
      }
    },
    'findings:related': {
      value: { sameHash: { total: 0, items: [] }, sameFile: { total: 0, items: [] } },
    },
  }
}
