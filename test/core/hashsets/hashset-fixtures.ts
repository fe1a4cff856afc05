import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import type { CaseHandle } from '../../../main/core/case/case-file'
import { createCase } from '../../../main/core/case/case-file'
import { tempDir } from '../../helpers/temp-dir'
import { buildZip } from '../../../main/core/archive/zip-writer'
import type { ZipWriterEntry } from '../../../main/core/archive/zip-writer'

/** The three digests of a string, as hex. */
export function digestsOf(text: string): { md5: string; sha1: string; sha256: string } {
  const hex = (algo: string): string => createHash(algo).update(text).digest('hex')
  return { md5: hex('md5'), sha1: hex('sha1'), sha256: hex('sha256') }
}

/** A new, empty case in a temp dir. */
export function newCase(): CaseHandle {
  return createCase(join(tempDir(), 'case.outpost'), {
    name: 'Hash sets',
    examiner: 'ana',
    appVersion: 't',
  })
}

/** Write a text file in a fresh temp dir and return its path. */
export function writeTemp(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name)
  writeFileSync(path, content)
  return path
}

/** The NSRL RDS v3 "minimal" schema as NIST publishes it (schema.sql of the RDS releases). */
export const RDS3_SCHEMA = `
CREATE TABLE FILE (
 sha256     VARCHAR NOT NULL,
 sha1       VARCHAR NOT NULL,
 md5        VARCHAR NOT NULL,
 crc32      VARCHAR NOT NULL,
 file_name  VARCHAR NOT NULL,
 file_size  INTEGER NOT NULL,
 package_id INTEGER NOT NULL,
 CONSTRAINT PK_FILE__FILE PRIMARY KEY (sha256, sha1, md5, crc32, file_name, file_size, package_id)
);
CREATE TABLE MFG (
 manufacturer_id INTEGER NOT NULL,
 name            VARCHAR NOT NULL,
 CONSTRAINT PK_MFG__MFG_ID PRIMARY KEY (manufacturer_id)
);
CREATE TABLE OS (
 operating_system_id INTEGER NOT NULL,
 name                VARCHAR NOT NULL,
 version             VARCHAR NOT NULL,
 manufacturer_id     INTEGER NOT NULL,
 CONSTRAINT PK_OS__OS_ID PRIMARY KEY (operating_system_id, manufacturer_id)
);
CREATE TABLE PKG (
 package_id          INTEGER NOT NULL,
 name                VARCHAR NOT NULL,
 version             VARCHAR NOT NULL,
 operating_system_id INTEGER NOT NULL,
 manufacturer_id     INTEGER NOT NULL,
 language            VARCHAR NOT NULL,
 application_type    VARCHAR NOT NULL,
 CONSTRAINT PK_PGK__PKG_ID PRIMARY KEY (package_id, operating_system_id, manufacturer_id, language, application_type)
);
CREATE TABLE VERSION (
 version      VARCHAR UNIQUE NOT NULL,
 build_set    VARCHAR NOT NULL,
 build_date   TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
 release_date TIMESTAMP NOT NULL,
 description  VARCHAR NOT NULL,
 CONSTRAINT PK_VERSION__VERSION PRIMARY KEY (version)
);
CREATE VIEW DISTINCT_HASH AS SELECT DISTINCT sha256, sha1, md5, crc32 FROM FILE;
`

/** Build an RDS v3 database with one FILE row per (content, package), hashes upper-case as NIST ships them. */
export function buildRds3(
  files: readonly { content: string; name: string; packages?: number }[],
): string {
  const path = join(tempDir(), 'RDS_2025.03.1_modern_minimal.db')
  const db = new Database(path)
  db.exec(RDS3_SCHEMA)
  db.prepare(
    "INSERT INTO VERSION (version, build_set, release_date, description) VALUES ('2025.03.1', 'modern', '2025-03-01', 'minimal')",
  ).run()
  const insert = db.prepare("INSERT INTO FILE VALUES (?, ?, ?, '00000000', ?, ?, ?)")
  for (const file of files) {
    const d = digestsOf(file.content)
    for (let pkg = 1; pkg <= (file.packages ?? 1); pkg += 1) {
      insert.run(
        d.sha256.toUpperCase(),
        d.sha1.toUpperCase(),
        d.md5.toUpperCase(),
        file.name,
        file.content.length,
        pkg,
      )
    }
  }
  db.close()
  return path
}

/** A STIX 2.1 bundle like an Outpost report bundle's: an evidence container and matched files. */
export function stixBundle(files: readonly { content: string; name: string }[]): string {
  const marking = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'
  const objects: unknown[] = [
    {
      type: 'identity',
      spec_version: '2.1',
      id: 'identity--8b5e4410-e00e-4501-8569-80760d70b404',
      name: 'CERT',
    },
    {
      type: 'file',
      spec_version: '2.1',
      id: 'file--c7a5ab9c-ccda-5abb-bb9f-50c1914f723e',
      name: 'EV-01.E01',
      hashes: { 'SHA-256': digestsOf('the evidence image').sha256 },
      contains_refs: files.map((_, i) => `file--00000000-0000-5000-8000-00000000000${i}`),
      object_marking_refs: [marking],
    },
    ...files.map((file, i) => {
      const d = digestsOf(file.content)
      return {
        type: 'file',
        spec_version: '2.1',
        id: `file--00000000-0000-5000-8000-00000000000${i}`,
        name: file.name,
        hashes: { MD5: d.md5, 'SHA-1': d.sha1, 'SHA-256': d.sha256 },
        object_marking_refs: [marking],
      }
    }),
    {
      type: 'file',
      spec_version: '2.1',
      id: 'file--bad',
      name: 'odd',
      hashes: { 'SHA-256': 'abcd' },
    },
  ]
  return JSON.stringify({
    type: 'bundle',
    id: 'bundle--9cbbf322-a386-49e8-8740-df985ca3539f',
    objects,
  })
}

/** Write a bundle folder (`stix/bundle.json` plus a README) and return its path. */
export function writeBundleFolder(bundleJson: string, root = join(tempDir(), 'bundle')): string {
  mkdirSync(join(root, 'stix'), { recursive: true })
  writeFileSync(join(root, 'stix', 'bundle.json'), bundleJson)
  writeFileSync(join(root, 'README.txt'), 'TLP:AMBER\n')
  return root
}

/** Write a zip to a temp file. */
export function writeZip(entries: readonly ZipWriterEntry[], name = 'bundle.zip'): string {
  const path = join(tempDir(), name)
  mkdirSync(dirname(path), { recursive: true })
  // Deflated unless told otherwise, even where storing would be smaller: the reader's inflate path.
  writeFileSync(path, buildZip(entries.map((e) => ({ ...e, method: e.method ?? 'deflate' }))))
  return path
}
