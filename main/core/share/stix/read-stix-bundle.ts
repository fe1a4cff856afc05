import { createHash } from 'node:crypto'
import { OUTPOST_UUID_NAMESPACE, uuidV5 } from '../../crypto/uuid'
import { AppError } from '../../model/errors'
import type { TlpLevel } from '../../model/tlp'
import { DEFAULT_TLP } from '../../model/tlp'
import type { ExportEvidence, ExportFinding, ExportNote, ExportRule } from '../export-model'
import { RULE_PACK_SOURCE } from './build-stix-bundle'
import { modelTime, StixIndex } from './read-stix-context'
import { readFindings } from './read-stix-findings'
import {
  assertSafeJson,
  DIRECTORY_SCO,
  ENVELOPE,
  FILE_SCO,
  IDENTITY,
  INDICATOR,
  NOTE,
  parseOrThrow,
  REPORT,
} from './read-stix-schemas'
import type { StixObject } from './stix-objects'
import { uuidOfId } from './stix-objects'

/** Longest JSON text accepted by {@link readStixBundle} when given text (512 MiB). */
export const MAX_STIX_JSON_CHARS = 512 * 1024 * 1024

/** What Outpost takes from a partner's STIX bundle: read-only, for display and merging. */
export interface PartnerStix {
  readonly bundleId: string
  /** The report's author identity (else the first identity); null fields when there is none. */
  readonly producer: { readonly name: string | null; readonly identityId: string | null }
  /** The report's `created` (`.sssZ`); null without a report. */
  readonly created: string | null
  /** The most restrictive TLP marking on the report (else on any object); null if none. */
  readonly tlp: TlpLevel | null
  readonly reportName: string | null
  readonly evidence: readonly ExportEvidence[]
  readonly rules: readonly ExportRule[]
  readonly findings: readonly ExportFinding[]
  readonly notes: readonly ExportNote[]
}

function parseText(text: string): unknown {
  if (text.length > MAX_STIX_JSON_CHARS)
    throw new AppError('BUNDLE_INVALID', 'The STIX bundle is larger than 512 MiB.')
  try {
    return JSON.parse(text) as unknown
  } catch (error: unknown) {
    throw new AppError('BUNDLE_INVALID', 'The STIX bundle is not JSON.', { cause: error })
  }
}

/**
 * The evidence SCOs: those with `x_outpost_evidence`, and (other producers) every file or
 * directory that `contains_refs` something — label = name or path, kind file/folder, format null.
 */
function readEvidence(index: StixIndex): Map<string, ExportEvidence> {
  const out = new Map<string, ExportEvidence>()
  for (const o of index.current()) {
    const evidence =
      o.type === 'directory' ? folderEvidence(o) : o.type === 'file' ? fileEvidence(o) : null
    if (evidence !== null) out.set(o.id, evidence)
  }
  return out
}

function folderEvidence(o: StixObject): ExportEvidence | null {
  const d = parseOrThrow(DIRECTORY_SCO, o, o.id)
  const x = d.x_outpost_evidence
  if (x === undefined && (d.contains_refs ?? []).length === 0) return null
  return {
    uuid: x?.uuid ?? uuidOfId(o.id),
    label: x?.label ?? d.path,
    kind: x?.kind ?? 'folder',
    format: x?.format ?? null,
    fileName: x?.file_name ?? null,
    sizeBytes: x?.size_bytes ?? null,
    md5: null,
    sha1: null,
    sha256: null,
  }
}

function fileEvidence(o: StixObject): ExportEvidence | null {
  const f = parseOrThrow(FILE_SCO, o, o.id)
  const x = f.x_outpost_evidence
  if (x === undefined && (f.contains_refs ?? []).length === 0) return null
  return {
    uuid: x?.uuid ?? uuidOfId(o.id),
    label: x?.label ?? f.name ?? uuidOfId(o.id),
    kind: x?.kind ?? 'file',
    format: x?.format ?? null,
    fileName: x === undefined ? (f.name ?? null) : x.file_name,
    sizeBytes: x === undefined ? (f.size ?? null) : x.size_bytes,
    md5: f.hashes?.MD5 ?? null,
    sha1: f.hashes?.['SHA-1'] ?? null,
    sha256: f.hashes?.['SHA-256'] ?? null,
  }
}

