import { describe, expect, it } from 'vitest'
import { mergeRanges, unallocatedBlocks } from '../../../main/core/scan/unallocated-blocks'

describe('unallocated blocks', () => {
  it('merges adjacent and overlapping ranges, dropping empty ones', () => {
    expect(
      mergeRanges([
        { offset: 100, length: 10 },
        { offset: 0, length: 50 },
        { offset: 50, length: 10 },
        { offset: 105, length: 20 },
        { offset: 500, length: 0 },
      ]),
    ).toEqual([
      { offset: 0, length: 60 },
      { offset: 100, length: 25 },
    ])
  })

  it('cuts one stream of free space into owned blocks that overlap the next', () => {
    const blocks = unallocatedBlocks([{ offset: 1000, length: 250 }], {
      blockBytes: 100,
      overlapBytes: 10,
    })
    expect(blocks).toEqual([
      { start: 1000, extents: [[1000, 110]], owned: 100 },
      { start: 1100, extents: [[1100, 110]], owned: 100 },
      { start: 1200, extents: [[1200, 50]], owned: 50 },
    ])
  })

  it('lets a block span several free ranges, in image order', () => {
    const blocks = unallocatedBlocks(
      [
        { offset: 5000, length: 30 },
        { offset: 1000, length: 60 },
      ],
      { blockBytes: 50, overlapBytes: 20 },
    )
    expect(blocks).toEqual([
      {
        start: 1000,
        extents: [
          [1000, 60],
          [5000, 10],
        ],
        owned: 50,
      },
      {
        start: 1050,
        extents: [
          [1050, 10],
          [5000, 30],
        ],
        owned: 40,
      },
    ])
  })

  it('covers every free byte exactly once as owned', () => {
    const ranges = [
      { offset: 0, length: 777 },
      { offset: 2000, length: 1 },
      { offset: 3000, length: 4096 },
    ]
    const blocks = unallocatedBlocks(ranges, { blockBytes: 1000, overlapBytes: 64 })
    expect(blocks.reduce((n, b) => n + b.owned, 0)).toBe(777 + 1 + 4096)
  })

  it('has no block for no free space', () => {
    expect(unallocatedBlocks([], { blockBytes: 100, overlapBytes: 10 })).toEqual([])
  })
})
