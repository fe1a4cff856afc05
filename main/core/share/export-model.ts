import type { TlpLevel } from '../model/tlp'

/**
 * Everything one report bundle says, gathered from the case database after the TLP filter and
 * the redaction profile have been applied. Every writer (STIX, MISP, HTML, CSV, README) renders
 * this model and nothing else, so what one format shares the others share too.
 *
 * Deterministic by construction: ids are UUIDv5 of case facts and times come from the case, never
 * from the clock, so exporting the same case state twice gives the same model (and bytes).
 * Lists are in a stable order (evidence by label, rules by namespace/name, findings by id).
 */
export interface ExportModel {
  /** UUID (v5) of this export: case, audit head, TLP, redaction and filter. */
  readonly bundleId: string
  /** ISO-8601 UTC with milliseconds: the time of the last case change the export includes. */
  readonly created: string
  /** The export's TLP: nothing inside is marked above it. */
  readonly tlp: TlpLevel
  readonly producer: ExportProducer
  readonly case: ExportCase
  readonly redaction: ExportRedaction
  readonly evidence: readonly ExportEvidence[]
  readonly rules: readonly ExportRule[]
  readonly findings: readonly ExportFinding[]
  readonly notes: readonly ExportNote[]
  readonly scans: readonly ExportScan[]
  /** What was not fully scanned, per evidence and reason. */
  readonly coverage: readonly ExportCoverage[]
  /** What the TLP limit and the finding filter left out (counts only: never the items). */
  readonly withheld: ExportWithheld
  readonly audit: ExportAudit
}

/** Who sends the bundle. */
export interface ExportProducer {
  /** Organisation name as the analyst set it with the signing key (e.g. "Example CERT"). */
  readonly org: string
  /** UUID of the organisation (the STIX identity and MISP Orgc uuid): v5 of the key id or org. */
  readonly orgUuid: string
  readonly tool: 'Outpost'
  readonly toolVersion: string
  /** The minisign key id (16 upper-case hex digits) of the signing key; null when unsigned. */
  readonly keyId: string | null
  /** The examiner who made the export; null when the redaction profile removes analyst names. */
  readonly examiner: string | null
}

export interface ExportCase {
  readonly uuid: string
  readonly name: string
  /** Null when absent or redacted. */
  readonly caseNumber: string | null
  readonly description: string | null
}

/** The redaction applied, as recorded in the manifest. */
export interface ExportRedaction {
  /** Profile name: `none`, `partner` or `strict` (see redaction.ts). */
  readonly profile: string
  /** The rules it applied, e.g. `analyst-names`, `path-user-names`, `case-number`, `excerpts`. */
  readonly rules: readonly string[]
  /** How many values each rule replaced. */
  readonly replaced: Readonly<Record<string, number>>
}

/** One evidence item (an image, a file or a folder), as the partner may know it. */
export interface ExportEvidence {
  /** The evidence's case UUID (stable across exports). */
  readonly uuid: string
  readonly label: string
  readonly kind: 'folder' | 'file' | 'image'
  /** Container format when it is an image (`raw`, `split-raw`, `ewf`, …), else null. */
  readonly format: string | null
  /** File name of the evidence (never the analyst's host path); null for folders. */
  readonly fileName: string | null
  readonly sizeBytes: number | null
  readonly md5: string | null
  readonly sha1: string | null
  readonly sha256: string | null
}

/** A rule that matched at least one exported finding. */
export interface ExportRule {
  /** Stable key inside the model: `namespace:name`. */
  readonly key: string
  /** UUID (v5 of the pack sha256 and the rule key) — the STIX indicator and the MISP yara object. */
  readonly indicatorUuid: string
  readonly name: string
  readonly namespace: string
  /** The rule's own `id` meta when it has one. */
  readonly ruleId: string | null
  readonly packName: string
  readonly packVersion: string
  /** SHA-256 of the pack's manifest (or canonical file listing). */
  readonly packSha256: string
  readonly description: string | null
  readonly author: string | null
  readonly score: number
  readonly tags: readonly string[]
  readonly meta: Readonly<Record<string, string | number | boolean>>
  /** The self-contained rule text (its imports, the private rules it needs, then the rule). */
  readonly source: string
  /** When the pack was first recorded in the case (ISO-8601 UTC with ms): the indicator's valid_from. */
  readonly recordedAt: string
}

