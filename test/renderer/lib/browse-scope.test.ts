import { describe, expect, it } from 'vitest'
import {
  crumbsOf,
  defaultImageScope,
  hostScope,
  parentOf,
  unpartitionedScope,
  volumeScope,
} from '../../../renderer/features/evidence/browse-scope'
import { makeLayout, makeVolume } from '../image-fixtures'

const fs = volumeScope(3, makeVolume())
const raw = volumeScope(3, makeVolume({ index: 1, fileSystem: null }))
const host = hostScope(1, 'USB stick')

describe('browse scopes', () => {
  it('browses a file system from / with its unallocated space beside it', () => {
    expect(fs).toMatchObject({
      fileSystemId: 11,
      root: '/',
      unallocatedParent: '$Unallocated/volume-0',
    })
    expect(raw).toMatchObject({
      fileSystemId: null,
      root: '$Unallocated/volume-1',
      unallocatedParent: null,
    })
    expect(host).toMatchObject({ fileSystemId: null, root: '', unallocatedParent: null })
    expect(unpartitionedScope(3).root).toBe('$Unallocated/unpartitioned')
  })

  it('opens an image on its first file system', () => {
    const layout = makeLayout({
      volumes: [makeVolume({ index: 0, fileSystem: null }), makeVolume({ index: 1 })],
    })
    expect(defaultImageScope(layout)?.title).toEqual(['Volume 1 (slot 000:000)', 'fat32 “DATA”'])
    expect(defaultImageScope(makeLayout({ volumes: [] }))).toBeNull()
  })

  it.each([
    [fs, '/', [['Root', '/']], null],
    [
      fs,
      '/docs',
      [
        ['Root', '/'],
        ['docs', '/docs'],
      ],
      '/',
    ],
    [
      fs,
      '/docs/sub',
      [
        ['Root', '/'],
        ['docs', '/docs'],
        ['sub', '/docs/sub'],
      ],
      '/docs',
    ],
    [
      fs,
      '$Unallocated/volume-0',
      [
        ['Root', '/'],
        ['Unallocated space', '$Unallocated/volume-0'],
      ],
      '/',
    ],
    [host, '', [['Root', '']], null],
    [
      host,
      'docs',
      [
        ['Root', ''],
        ['docs', 'docs'],
      ],
      '',
    ],
    [
      host,
      'docs/sub',
      [
        ['Root', ''],
        ['docs', 'docs'],
        ['sub', 'docs/sub'],
      ],
      'docs',
    ],
    [raw, '$Unallocated/volume-1', [['Unallocated space', '$Unallocated/volume-1']], null],
  ] as const)('%#: crumbs and parent of %s', (scope, parent, crumbs, up) => {
    expect(crumbsOf(scope, parent).map((c) => [c.label, c.path])).toEqual(crumbs)
    expect(parentOf(scope, parent)).toBe(up)
  })
})
