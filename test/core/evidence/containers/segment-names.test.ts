import { describe, expect, it } from 'vitest'
import {
  ewfFirstSegment,
  ewfSegmentPath,
} from '../../../../main/core/evidence/containers/segment-names'

describe('EWF segment names', () => {
  it.each([
    [1, 'case/x.E01'],
    [2, 'case/x.E02'],
    [99, 'case/x.E99'],
    [100, 'case/x.EAA'],
    [101, 'case/x.EAB'],
    [126, 'case/x.EBA'],
    [775, 'case/x.EZZ'],
    [776, 'case/x.FAA'],
    [14971, 'case/x.ZZZ'],
  ])('segment %i of x.E01 is %s', (n, name) => {
    expect(ewfSegmentPath('case/x.E01', n)).toBe(name)
  })

  it('keeps lower case and stops after .ZZZ', () => {
    expect(ewfSegmentPath('x.e01', 2)).toBe('x.e02')
    expect(ewfSegmentPath('x.e01', 100)).toBe('x.eaa')
    expect(ewfSegmentPath('x.E01', 14972)).toBeNull()
  })

  it('cannot name later segments of a first segment not called .E01', () => {
    expect(ewfSegmentPath('evidence.bin', 1)).toBe('evidence.bin')
    expect(ewfSegmentPath('evidence.bin', 2)).toBeNull()
  })

  it.each([
    ['x.E05', 5, 'x.E01'],
    ['x.EAB', 101, 'x.E01'],
    ['x.fzz', 1451, 'x.e01'],
    ['x.img', 3, null],
    ['x.E01', 1, 'x.E01'],
    ['renamed.bin', 1, 'renamed.bin'],
    ['renamed.bin', 3, null],
  ])('the first segment of %s (segment %i) is %s', (path, n, first) => {
    expect(ewfFirstSegment(path, n)).toBe(first)
  })
})
