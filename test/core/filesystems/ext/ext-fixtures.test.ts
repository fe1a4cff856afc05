import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FIXTURE_DIR, fixtureBytes, listFixture, openFixtureFs } from '../fixture-images'
import { contentHash, differences, walkAll } from '../tsk-oracle'
import type { OracleFile } from '../tsk-oracle'

/** What fs-ext-expected.py wrote: TSK's listing (with istat facts), debugfs's, dumpe2fs's. */
interface ExtExpected {
  readonly tsk: { readonly files: readonly OracleFile[] } | null
  readonly debugfs: readonly DebugfsFile[]
  readonly free_blocks: readonly (readonly [number, number])[]
}

interface DebugfsFile {
  readonly path: string
  readonly inode: number
  readonly mode: number
  readonly uid: number
  readonly gid: number
  readonly size: number
  readonly sha256?: string
}

const FIXTURES = ['fs-ext2', 'fs-ext3', 'fs-ext4', 'fs-ext4-metabg']

function expected(name: string): ExtExpected {
  return JSON.parse(readFileSync(`${FIXTURE_DIR}${name}.expected.json`, 'utf8')) as ExtExpected
}

describe.each(['fs-ext2', 'fs-ext3', 'fs-ext4'])('%s against The Sleuth Kit', (name) => {
  it('lists every name and orphan as TSK does: inode, kind, size, deleted flag, times, SHA-256', async () => {
    const fs = await openFixtureFs(fixtureBytes(name))
    const walked = await walkAll(fs)
    const files = expected(name).tsk?.files ?? []

    expect(files.length).toBeGreaterThan(40)
    expect(await differences(fs, walked, files, { times: 'ext' })).toEqual([])
    expect(walked.problems).toEqual([])
  })
})

describe.each(FIXTURES)('%s against e2fsprogs', (name) => {
  it('gives every allocated path the inode, mode, owner, size and content debugfs gives', async () => {
    const { fs, entries } = await listFixture(fixtureBytes(name))
    const out: string[] = []
    for (const file of expected(name).debugfs) {
      const ours = entries.get(file.path)
      if (ours === undefined) {
        out.push(`${file.path}: not listed`)
        continue
      }
      const facts = { id: ours.id, mode: ours.mode, owner: ours.owner, group: ours.group }
      const theirs = {
        id: String(file.inode),
        mode: file.mode,
        owner: `uid ${file.uid}`,
        group: `gid ${file.gid}`,
      }
      if (JSON.stringify(facts) !== JSON.stringify(theirs))
        out.push(`${file.path}: ${JSON.stringify(facts)} (debugfs: ${JSON.stringify(theirs)})`)
      // debugfs `cat` pads inline data to the 60 bytes of i_block: compared with TSK above.
      if (ours.contentAccess === 'reader') continue
      if (file.sha256 !== undefined && (await contentHash(fs, ours)).sha256 !== file.sha256)
        out.push(`${file.path}: content differs`)
    }
    expect(out).toEqual([])
  })

  it('lists as unallocated exactly the free blocks dumpe2fs lists', async () => {
    const { fs } = await listFixture(fixtureBytes(name))
    const blockSize = fs.clusterSize

    const ours = (await fs.unallocated()).map((r) => [
      r.offset / blockSize,
      (r.offset + r.length) / blockSize - 1,
    ])

    expect(ours).toEqual(expected(name).free_blocks)
  })
})
