import { DEFAULT_TLP } from '../../model/tlp'
import type { TlpLevel } from '../../model/tlp'
import type { ExportEvidence, ExportFile, ExportFinding, ExportRule } from '../export-model'
import type { StixIndex } from './read-stix-context'
import { modelTime } from './read-stix-context'
import { DIRECTORY_SCO, FILE_SCO, OBSERVED_DATA, OPINION, SIGHTING } from './read-stix-schemas'
import type { z } from 'zod'
import { uuidOfId } from './stix-objects'

type Sighting = z.infer<typeof SIGHTING>
type FileSco = z.infer<typeof FILE_SCO>

/** What the finding reader needs besides the index. */
export interface FindingContext {
  readonly index: StixIndex
  /** Rules by indicator id (yara indicators only). */
  readonly rules: ReadonlyMap<string, ExportRule>
  /** Evidence by the id of its SCO. */
  readonly evidenceBySco: ReadonlyMap<string, ExportEvidence>
  /** The evidence a hit belongs to when the bundle names none (created on demand). */
  readonly unknownEvidence: () => ExportEvidence
  readonly bundleTlp: TlpLevel | null
}

/** Opinion → triage status, for bundles without `x_outpost_finding`. */
const TRIAGE_OF_OPINION = {
  'strongly-agree': 'confirmed',
  agree: 'confirmed',
  neutral: 'needs-review',
  disagree: 'benign',
  'strongly-disagree': 'false-positive',
} as const

function opinionsBySighting(index: StixIndex): Map<string, ExportFinding['triageStatus']> {
  const out = new Map<string, ExportFinding['triageStatus']>()
  for (const o of index.ofType('opinion')) {
    const opinion = OPINION.safeParse(o)
    if (!opinion.success) continue
    for (const ref of opinion.data.object_refs)
      out.set(ref, TRIAGE_OF_OPINION[opinion.data.opinion])
  }
  return out
}

/** One schema object (the index caches parses per schema). */
const FILE_OR_DIRECTORY = FILE_SCO.or(DIRECTORY_SCO)

/** The hit file, its directory and its evidence SCO id among an observed-data's refs. */
function observedParts(ctx: FindingContext, observedId: string, holder: string) {
  const observed = ctx.index.resolve(observedId, holder, ['observed-data'], OBSERVED_DATA).data
  const refs = observed.object_refs ?? []
  const scos = refs.map((ref) =>
    ctx.index.resolve(ref, observedId, ['file', 'directory'], FILE_OR_DIRECTORY),
  )
  const files = scos.filter((s) => s.object.type === 'file' && !ctx.evidenceBySco.has(s.object.id))
  const hit = files.find((s) => 'parent_directory_ref' in s.data) ?? files[files.length - 1]
  const hitFile = hit === undefined ? undefined : { id: hit.object.id, data: hit.data as FileSco }
  const parentRef = hitFile?.data.parent_directory_ref
  const directory =
    parentRef === undefined
      ? undefined
      : ctx.index.resolve(parentRef, hitFile?.id ?? holder, ['directory'], DIRECTORY_SCO).data
  const evidenceSco =
    refs.find((r) => ctx.evidenceBySco.has(r)) ??
    [...ctx.evidenceBySco.keys()].find((id) => {
      const container = ctx.index.find(id)
      return (
        hitFile !== undefined &&
        Array.isArray(container?.contains_refs) &&
        container.contains_refs.includes(hitFile.id)
      )
    })
  return { observed, hitFile, directory, evidenceSco }
}

