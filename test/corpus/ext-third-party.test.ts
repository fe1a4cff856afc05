import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openFileSystem } from '../../main/core/filesystems/open-file-system'
import { differences, walkAll } from '../core/filesystems/tsk-oracle'
import type { OracleFile } from '../core/filesystems/tsk-oracle'
import { fileSource } from '../helpers/file-source'
import { requireCorpus } from './corpus-paths'

const DFVFS = requireCorpus(join('images', 'dfvfs'))

describe('dfvfs/ímynd.dd (an ext2 made by others)', () => {
  it('lists the same entries as TSK: deleted names with inode 0, a fast symlink with an xattr block', async () => {
    const oracle = JSON.parse(readFileSync(join(DFVFS, 'ímynd-dd.json'), 'utf8')) as {
      filesystems: readonly { files: readonly OracleFile[] }[]
    }
    const source = fileSource(join(DFVFS, 'ímynd.dd'))
    const fs = await openFileSystem(source)
    if (fs === null) throw new Error('no file system recognised')
    const walked = await walkAll(fs)

    expect(
      await differences(fs, walked, oracle.filesystems[0]?.files ?? [], { times: 'ext' }),
    ).toEqual([])
    expect(walked.problems).toEqual([])
    expect(walked.entries.find((e) => e.path === '/a_link')?.linkTarget).toMatch(/\S/)
    await source.close()
  })
})