/** One finding: a rule matched a file (or a block of unallocated space) in an evidence item. */
export interface ExportFinding {
  /** UUID (v5 of the case uuid and the finding id) — the STIX sighting. */
  readonly uuid: string
  /** The case's finding id (for cross-reference with the sender). */
  readonly findingId: number
  readonly ruleKey: string
  readonly evidenceUuid: string
  readonly tlp: TlpLevel
  readonly score: number
  readonly triageStatus: 'new' | 'needs-review' | 'confirmed' | 'false-positive' | 'benign'
  /** When the match was recorded (ISO-8601 UTC with ms). */
  readonly seenAt: string
  readonly file: ExportFile
  readonly matchCount: number
  /** The matched strings (capped per finding; `matchCount` is the full count). */
  readonly matches: readonly ExportMatch[]
}

/** The file a finding is about. */
export interface ExportFile {
  /** Path inside the evidence, `/`-separated, after redaction. */
  readonly path: string
  /** Volume and file system inside an image (`volume 1 (NTFS) › ntfs "OS"`), null for host files. */
  readonly location: string | null
  /** Last path component. */
  readonly name: string
  /** Folder part of `path` (`/` for the root). */
  readonly directory: string
  readonly sizeBytes: number
  readonly md5: string | null
  readonly sha1: string | null
  readonly sha256: string | null
  readonly mime: string | null
  readonly deleted: boolean
  /** A block of unallocated space rather than a file. */
  readonly unallocated: boolean
  /** Times as stored (ISO-8601 UTC, nanoseconds), null where unknown. */
  readonly modified: string | null
  readonly accessed: string | null
  readonly changed: string | null
  readonly born: string | null
}

/** One matched string. */
export interface ExportMatch {
  readonly identifier: string
  readonly offset: number
  readonly length: number
  /** The matched bytes (capped), lower-case hex; null when the redaction replaced it. */
  readonly excerptHex: string | null
  /** SHA-256 of the captured excerpt bytes (always present: what a redacted excerpt leaves). */
  readonly excerptSha256: string
  /** The excerpt is shorter than the match. */
  readonly truncated: boolean
}

/** An analyst comment on a finding (or on the case when `findingUuid` is null). */
export interface ExportNote {
  /** UUID (v5 of the case uuid and the note id) — the STIX note. */
  readonly uuid: string
  readonly findingUuid: string | null
  /** Null when analyst names are redacted. */
  readonly author: string | null
  readonly created: string
  readonly modified: string
  readonly text: string
  readonly tlp: TlpLevel
}

/** A scan whose findings are exported: the method section of the report. */
export interface ExportScan {
  readonly uuid: string
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly status: string
  readonly appVersion: string
  readonly engine: string
  /** `@litko/yara-x-linux-x64-gnu@0.7.2` */
  readonly binding: string
  readonly packs: readonly {
    readonly name: string
    readonly version: string
    readonly sha256: string
  }[]
  readonly filesScanned: number
  readonly bytesScanned: number
}

/** Files not fully scanned for one reason in one evidence item. */
export interface ExportCoverage {
  readonly evidenceUuid: string
  readonly reason: string
  readonly count: number
}

/** What was left out, so the partner knows the export is partial. */
export interface ExportWithheld {
  readonly findingsAboveTlp: number
  readonly notesAboveTlp: number
  readonly findingsFiltered: number
}

/** The audit entries the bundle carries, and the chain head they end at. */
export interface ExportAudit {
  readonly entries: readonly ExportAuditEntry[]
  readonly head: { readonly seq: number; readonly hash: string } | null
  /** True when redaction changed entries: their hashes then cannot be recomputed (links still can). */
  readonly redacted: boolean
}

/** One audit entry as in the case's chain. */
export interface ExportAuditEntry {
  readonly seq: number
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly subject: string | null
  /** The canonical JSON text of the details, as hashed. */
  readonly details: string
  readonly prevHash: string
  readonly hash: string
}