function fileOf(
  hit: FileSco | undefined,
  directoryPath: string | null,
  x: Sighting['x_outpost_finding'],
): ExportFile {
  const name = hit?.name ?? hit?.hashes?.['SHA-256'] ?? ''
  const location = x?.location ?? null
  const prefix = location === null ? '' : `${location}/`
  const bare =
    directoryPath !== null && directoryPath.startsWith(prefix)
      ? directoryPath.slice(prefix.length)
      : directoryPath
  const directory = bare === null || bare === '' ? '/' : bare
  const path =
    x?.path ?? (directoryPath === null ? name : `${directoryPath.replace(/\/+$/, '')}/${name}`)
  return {
    path,
    location,
    name,
    directory,
    sizeBytes: hit?.size ?? 0,
    md5: hit?.hashes?.MD5 ?? null,
    sha1: hit?.hashes?.['SHA-1'] ?? null,
    sha256: hit?.hashes?.['SHA-256'] ?? null,
    mime: hit?.mime_type ?? null,
    deleted: x?.deleted ?? false,
    unallocated: x?.unallocated ?? false,
    modified: x === undefined ? (hit?.mtime ?? null) : x.times.modified,
    accessed: x === undefined ? (hit?.atime ?? null) : x.times.accessed,
    changed: x === undefined ? null : x.times.changed,
    born: x === undefined ? (hit?.ctime ?? null) : x.times.born,
  }
}

/**
 * The findings of a partner bundle: one per `sighting` of a YARA indicator, in bundle order.
 *
 * With `x_outpost_finding` every field is read back. Without it (another producer) the defaults
 * are: `findingId` = position (1-based), score 0, triage from an `opinion` on the sighting
 * (agree → confirmed, neutral → needs-review, disagree → benign, strongly-disagree →
 * false-positive) else `new`, TLP of the sighting's marking else the bundle's else amber,
 * `matchCount` = `count` else 1, no matches, location null, not deleted or unallocated,
 * `changed` null, size 0 and name "" when the bundle has no file for it.
 *
 * @throws AppError `BUNDLE_INVALID` when a reference it follows does not resolve.
 */
export function readFindings(ctx: FindingContext): ExportFinding[] {
  const opinions = opinionsBySighting(ctx.index)
  const findings: ExportFinding[] = []
  for (const raw of ctx.index.ofType('sighting')) {
    const finding = findingOf(ctx, raw.id, findings.length + 1, opinions)
    if (finding !== null) findings.push(finding)
  }
  return findings
}

/** One sighting as a finding, or null when it is not the sighting of a YARA indicator. */
function findingOf(
  ctx: FindingContext,
  id: string,
  position: number,
  opinions: ReadonlyMap<string, ExportFinding['triageStatus']>,
): ExportFinding | null {
  const s = ctx.index.resolve(id, id, ['sighting'], SIGHTING).data
  const rule = ctx.rules.get(ctx.index.require(s.sighting_of_ref, id).id)
  if (rule === undefined) return null
  const observedId = s.observed_data_refs?.[0]
  const parts = observedId === undefined ? undefined : observedParts(ctx, observedId, id)
  const x = s.x_outpost_finding
  const evidenceOf = (): string => {
    const sco = parts?.evidenceSco
    return (
      (sco === undefined ? undefined : ctx.evidenceBySco.get(sco))?.uuid ??
      ctx.unknownEvidence().uuid
    )
  }
  return {
    uuid: uuidOfId(id),
    findingId: x?.finding_id ?? position,
    ruleKey: rule.key,
    evidenceUuid: x?.evidence_uuid ?? evidenceOf(),
    tlp: x?.tlp ?? ctx.index.levelOfRefs(s.object_marking_refs) ?? ctx.bundleTlp ?? DEFAULT_TLP,
    score: x?.score ?? 0,
    triageStatus: x?.triage_status ?? opinions.get(id) ?? 'new',
    seenAt: modelTime(s.first_seen ?? parts?.observed.first_observed ?? s.created),
    file: fileOf(parts?.hitFile?.data, parts?.directory?.path ?? null, x),
    matchCount: x?.match_count ?? s.count ?? 1,
    matches: (x?.matches ?? []).map((m) => ({
      identifier: m.identifier,
      offset: m.offset,
      length: m.length,
      excerptHex: m.excerpt_hex,
      excerptSha256: m.excerpt_sha256,
      truncated: m.truncated,
    })),
  }
}
