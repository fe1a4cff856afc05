import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import type { FileEntry, FileSystem } from '../../../main/core/filesystems/file-system'
import { openFileSystem } from '../../../main/core/filesystems/open-file-system'
import { bufferSource } from '../../helpers/file-source'
import type { OracleFile } from './tsk-oracle'
import { walkAll } from './tsk-oracle'

/** The committed fixture images (test/fixtures/images, made by make-fs-fixtures.sh). */
export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/images/', import.meta.url))

/** A fixture's expected listing (fs-expected.py): TSK's partitions and files. */
export interface FixtureExpected {
  readonly media_size: number
  readonly sector_size: number
  readonly partition_table: string | null
  readonly partitions: readonly {
    slot: string
    start_sector: number
    length: number
    type: string
  }[]
  readonly filesystems: readonly {
    offset: number
    type: string
    label: string | null
    files: readonly OracleFile[]
  }[]
}

const cache = new Map<string, Buffer>()

/** The raw bytes of `NAME.img.gz` (gunzipped once per test file). */
export function fixtureBytes(name: string): Buffer {
  let bytes = cache.get(name)
  if (bytes === undefined) {
    bytes = gunzipSync(readFileSync(`${FIXTURE_DIR}${name}.img.gz`))
    cache.set(name, bytes)
  }
  return bytes
}

/** The expected listing of a fixture. */
export function fixtureExpected(name: string): FixtureExpected {
  return JSON.parse(readFileSync(`${FIXTURE_DIR}${name}.expected.json`, 'utf8')) as FixtureExpected
}

/** Open the file system of a (possibly modified copy of a) file-system fixture. */
export async function openFixtureFs(bytes: Buffer): Promise<FileSystem> {
  const fs = await openFileSystem(bufferSource(bytes))
  if (fs === null) throw new Error('no file system recognised')
  return fs
}

/** A fixture walked to the end: entries by path, and the problems the walk reported. */
export interface FixtureListing {
  readonly fs: FileSystem
  readonly entries: Map<string, FileEntry>
  /** Each problem as `path: detail`. */
  readonly problems: string[]
}

/** Open and walk a fixture file system (see {@link FixtureListing}). */
export async function listFixture(bytes: Buffer): Promise<FixtureListing> {
  const fs = await openFixtureFs(bytes)
  const walked = await walkAll(fs)
  return {
    fs,
    entries: new Map(walked.entries.map((e) => [e.path, e])),
    problems: walked.problems.map((p) => `${p.path}: ${p.detail}`),
  }
}

/** The entry at `path` of a listing; throws when the walk did not list it. */
export function entryAt(entries: ReadonlyMap<string, FileEntry>, path: string): FileEntry {
  const found = entries.get(path)
  if (found === undefined) throw new Error(`${path} not listed`)
  return found
}
