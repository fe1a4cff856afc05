import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openImage } from '../../../main/core/evidence/image-layout'
import type { FileSystem } from '../../../main/core/filesystems/file-system'
import type { WalkOptions } from '../../../main/core/filesystems/walk-order'
import type { Evidence, EvidenceLayout, VolumeInfo } from '../../../main/core/model/evidence'
import { imageItems } from '../../../main/core/scan/image-plan'
import { scanPriority } from '../../../main/core/scan/scan-priority'
import { tempDir } from '../../helpers/temp-dir'
import { fixtureBytes, openFixtureFs } from '../filesystems/fixture-images'

/**
 * The scan's priority order on images (fixtures from make-os-shaped-fixtures.sh, whose OS
 * folders were written first, so the on-disk order puts the OS before user content).
 */

/** Every path a walk gives (a problem as `!path`), in walk order. */
async function walked(fs: FileSystem, options?: WalkOptions): Promise<string[]> {
  const out: string[] = []
  for await (const item of fs.walk(options))
    out.push(item.kind === 'problem' ? `!${item.path}` : item.path)
  return out
}

/** True when every path starting with `first` comes before every path starting with `then`. */
function before(order: readonly string[], first: string, then: string): boolean {
  const last = Math.max(...order.flatMap((p, i) => (p.startsWith(first) ? [i] : [])))
  const next = Math.min(...order.flatMap((p, i) => (p.startsWith(then) ? [i] : [])))
  return Number.isFinite(last) && Number.isFinite(next) && last < next
}

describe('scan order on images', () => {
  it('FAT, Windows-shaped: profiles and ProgramData first, the OS and pagefile last', async () => {
    const fs = await openFixtureFs(fixtureBytes('os-windows-fat16'))
    const listing = await walked(fs)
    const ranked = await walked(fs, { order: scanPriority })
    // The fixture's premise: on disk, the OS comes first.
    expect(listing.slice(1, 3)).toEqual(['/Windows', '/Windows/System32'])
    // Same entries, another order.
    expect([...ranked].sort()).toEqual([...listing].sort())
    expect(ranked.slice(0, 4)).toEqual([
      '/Users',
      '/Users/bob',
      '/Users/bob/Desktop',
      '/Users/bob/Desktop/a.txt',
    ])
    expect(before(ranked, '/Users', '/ProgramData')).toBe(true)
    expect(before(ranked, '/ProgramData', '/Intel')).toBe(true)
    expect(before(ranked, '/Intel', '/Windows')).toBe(true)
    expect(before(ranked, '/Windows', '/Program Files')).toBe(true) // both tier 2: disk order
    expect(ranked[ranked.length - 1]).toBe('/pagefile.sys')
    // In the profile: Desktop, AppData (Roaming, then Local with Temp first), then Music.
    expect(before(ranked, '/Users/bob/AppData/Roaming', '/Users/bob/AppData/Local')).toBe(true)
    expect(before(ranked, '/Users/bob/AppData', '/Users/bob/Music')).toBe(true)
    // The deleted root entry ranks as a tier-1 name (FAT keeps its first letter as "_").
    const deleted = ranked.findIndex((p) => p.endsWith('one.txt'))
    expect(deleted).toBeGreaterThan(ranked.indexOf('/ProgramData/evil/payload.bin'))
    expect(deleted).toBeLessThan(ranked.indexOf('/Windows'))
  })

  it('ext, Linux-shaped: homes and temp folders first, /usr last with /usr/local first', async () => {
    const fs = await openFixtureFs(fixtureBytes('os-linux-ext4'))
    const listing = await walked(fs)
    const ranked = await walked(fs, { order: scanPriority })
    expect([...ranked].sort()).toEqual([...listing].sort())
    expect(ranked.slice(0, 5)).toEqual([
      '/home',
      '/home/alice',
      '/home/alice/notes.txt',
      '/tmp',
      '/tmp/dropper',
    ])
    expect(before(ranked, '/tmp', '/etc')).toBe(true)
    expect(before(ranked, '/var/www', '/var/log')).toBe(true)
    expect(before(ranked, '/var', '/usr')).toBe(true)
    expect(before(ranked, '/usr/local', '/usr/bin')).toBe(true)
  })

  it('applies in the scan plan; unallocated space stays after the files', async () => {
    const dir = tempDir()
    const path = join(dir, 'win.img')
    writeFileSync(path, fixtureBytes('os-windows-fat16'))
    const image = await openImage(path)
    const volumes = image.volumes.map(
      (v, i) =>
        ({
          id: i + 1,
          index: v.volume.index,
          startOffset: v.volume.start,
          length: v.volume.length,
        }) as VolumeInfo,
    )
    await image.close()
    const evidence = {
      id: 1,
      kind: 'image',
      sourcePath: path,
      sizeBytes: null,
    } as unknown as Evidence
    const items: string[] = []
    for await (const item of imageItems(evidence, { volumes } as unknown as EvidenceLayout))
      items.push(item.kind === 'loose' ? item.entry.path : item.facts.path)
    const files = items.filter((p) => !p.startsWith('$Unallocated'))
    expect(files[0]).toMatch(/Users$/)
    expect(files[files.length - 1]).toMatch(/pagefile\.sys$/)
    const firstUnallocated = items.findIndex((p) => p.startsWith('$Unallocated'))
    expect(firstUnallocated).toBeGreaterThan(items.findIndex((p) => p.endsWith('pagefile.sys')))
  })
})
