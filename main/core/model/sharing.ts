import type { TlpLevel } from './tlp'

/** A signing key of this workbench, as the UI and CLI show it (never the secret). */
export interface SigningKeyView {
  readonly keyId: string
  readonly org: string
  readonly contact: string | null
  readonly createdAt: string
  /** The two-line minisign `.pub` text. */
  readonly publicKeyText: string
  /** The `RW…` string for `minisign -P`. */
  readonly publicKeyBase64: string
  /** First 128 bits of SHA-256 of the key, in groups of four hex digits, to read out. */
  readonly fingerprint: string
  /** What seals the secret at rest. */
  readonly protection: 'os-keychain' | 'passphrase'
}

/** A partner key in the trust store. */
export interface TrustedKeyView {
  readonly keyId: string
  readonly org: string
  readonly fingerprint: string
  readonly addedAt: string
  readonly addedBy: string
  readonly note: string | null
}

/** What an export wrote. */
export interface ExportResult {
  readonly zipPath: string
  readonly signaturePath: string
  readonly bundleId: string
  readonly sizeBytes: number
  readonly findings: number
  readonly rules: number
  readonly withheldAboveTlp: number
  readonly tlp: TlpLevel
  readonly redaction: string
  readonly keyId: string
}

/** One check a verification passed. */
export interface VerificationCheck {
  readonly check: string
  readonly detail: string
}

/** What `verify` reports about a partner's bundle that passed every check. */
export interface VerificationView {
  readonly fileName: string
  readonly zipSha256: string
  readonly bundleId: string
  readonly created: string
  readonly tlp: TlpLevel
  readonly caseName: string
  readonly signer: {
    readonly keyId: string
    readonly status: 'own' | 'trusted' | 'unknown'
    readonly org: string | null
    readonly fingerprint: string
    readonly trustedComment: string
  }
  readonly outerSignature: 'valid' | 'absent'
  readonly checks: readonly VerificationCheck[]
  readonly counts: { readonly findings: number; readonly rules: number; readonly evidence: number }
}

/** A partner bundle imported into the case. */
export interface PartnerBundleView {
  readonly id: number
  readonly bundleId: string
  readonly sourceName: string
  readonly producerOrg: string
  readonly producerKeyId: string | null
  readonly signerStatus: 'own' | 'trusted' | 'unknown' | 'unsigned'
  readonly tlp: TlpLevel
  readonly created: string
  readonly caseName: string
  readonly reportName: string
  readonly importedAt: string
  readonly importedBy: string
  readonly findingCount: number
  readonly ruleCount: number
}

/** What an import did. */
export interface ImportResult {
  readonly bundle: PartnerBundleView
  readonly verification: VerificationView
  /** True when this exact bundle was already in the case (nothing was added). */
  readonly alreadyImported: boolean
}

/** One of a partner's findings, read-only, as they sent it. */
export interface PartnerFindingRow {
  readonly id: number
  readonly findingUuid: string
  readonly ruleName: string
  readonly ruleNamespace: string
  readonly packName: string
  readonly packVersion: string
  readonly score: number
  readonly triageStatus: string
  readonly tlp: TlpLevel
  readonly evidenceLabel: string
  readonly location: string | null
  readonly path: string
  readonly sha256: string | null
  readonly sizeBytes: number
  readonly matchCount: number
  readonly seenAt: string
  /** The same SHA-256 is in this case's own files. */
  readonly seenHere: boolean
}

/** A page of a partner's findings. */
export interface PartnerFindingPage {
  readonly total: number
  readonly rows: readonly PartnerFindingRow[]
}
