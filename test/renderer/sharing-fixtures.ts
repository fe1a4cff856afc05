import type { NoteView } from '../../main/core/model/notes'
import type {
  ExportResult,
  PartnerBundleView,
  PartnerFindingRow,
  SigningKeyView,
  TrustedKeyView,
  VerificationView,
} from '../../main/core/model/sharing'

const FINGERPRINT = 'A1B2 C3D4 E5F6 0718 293A 4B5C 6D7E 8F90'

/** One of this workbench's signing keys (passphrase-protected by default). */
export function makeSigningKey(overrides: Partial<SigningKeyView> = {}): SigningKeyView {
  return {
    keyId: '0123456789ABCDEF',
    org: 'CERT Lantern',
    contact: 'soc@lantern.example',
    createdAt: '2024-05-01T09:00:00.000Z',
    publicKeyText: 'untrusted comment: minisign public key 0123456789ABCDEF\nRWQBI0VniavN7w==',
    publicKeyBase64: 'RWQBI0VniavN7w==',
    fingerprint: FINGERPRINT,
    protection: 'passphrase',
    ...overrides,
  }
}

/** A partner key in the trust store. */
export function makeTrustedKey(overrides: Partial<TrustedKeyView> = {}): TrustedKeyView {
  return {
    keyId: 'FEDCBA9876543210',
    org: 'Harbour CSIRT',
    fingerprint: 'FFFF EEEE DDDD CCCC BBBB AAAA 9999 8888',
    addedAt: '2024-05-02T08:00:00.000Z',
    addedBy: 'A. Analyst',
    note: 'Compared by phone with J. Doe',
    ...overrides,
  }
}

/** What `share:export` returns. */
export function makeExportResult(overrides: Partial<ExportResult> = {}): ExportResult {
  return {
    zipPath: '/exports/lantern-2024-117.zip',
    signaturePath: '/exports/lantern-2024-117.zip.minisig',
    bundleId: 'b0000000-0000-4000-8000-000000000001',
    sizeBytes: 48_213,
    findings: 12,
    rules: 5,
    withheldAboveTlp: 0,
    tlp: 'amber',
    redaction: 'partner',
    keyId: '0123456789ABCDEF',
    ...overrides,
  }
}

/** What `share:verify` reports about a bundle that passed. */
export function makeVerification(overrides: Partial<VerificationView> = {}): VerificationView {
  return {
    fileName: 'harbour-report.zip',
    zipSha256: 'ab'.repeat(32),
    bundleId: 'b0000000-0000-4000-8000-000000000002',
    created: '2024-05-03T12:00:00.000Z',
    tlp: 'amber',
    caseName: 'Harbour intrusion',
    signer: {
      keyId: 'FEDCBA9876543210',
      status: 'trusted',
      org: 'Harbour CSIRT',
      fingerprint: 'FFFF EEEE DDDD CCCC BBBB AAAA 9999 8888',
      trustedComment: 'Harbour CSIRT report 2024-05-03',
    },
    outerSignature: 'valid',
    checks: [
      { check: 'Outer signature', detail: 'harbour-report.zip.minisig' },
      { check: 'SHA256SUMS signature', detail: 'Ed25519' },
      { check: 'File hashes', detail: '9 files' },
    ],
    counts: { findings: 7, rules: 3, evidence: 1 },
    ...overrides,
  }
}

/** A partner bundle imported into the case. */
export function makeBundle(overrides: Partial<PartnerBundleView> = {}): PartnerBundleView {
  return {
    id: 1,
    bundleId: 'b0000000-0000-4000-8000-000000000002',
    sourceName: 'harbour-report.zip',
    producerOrg: 'Harbour CSIRT',
    producerKeyId: 'FEDCBA9876543210',
    signerStatus: 'trusted',
    tlp: 'amber',
    created: '2024-05-03T12:00:00.000Z',
    caseName: 'Harbour intrusion',
    reportName: 'Harbour intrusion — triage',
    importedAt: '2024-05-04T07:30:00.000Z',
    importedBy: 'A. Analyst',
    findingCount: 7,
    ruleCount: 3,
    ...overrides,
  }
}

/** One of a partner's findings. */
export function makePartnerRow(overrides: Partial<PartnerFindingRow> = {}): PartnerFindingRow {
  return {
    id: 1,
    findingUuid: 'f0000000-0000-4000-8000-000000000001',
    ruleName: 'Harbour_Loader',
    ruleNamespace: 'default',
    packName: 'harbour-rules',
    packVersion: '2.0.1',
    score: 90,
    triageStatus: 'confirmed',
    tlp: 'amber',
    evidenceLabel: 'Mail server',
    location: null,
    path: '/var/tmp/.x/loader.sh',
    sha256: 'cd'.repeat(32),
    sizeBytes: 2048,
    matchCount: 3,
    seenAt: '2024-05-03T11:00:00.000Z',
    seenHere: false,
    ...overrides,
  }
}

/** A note on a finding. */
export function makeNote(overrides: Partial<NoteView> = {}): NoteView {
  return {
    id: 1,
    uuid: 'a0000000-0000-4000-8000-000000000001',
    findingId: 1,
    author: 'A. Analyst',
    createdAt: '2024-05-01T12:00:00.000Z',
    body: 'Seen on the mail server too.',
    tlp: null,
    ...overrides,
  }
}
