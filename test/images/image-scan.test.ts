import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../main/cli/exit-codes'
import { cli } from '../cli/cli-harness'
import { appHarness } from '../helpers/app-harness'
import type { AppHarness } from '../helpers/app-harness'
import { ROOT } from '../helpers/launcher'
import { tempDir } from '../helpers/temp-dir'

interface Marker {
  readonly string: string
  readonly image_offset: number
  readonly path: string | null
  readonly deleted: boolean
  readonly unallocated: boolean
}

const FIXTURE = join(ROOT, 'test/fixtures/images/scan')
const EXPECTED = JSON.parse(readFileSync(join(FIXTURE, 'marker-disk.expected.json'), 'utf8')) as {
  media_md5: string
  markers: Marker[]
}
const [LIVE, DELETED, UNALLOC] = EXPECTED.markers as [Marker, Marker, Marker]
const MARKER_RULE =
  'rule Marker { meta: score = 90 strings: $m = /OUTPOST-E2E-MARKER-[A-Z]+-[0-9]/ condition: $m }\n'

interface JsonFinding {
  readonly path: string
  readonly location: string | null
  readonly deleted: boolean
  readonly unallocated: boolean
  readonly imageOffset: number | null
  readonly matches: readonly { readonly offset: number; readonly imageOffset: number | null }[]
}

/** The E01 fixture, copied under a name that says nothing of its format. */
function imageCopy(): string {
  const path = join(tempDir(), 'acquisition.bin')
  copyFileSync(join(FIXTURE, 'marker-disk.E01'), path)
  return path
}

describe('scanning a disk image: FAT32 in an MBR disk in an E01', () => {
  it('finds the live, deleted and unallocated markers, attributed with both offsets', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'markers.yar'), MARKER_RULE)
    const casePath = join(dir, 'case.outpost')
    const scan = await cli([
      'scan',
      imageCopy(),
      '--case',
      casePath,
      '--rules',
      join(dir, 'markers.yar'),
    ])
    expect(scan.code).toBe(EXIT.FINDINGS)
    expect(scan.stderr).toMatch(/integrity verified — the media matches the stored MD5/)
    const findings = JSON.parse(
      (await cli(['findings', '--case', casePath, '--json'])).stdout,
    ) as JsonFinding[]

    const live = findings.find((f) => f.path === LIVE.path)!
    expect(live).toMatchObject({ deleted: false, unallocated: false })
    expect(live.location).toMatch(/^volume .*› fat32 "MARKERS"$/)
    expect(live.matches).toEqual([
      expect.objectContaining({
        imageOffset: LIVE.image_offset,
        offset: LIVE.image_offset - live.imageOffset!,
      }),
    ])

    const deleted = findings.find((f) => f.path === DELETED.path)!
    expect(deleted).toMatchObject({ deleted: true, unallocated: false })
    expect(deleted.matches.map((m) => m.imageOffset)).toEqual([DELETED.image_offset])

    const unallocated = findings.filter((f) => f.unallocated)
    const carved = unallocated.flatMap((f) => f.matches.map((m) => m.imageOffset))
    expect(carved).toContain(UNALLOC.image_offset)
    // The deleted file's clusters are free too: its marker is also in unallocated space.
    expect(carved).toContain(DELETED.image_offset)
    expect(
      findings
        .filter((f) => !f.unallocated)
        .map((f) => f.path)
        .sort(),
    ).toEqual([DELETED.path, LIVE.path].sort())
  })

  it('lists the image when added, verifies its stored hash, and scans single files from the browser', async () => {
    const harness: AppHarness = appHarness()
    try {
      await harness.call('case:create', { name: 'Image', examiner: 'ana' })
      const evidence = await harness.call('evidence:add', { path: imageCopy() })
      expect(evidence).toMatchObject({
        kind: 'image',
        containerFormat: 'ewf',
        storedMd5: EXPECTED.media_md5,
        integrity: 'pending',
      })
      const done = await harness.waitFor(
        'evidence:progress',
        (p) => p.evidenceId === evidence.id && p.phase === 'done',
      )
      expect(done.integrity).toBe('verified')

      const layout = await harness.call('evidence:layout', { evidenceId: evidence.id })
      expect(layout.scheme).toBe('mbr')
      const fat = layout.volumes.find((v) => v.fileSystem?.kind === 'fat32')!
      expect(fat.fileSystem?.label).toBe('MARKERS')

      const root = await harness.call('evidence:files', {
        evidenceId: evidence.id,
        fileSystemId: fat.fileSystem!.id,
        parent: '/',
      })
      const names = root.rows.map((r) => `${r.kind}:${r.name}${r.deleted ? ' (deleted)' : ''}`)
      expect(names).toEqual(
        expect.arrayContaining(['directory:Users', 'file:report.txt', 'file:_raft.txt (deleted)']),
      )
      const alice = await harness.call('evidence:files', {
        evidenceId: evidence.id,
        fileSystemId: fat.fileSystem!.id,
        parent: '/Users/alice',
      })
      const notes = alice.rows.find((r) => r.name === 'notes.txt')!

      await harness.call('scan:start', { evidenceIds: [evidence.id], fileIds: [notes.fileId] })
      const finished = await harness.waitFor('scan:finished')
      expect(finished).toMatchObject({ status: 'completed', filesScanned: 1 })
      const verified = (await harness.call('evidence:list'))[0]!
      expect(verified).toMatchObject({ integrity: 'verified', md5: EXPECTED.media_md5 })
    } finally {
      await harness.services.shutdown()
    }
  })

  it('refuses a truncated E01 with a clear error instead of scanning it as a plain file', async () => {
    const dir = tempDir()
    const truncated = join(dir, 'cut.E01')
    writeFileSync(truncated, readFileSync(join(FIXTURE, 'marker-disk.E01')).subarray(0, 60_000))
    const run = await cli(['scan', truncated, '--case', join(dir, 'c.outpost')])
    expect(run.code).toBe(EXIT.INPUT)
    expect(run.stderr).toMatch(/cut\.E01 is truncated or damaged/)
  })

  it('scans what it can of a raw disk cut short, and lists what it could not read', async () => {
    const dir = tempDir()
    const raw = join(dir, 'disk.raw')
    const media = await expandE01(imageCopy())
    // Keep the partition table and the start of the FAT32 file system; lose the rest.
    writeFileSync(raw, media.subarray(0, 3 * 1024 * 1024))
    writeFileSync(join(dir, 'markers.yar'), MARKER_RULE)
    const run = await cli([
      'scan',
      raw,
      '--case',
      join(dir, 'c.outpost'),
      '--rules',
      join(dir, 'markers.yar'),
      '--json',
    ])
    expect(run.stderr).toMatch(/disk\.raw: integrity computed/)
    const coverage = (
      JSON.parse(run.stdout) as { scan: { status: string; coverage: Record<string, number> } }
    ).scan
    expect(coverage.status).toBe('completed')
    expect(Object.keys(coverage.coverage)).toEqual(expect.arrayContaining(['filesystem-damaged']))
  })
})

/** The media of an E01, read through Outpost's own reader. */
async function expandE01(path: string): Promise<Buffer> {
  const { openContainer } = await import('../../main/core/evidence/containers/open-container')
  const container = await openContainer(path)
  try {
    return await container.read(0, container.size)
  } finally {
    await container.close()
  }
}
