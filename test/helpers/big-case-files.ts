/**
 * The files of a generated case (big-case.ts): Windows-like rows with sizes, hashes, MIME types,
 * NTFS-like times (some back-dated, some deleted, a few streams), their folders as directory
 * rows (the evidence browser lists by parent), and a few real files on disk for the hex view.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parentPath } from '../../main/core/case/files-repo'
import type { Db } from '../../main/core/case/open-case-db'
import { digest, generatePath, generateSize, generateTime, pick } from './big-case-data'
import { NAME_PAYLOADS, TEXT_PAYLOADS } from './xss-payloads'

/** Files generated. */
export interface InsertedFiles {
  readonly bytes: number
  readonly sizes: readonly number[]
  readonly real: { fileId: number; path: string }[]
  /** Offsets of the planted strings in the real files. */
  readonly realOffsets: readonly number[]
}

/** Where the top rule's three strings sit in each real file. */
export const REAL_OFFSETS = [0x200, 0x840, 0x1c00]

export function insertFiles(
  db: Db,
  random: () => number,
  evidenceId: number,
  evidenceDir: string,
  scanId: number,
  count: number,
  realCount: number,
  hostile: boolean,
): InsertedFiles {
  const insert = db.prepare(
    `INSERT INTO files (id, evidence_id, entry_key, path, parent_path, name, kind, size_bytes, inode,
       owner, modified_at, accessed_at, changed_at, born_at, fn_modified_at, fn_born_at, md5, sha1,
       sha256, mime, file_type, entropy, deleted, recoverable, stream)
     VALUES (?, ?, ?, ?, ?, ?, 'file', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const scanned = db.prepare(
    `INSERT INTO scan_files (scan_id, file_id, scanned, how) VALUES (?, ?, 1, 'scanned')`,
  )
  const folders = new Set<string>()
  const sizes: number[] = []
  const real: { fileId: number; path: string }[] = []
  let bytes = 0
  for (let i = 0; i < count; i += 1) {
    const generated = generatePath(random, i)
    let { path, name } = generated
    let size = generateSize(random)
    let sha256 = digest('sha256', `content ${i % 997 === 5 ? i - 1 : i}`)
    if (i < realCount) {
      const folder =
        hostile && i % 2 === 1 ? `C/Users/alice/${NAME_PAYLOADS[2]}` : 'C/Users/alice/Downloads'
      name = hostile ? `${NAME_PAYLOADS[i % NAME_PAYLOADS.length]} ${i}.exe` : `dropper-${i}.exe`
      path = `${folder}/${name}`
      const content = realContent(random, i, hostile)
      mkdirSync(join(evidenceDir, folder), { recursive: true })
      writeFileSync(join(evidenceDir, path), content)
      size = content.length
      sha256 = digest('sha256', content.toString('latin1'))
      real.push({ fileId: i + 1, path })
    }
    for (let p = parentPath(path); p !== ''; p = parentPath(p)) folders.add(p)
    const deleted = i >= realCount && random() < 0.03
    const modified = generateTime(random)
    // NTFS-like: $FILE_NAME times beside $STANDARD_INFORMATION; 2% look back-dated.
    const stomped = random() < 0.02 ? generateTime(random, 365, Date.UTC(2019, 0, 1)) : null
    insert.run(
      i + 1,
      evidenceId,
      path,
      path,
      parentPath(path),
      name,
      size,
      String(1000 + i),
      pick(random, ['S-1-5-21-3623811015-3361044348-30300820-1001', 'alice', 'SYSTEM']),
      stomped ?? modified,
      generateTime(random),
      modified,
      stomped ?? modified,
      modified,
      modified,
      digest('md5', sha256),
      digest('sha1', sha256),
      sha256,
      i < realCount ? 'application/vnd.microsoft.portable-executable' : generated.mime,
      i < realCount ? 'pe' : generated.fileType,
      Math.round(random() * 8000) / 1000,
      deleted ? 1 : 0,
      deleted && random() < 0.5 ? 0 : 1,
      i % 500 === 7 ? 'Zone.Identifier' : null,
    )
    scanned.run(scanId, i + 1)
    sizes.push(size)
    bytes += size
  }
  const folder = db.prepare(
    `INSERT INTO files (evidence_id, entry_key, path, parent_path, name, kind, size_bytes)
     VALUES (?, ?, ?, ?, ?, 'directory', 0)`,
  )
  for (const p of [...folders].sort()) {
    folder.run(evidenceId, p, p, parentPath(p), p.slice(p.lastIndexOf('/') + 1))
  }
  return { bytes, sizes, real, realOffsets: REAL_OFFSETS }
}

/** 8–40 KiB of mixed bytes with the top rule's strings at {@link REAL_OFFSETS}. */
function realContent(random: () => number, index: number, hostile: boolean): Buffer {
  const size = 8192 + Math.floor(random() * 32 * 1024)
  const content = Buffer.alloc(size)
  content.write('MZ\u0090\u0000', 0, 'latin1')
  for (let i = 4; i < size; i += 1) content[i] = Math.floor(random() * 256)
  const strings = hostile
    ? [TEXT_PAYLOADS[4], TEXT_PAYLOADS[0], TEXT_PAYLOADS[5]]
    : ['sekurlsa::logonpasswords', 'ReflectiveLoader', `dropper config ${index}`]
  strings.forEach((text, i) => content.write(text, REAL_OFFSETS[i] ?? 0, 'utf8'))
  return content
}