/**
 * The rules: one per `indicator` with `pattern_type` "yara", source = pattern. Without
 * `x_outpost_rule` (another producer): namespace `partner`, name = indicator name (else
 * `indicator_<uuid prefix>`), no rule id, pack = the `outpost-rule-pack` reference if any else
 * `partner`/"" with the pattern's SHA-256, no author, score 0, no tags or meta.
 */
function readRules(index: StixIndex): Map<string, ExportRule> {
  const out = new Map<string, ExportRule>()
  const keys = new Set<string>()
  for (const o of index.ofType('indicator')) {
    const i = parseOrThrow(INDICATOR, o, o.id)
    if (i.pattern_type !== 'yara') continue
    const x = i.x_outpost_rule
    const name = i.name ?? `indicator_${uuidOfId(o.id).slice(0, 8)}`
    const namespace = x?.namespace ?? 'partner'
    const plainKey = `${namespace}:${name}`
    const key = keys.has(plainKey) ? `${plainKey}@${uuidOfId(o.id)}` : plainKey
    keys.add(key)
    const pack = packReference(o)
    out.set(o.id, {
      key,
      indicatorUuid: uuidOfId(o.id),
      name,
      namespace,
      ruleId: x?.rule_id ?? null,
      packName: x?.pack_name ?? pack?.name ?? 'partner',
      packVersion: x?.pack_version ?? pack?.version ?? '',
      packSha256:
        x?.pack_sha256 ?? pack?.sha256 ?? createHash('sha256').update(i.pattern).digest('hex'),
      description: i.description ?? null,
      author: x?.author ?? null,
      score: x?.score ?? 0,
      tags: x?.tags ?? [],
      meta: x?.meta ?? {},
      source: i.pattern,
      recordedAt: modelTime(i.valid_from),
    })
  }
  return out
}

function packReference(o: StixObject): { name: string; version: string; sha256: string } | null {
  const refs = Array.isArray(o.external_references) ? (o.external_references as unknown[]) : []
  for (const ref of refs) {
    if (typeof ref !== 'object' || ref === null) continue
    const r = ref as Record<string, unknown>
    if (r.source_name !== RULE_PACK_SOURCE || typeof r.description !== 'string') continue
    const at = r.description.lastIndexOf(' ')
    return {
      name: at < 0 ? r.description : r.description.slice(0, at),
      version: at < 0 ? '' : r.description.slice(at + 1),
      sha256: typeof r.external_id === 'string' ? r.external_id : '',
    }
  }
  return null
}

/**
 * The notes: content, authors joined by ", " (null when none), the first referenced sighting as
 * the finding, TLP from `x_outpost_note`, else the note's marking, else the bundle's, else amber.
 */
function readNotes(
  index: StixIndex,
  findings: readonly ExportFinding[],
  bundleTlp: TlpLevel | null,
): ExportNote[] {
  const findingUuids = new Set(findings.map((f) => f.uuid))
  return index.ofType('note').map((o) => {
    const n = parseOrThrow(NOTE, o, o.id)
    n.object_refs.forEach((ref) => index.require(ref, o.id))
    const finding = n.object_refs.map(uuidOfId).find((u) => findingUuids.has(u))
    return {
      uuid: uuidOfId(o.id),
      findingUuid: finding ?? null,
      author: n.authors === undefined || n.authors.length === 0 ? null : n.authors.join(', '),
      created: modelTime(n.created),
      modified: modelTime(n.modified),
      text: n.content,
      tlp:
        n.x_outpost_note?.tlp ??
        index.levelOfRefs(n.object_marking_refs) ??
        bundleTlp ??
        DEFAULT_TLP,
    }
  })
}

