import type { EvidenceLayout, FileSystemInfo, VolumeInfo } from '../model/evidence'
import type { OpenedImage } from '../evidence/image-layout'
import { containerDetails } from './evidence-repo'
import type { Db } from './open-case-db'

/** Row ids of what {@link recordLayout} stored, by volume index. */
export interface RecordedLayout {
  readonly volumeIds: ReadonlyMap<number, number>
  readonly fileSystemIds: ReadonlyMap<number, number>
}

/** Record an image's volumes and file systems (once; later calls return the stored ids). */
export function recordLayout(db: Db, evidenceId: number, image: OpenedImage): RecordedLayout {
  const findVolume = db.prepare('SELECT id FROM volumes WHERE evidence_id = ? AND idx = ?')
  const insertVolume = db.prepare(
    `INSERT INTO volumes (evidence_id, idx, slot, scheme, start_offset, length, type, mbr_type, name, type_guid, guid, problem)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  db.prepare('UPDATE evidence SET sector_size = ?, layout_warnings = ? WHERE id = ?').run(
    image.layout.sectorSize,
    JSON.stringify(image.layout.warnings),
    evidenceId,
  )
  const findFs = db.prepare('SELECT id FROM filesystems WHERE volume_id = ?')
  const insertFs = db.prepare(
    `INSERT INTO filesystems (evidence_id, volume_id, kind, label, start_offset, size_bytes, cluster_size, details_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const volumeIds = new Map<number, number>()
  const fileSystemIds = new Map<number, number>()
  for (const { volume, fileSystem, problem } of image.volumes) {
    const known = findVolume.get(evidenceId, volume.index) as { id: number } | undefined
    const volumeId =
      known?.id ??
      Number(
        insertVolume.run(
          evidenceId,
          volume.index,
          volume.slot,
          volume.scheme,
          volume.start,
          volume.length,
          volume.type,
          volume.mbrType,
          volume.name,
          volume.typeGuid,
          volume.guid,
          problem,
        ).lastInsertRowid,
      )
    volumeIds.set(volume.index, volumeId)
    if (fileSystem === null) continue
    const knownFs = findFs.get(volumeId) as { id: number } | undefined
    const fsId =
      knownFs?.id ??
      Number(
        insertFs.run(
          evidenceId,
          volumeId,
          fileSystem.kind,
          fileSystem.label,
          volume.start,
          fileSystem.source.size,
          fileSystem.clusterSize,
          JSON.stringify(fileSystem.details),
        ).lastInsertRowid,
      )
    fileSystemIds.set(volume.index, fsId)
  }
  return { volumeIds, fileSystemIds }
}

interface VolumeRow {
  id: number
  idx: number
  slot: string
  scheme: 'mbr' | 'gpt' | 'none'
  start_offset: number
  length: number
  type: string
  name: string | null
  problem: string | null
  fs_id: number | null
  fs_kind: string | null
  fs_label: string | null
  fs_start: number | null
  fs_size: number | null
  fs_cluster: number | null
}

/** The recorded layout of an image evidence item, for the evidence view and `inspect`. */
export function readLayout(db: Db, evidenceId: number): EvidenceLayout {
  const evidence = db
    .prepare(
      'SELECT container_format, size_bytes, sector_size, layout_warnings FROM evidence WHERE id = ?',
    )
    .get(evidenceId) as
    | {
        container_format: string | null
        size_bytes: number | null
        sector_size: number | null
        layout_warnings: string | null
      }
    | undefined
  const rows = db
    .prepare(
      `SELECT v.id, v.idx, v.slot, v.scheme, v.start_offset, v.length, v.type, v.name, v.problem,
         f.id AS fs_id, f.kind AS fs_kind, f.label AS fs_label, f.start_offset AS fs_start,
         f.size_bytes AS fs_size, f.cluster_size AS fs_cluster
       FROM volumes v LEFT JOIN filesystems f ON f.volume_id = v.id
       WHERE v.evidence_id = ? ORDER BY v.idx`,
    )
    .all(evidenceId) as VolumeRow[]
  return {
    evidenceId,
    containerFormat: evidence?.container_format ?? null,
    containerDetails: containerDetails(db, evidenceId),
    mediaSize: evidence?.size_bytes ?? null,
    scheme: rows[0]?.scheme ?? null,
    sectorSize: evidence?.sector_size ?? null,
    warnings: evidence?.layout_warnings ? (JSON.parse(evidence.layout_warnings) as string[]) : [],
    volumes: rows.map(toVolumeInfo),
  }
}

function toVolumeInfo(row: VolumeRow): VolumeInfo {
  const fileSystem: FileSystemInfo | null =
    row.fs_id === null
      ? null
      : {
          id: row.fs_id,
          kind: row.fs_kind ?? '',
          label: row.fs_label,
          startOffset: row.fs_start ?? 0,
          sizeBytes: row.fs_size ?? 0,
          clusterSize: row.fs_cluster ?? 0,
        }
  return {
    id: row.id,
    index: row.idx,
    slot: row.slot,
    scheme: row.scheme,
    startOffset: row.start_offset,
    length: row.length,
    type: row.type,
    name: row.name,
    fileSystem,
    problem: row.problem,
  }
}
