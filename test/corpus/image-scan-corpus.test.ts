import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../main/cli/exit-codes'
import { cli } from '../cli/cli-harness'
import { tempDir } from '../helpers/temp-dir'
import { requireCorpus } from './corpus-paths'

/**
 * The whole stack on every raw corpus image: `outpost scan` (container → volumes → file system
 * → scan processes → case DB) must find every test string TSK places in a file — in ADS,
 * compressed, resident, inline, sparse, fragmented and deleted files alike — attributed to that
 * file at TSK's file offset, at TSK's image offset where the bytes lie in clear on the media,
 * and nowhere else but unallocated space.
 */
interface Oracle {
  readonly media_hits: readonly {
    readonly string: string
    readonly offset: number
    readonly fs_offset_bytes: number
    readonly file: { readonly path: string; readonly file_offset?: number }
  }[]
  readonly filesystems: readonly {
    readonly offset: number
    readonly type: string
    readonly files: readonly {
      readonly path: string
      readonly deleted: boolean
      readonly content_hits?: readonly { readonly string: string; readonly offset: number }[]
    }[]
  }[]
}

interface JsonFinding {
  readonly path: string
  readonly location: string | null
  readonly unallocated: boolean
  readonly matches: readonly { readonly offset: number; readonly imageOffset: number | null }[]
}

const IMAGES = requireCorpus('images')
const RULES = `
rule Marker { strings: $m = /OUTPOST-TEST-MARKER-[a-z0-9]+-[0-9]+/ condition: $m }
rule Eicar { strings: $e = "X5O!P%@AP[4\\\\PZX54(P^)7CC)7}$EICAR" condition: $e }
`
const NAMES = ['ntfs', 'ext2', 'ext4', 'mbr-disk', 'gpt-disk', 'fat12', 'fat32', 'exfat']

describe.each(NAMES)('%s: scanned whole', (name) => {
  it('finds every test string in the file TSK names, at its file and image offsets, and in no other file', async () => {
    const oracle = JSON.parse(readFileSync(join(IMAGES, `${name}.json`), 'utf8')) as Oracle
    const dir = tempDir()
    const image = join(dir, `${name}.img`)
    writeFileSync(image, gunzipSync(readFileSync(join(IMAGES, `${name}.img.gz`))))
    writeFileSync(join(dir, 'markers.yar'), RULES)
    const casePath = join(dir, 'case.outpost')

    const scan = await cli(['scan', image, '--case', casePath, '--rules', join(dir, 'markers.yar')])
    expect(scan.code, scan.stderr).toBe(EXIT.FINDINGS)
    const findings = JSON.parse(
      (await cli(['findings', '--case', casePath, '--json'])).stdout,
    ) as JsonFinding[]
    const inFiles = findings.filter((f) => !f.unallocated)

    const withHits = oracle.filesystems.flatMap((fs) =>
      fs.files
        .filter((file) => (file.content_hits ?? []).length > 0)
        .map((file) => ({ ...file, fs: fs.type })),
    )
    expect(withHits.length).toBeGreaterThan(0)
    // A disk may hold the same path in two file systems: the location names which.
    const inFs = (fs: string) => (f: JsonFinding) =>
      new RegExp(`(^| )${fs}( |$)`).test(f.location ?? '')
    // TSK reads a deleted file's old blocks even when another file holds them now; Outpost
    // lists such a file as overwritten instead of attributing the other file's bytes to it.
    const overwritten = overwrittenPaths(casePath)
    for (const file of withHits) {
      const found = inFiles.filter((f) => f.path === file.path).filter(inFs(file.fs))
      if (found.length === 0 && file.deleted && overwritten.has(file.path)) continue
      expect(found, `${file.path} (${file.fs})`).toHaveLength(1)
      const offsets = found.flatMap((f) => f.matches.map((m) => m.offset))
      for (const hit of file.content_hits ?? []) expect(offsets, file.path).toContain(hit.offset)
    }
    expect(inFiles.length).toBeGreaterThanOrEqual(withHits.length - overwritten.size)
    expect(inFiles.length).toBeLessThanOrEqual(withHits.length)

    // Where TSK finds the string in clear on the media, the match names that image offset.
    const fsAt = new Map(oracle.filesystems.map((fs) => [fs.offset, fs.type]))
    for (const hit of oracle.media_hits) {
      const finding = inFiles
        .filter(inFs(fsAt.get(hit.fs_offset_bytes) ?? '?'))
        .find((f) => f.path === hit.file.path)
      const atOffset = hit.file.file_offset ?? null
      const match = finding?.matches.find((m) => atOffset === null || m.offset === atOffset)
      if (finding === undefined && overwritten.has(hit.file.path)) continue
      expect(match, `${hit.string} in ${hit.file.path}`).toBeDefined()
      // Data inside a metadata record (resident, inline) may be located or not; never wrongly.
      if (atOffset !== null || match?.imageOffset !== null)
        expect(match?.imageOffset, `${hit.string} in ${hit.file.path}`).toBe(hit.offset)
    }
  }, 180_000)
})

/** Paths the scan listed in coverage as deleted files whose content was overwritten. */
function overwrittenPaths(casePath: string): Set<string> {
  const db = new Database(casePath, { readonly: true })
  try {
    const rows = db
      .prepare(`SELECT path FROM coverage WHERE reason = 'deleted-overwritten'`)
      .all() as { path: string }[]
    return new Set(rows.map((row) => row.path))
  } finally {
    db.close()
  }
}