/** Refuse a finding whose `x_outpost_finding.evidence_uuid` names no evidence SCO. */
function assertEvidenceKnown(
  findings: readonly ExportFinding[],
  evidence: readonly ExportEvidence[],
): void {
  const known = new Set(evidence.map((e) => e.uuid))
  const orphan = findings.find((f) => !known.has(f.evidenceUuid))
  if (orphan !== undefined)
    throw new AppError(
      'BUNDLE_INVALID',
      `The STIX bundle is not valid: finding ${orphan.uuid} names evidence ${orphan.evidenceUuid}, which it does not contain.`,
    )
}

/** Producer, time, TLP and name: from the report, else from what the bundle has. */
function readHeader(index: StixIndex) {
  const reportObject = index.ofType('report')[0]
  const report =
    reportObject === undefined ? undefined : parseOrThrow(REPORT, reportObject, reportObject.id)
  const author =
    report?.created_by_ref === undefined ? undefined : index.find(report.created_by_ref)
  const identityObject = author?.type === 'identity' ? author : index.ofType('identity')[0]
  const identity =
    identityObject === undefined
      ? undefined
      : parseOrThrow(IDENTITY, identityObject, identityObject.id)
  const allMarkings = index
    .current()
    .flatMap((o): unknown[] => (Array.isArray(o.object_marking_refs) ? o.object_marking_refs : []))
    .filter((ref) => typeof ref === 'string')
  return {
    producer: { name: identity?.name ?? null, identityId: identityObject?.id ?? null },
    created: report === undefined ? null : modelTime(report.created),
    tlp: index.levelOfRefs(report?.object_marking_refs) ?? index.levelOfRefs(allMarkings),
    reportName: report?.name ?? null,
  }
}

/**
 * Read a partner's STIX 2.1 bundle (parsed JSON, or its text) back into the export model's lists.
 *
 * Untrusted input: the value is first checked for size, depth, over-long strings and prototype
 * keys, then each object Outpost uses is validated with a zod schema; unknown object types are
 * ignored. An Outpost bundle (with its `x_outpost_*` properties) reads back exactly; a plain
 * bundle from another producer gives what it holds, with the defaults documented on the
 * readers (score 0, triage `new`, …). Evidence items not named by the bundle become one
 * placeholder item.
 *
 * @throws AppError `BUNDLE_INVALID` for malformed, oversized or hostile input and for a
 *   reference the reader follows that does not resolve.
 */
export function readStixBundle(json: unknown): PartnerStix {
  const value = typeof json === 'string' ? parseText(json) : json
  assertSafeJson(value)
  const envelope = parseOrThrow(ENVELOPE, value, 'bundle')
  const index = new StixIndex(envelope.objects)
  const header = readHeader(index)
  const evidenceBySco = readEvidence(index)
  const rules = readRules(index)
  const evidence = [...evidenceBySco.values()]
  let unknown: ExportEvidence | undefined
  const unknownEvidence = (): ExportEvidence => {
    unknown ??= {
      uuid: uuidV5(`stix-unknown-evidence:${envelope.id}`, OUTPOST_UUID_NAMESPACE),
      label: '(evidence not named in the bundle)',
      ...{ kind: 'file', format: null, fileName: null, sizeBytes: null },
      ...{ md5: null, sha1: null, sha256: null },
    }
    return unknown
  }
  const findings = readFindings({
    index,
    rules,
    evidenceBySco,
    unknownEvidence,
    bundleTlp: header.tlp,
  })
  const allEvidence = unknown === undefined ? evidence : [...evidence, unknown]
  assertEvidenceKnown(findings, allEvidence)
  return {
    bundleId: uuidOfId(envelope.id),
    ...header,
    evidence: allEvidence,
    rules: [...rules.values()],
    findings,
    notes: readNotes(index, findings, header.tlp),
  }
}
