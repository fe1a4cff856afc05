import { describe, expect, it } from 'vitest'
import { blocksOf, rowWindow, scrollToShow } from '../../../renderer/lib/virtual-rows'
import { indexRange, movedIndex } from '../../../renderer/features/findings/table/grid-keys'

describe('virtual rows', () => {
  it('renders the rows in view plus the overscan, clamped to the list', () => {
    expect(rowWindow(0, 320, 32, 100_000, 5)).toEqual({ start: 0, end: 16 })
    expect(rowWindow(32 * 1000, 320, 32, 100_000, 5)).toEqual({ start: 995, end: 1016 })
    expect(rowWindow(32 * 99_995, 320, 32, 100_000, 5)).toEqual({ start: 99_990, end: 100_000 })
    expect(rowWindow(0, 320, 32, 3, 5)).toEqual({ start: 0, end: 3 })
    expect(rowWindow(0, 320, 32, 0, 5)).toEqual({ start: 0, end: 0 })
  })

  it('scrolls as little as needed to show a row whole', () => {
    expect(scrollToShow(5, 0, 320, 32)).toBe(0)
    expect(scrollToShow(10, 0, 320, 32)).toBe(32)
    expect(scrollToShow(2, 320, 320, 32)).toBe(64)
  })

  it('names the blocks a window needs', () => {
    expect(blocksOf({ start: 190, end: 410 }, 200)).toEqual([0, 1, 2])
    expect(blocksOf({ start: 0, end: 200 }, 200)).toEqual([0])
    expect(blocksOf({ start: 0, end: 0 }, 200)).toEqual([])
  })

  it('moves the focus by key, never past the ends', () => {
    expect(movedIndex('ArrowDown', 4, 10, 5)).toBe(5)
    expect(movedIndex('ArrowUp', 0, 10, 5)).toBe(0)
    expect(movedIndex('PageDown', 0, 100, 10)).toBe(9)
    expect(movedIndex('PageUp', 5, 100, 10)).toBe(0)
    expect(movedIndex('End', 0, 100_000, 10)).toBe(99_999)
    expect(movedIndex('Home', 50, 100, 10)).toBe(0)
    expect(movedIndex('x', 50, 100, 10)).toBeNull()
    expect(movedIndex('ArrowDown', 0, 0, 10)).toBeNull()
    expect(indexRange(5, 2)).toEqual([2, 3, 4, 5])
  })
})
