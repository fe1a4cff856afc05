import type { ExportEvidence, ExportFile, ExportFinding } from '../export-model'
import { scoId } from './stix-ids'
import type { StixObject } from './stix-objects'
import { toStixTime } from './stix-objects'

/**
 * A copy of `properties` without its `undefined` values, keys in the same order.
 *
 * How optional STIX properties are left out: the schema's custom-property rule rejects `null`
 * and empty arrays at the top level of an object.
 */
export function definedOnly<T extends Record<string, unknown>>(properties: T): T {
  return Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined)) as T
}

/**
 * The STIX `hashes` dictionary of what we know (keys exactly `MD5`, `SHA-1`, `SHA-256`), or
 * undefined when nothing is known.
 *
 * Always the same set for the same file, so its SCO id does not change between exports.
 */
export function stixHashes(known: {
  readonly md5: string | null
  readonly sha1: string | null
  readonly sha256: string | null
}): Readonly<Record<string, string>> | undefined {
  const hashes = definedOnly({
    MD5: known.md5?.toLowerCase() ?? undefined,
    'SHA-1': known.sha1?.toLowerCase() ?? undefined,
    'SHA-256': known.sha256?.toLowerCase() ?? undefined,
  })
  return Object.keys(hashes).length === 0 ? undefined : (hashes as Record<string, string>)
}

/**
 * The directory path a partner sees for a finding's file: `<location>/<directory>`, or the
 * directory alone for a host file, `/`-separated.
 */
export function findingDirectoryPath(file: ExportFile): string {
  if (file.location === null) return file.directory
  return `${file.location}/${file.directory.replace(/^\/+/, '')}`
}

function requireId(id: string | null, what: string): string {
  if (id === null) throw new Error(`stix: ${what} has no id-contributing property`)
  return id
}

/**
 * The SCO that stands for an evidence item: a `file` (name, size, hashes) for an image or file,
 * a `directory` (path = label) for a folder.
 *
 * `x_outpost_evidence` keeps what STIX has no property for (case uuid, label, kind, format), so
 * another Outpost reads the item back exactly. `contains_refs` lists the files hit in it.
 */
export function evidenceObservable(
  evidence: ExportEvidence,
  containsRefs: readonly string[],
  markingId: string,
): StixObject {
  const custom = {
    uuid: evidence.uuid,
    label: evidence.label,
    kind: evidence.kind,
    format: evidence.format,
    file_name: evidence.fileName,
    // A directory SCO has no size: kept here for folders (and for files, to read back exactly).
    size_bytes: evidence.sizeBytes,
  }
  const contains = containsRefs.length === 0 ? undefined : containsRefs
  if (evidence.kind === 'folder') {
    const id = requireId(scoId('directory', { path: evidence.label }), 'folder evidence')
    return definedOnly({
      type: 'directory',
      spec_version: '2.1',
      id,
      path: evidence.label,
      contains_refs: contains,
      object_marking_refs: [markingId],
      x_outpost_evidence: custom,
    })
  }
  const name = evidence.fileName ?? evidence.label
  const hashes = stixHashes(evidence)
  const id = requireId(scoId('file', { hashes, name }), 'evidence file')
  return definedOnly({
    type: 'file',
    spec_version: '2.1',
    id,
    name,
    size: evidence.sizeBytes ?? undefined,
    hashes,
    contains_refs: contains,
    object_marking_refs: [markingId],
    x_outpost_evidence: custom,
  })
}

/** The `directory` SCO of a finding's file (see {@link findingDirectoryPath}). */
export function findingDirectory(finding: ExportFinding, markingId: string): StixObject {
  const path = findingDirectoryPath(finding.file)
  const id = requireId(scoId('directory', { path }), 'directory')
  return { type: 'directory', spec_version: '2.1', id, path, object_marking_refs: [markingId] }
}

/**
 * The `file` SCO of a finding: name, size, hashes, MIME type, parent directory and the times
 * STIX has (ctime = born, mtime = modified, atime = accessed; milliseconds only).
 *
 * A block of unallocated space has no hashes; its name (the block range) is enough for STIX.
 */
export function findingFile(
  finding: ExportFinding,
  directoryId: string,
  markingId: string,
): StixObject {
  const file = finding.file
  const hashes = stixHashes(file)
  const id = requireId(
    scoId('file', { hashes, name: file.name, parent_directory_ref: directoryId }),
    'file',
  )
  return definedOnly({
    type: 'file',
    spec_version: '2.1',
    id,
    name: file.name,
    size: file.sizeBytes,
    hashes,
    mime_type: file.mime ?? undefined,
    parent_directory_ref: directoryId,
    ctime: toStixTime(file.born) ?? undefined,
    mtime: toStixTime(file.modified) ?? undefined,
    atime: toStixTime(file.accessed) ?? undefined,
    object_marking_refs: [markingId],
  })
}
