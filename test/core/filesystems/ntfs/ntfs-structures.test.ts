import { describe, expect, it } from 'vitest'
import { readNtfsBoot } from '../../../../main/core/filesystems/ntfs/ntfs-boot'
import { applyFixups } from '../../../../main/core/filesystems/ntfs/ntfs-fixups'
import { decompressLznt1 } from '../../../../main/core/filesystems/ntfs/ntfs-lznt1'
import { filetime } from '../../../../main/core/filesystems/ntfs/ntfs-names'
import { parseRecord } from '../../../../main/core/filesystems/ntfs/ntfs-record'
import { clusterRunsToData, decodeRunList } from '../../../../main/core/filesystems/ntfs/ntfs-runs'
import { sidString } from '../../../../main/core/filesystems/ntfs/ntfs-security'

/** A 1024-byte record protected by an update sequence (number 0x0007) at offset 48. */
function protectedRecord(signature = 'FILE'): Buffer {
  const record = Buffer.alloc(1024)
  record.write(signature, 0, 'latin1')
  record.writeUInt16LE(48, 4)
  record.writeUInt16LE(3, 6)
  record.writeUInt16LE(0x0007, 48)
  record.writeUInt16LE(0xaaaa, 50)
  record.writeUInt16LE(0xbbbb, 52)
  record.writeUInt16LE(0x0007, 510)
  record.writeUInt16LE(0x0007, 1022)
  record.writeUInt16LE(56, 20) // first attribute
  record.writeUInt16LE(1, 22) // in use
  record.writeUInt32LE(0xffffffff, 56) // end of attributes
  return record
}

describe('NTFS update sequence (fixups)', () => {
  it('puts the saved bytes back at the end of each 512-byte stride', () => {
    const record = protectedRecord()

    expect(applyFixups(record, 0, 1024)).toBeNull()
    expect(record.readUInt16LE(510)).toBe(0xaaaa)
    expect(record.readUInt16LE(1022)).toBe(0xbbbb)
  })

  it('reports a torn stride and a sequence array outside the record', () => {
    const torn = protectedRecord()
    torn.writeUInt16LE(0x0008, 1022)
    const outside = protectedRecord()
    outside.writeUInt16LE(1020, 4)

    expect(applyFixups(torn, 0, 1024)).toContain('sector 2')
    expect(applyFixups(outside, 0, 1024)).toContain('outside the record')
  })

  it('makes a record with a torn stride a damaged record, zeros an empty one', () => {
    const torn = protectedRecord()
    torn.writeUInt16LE(0x1234, 510)

    expect(parseRecord(protectedRecord(), 30, { clusterCount: 100 }).kind).toBe('record')
    expect(parseRecord(torn, 30, { clusterCount: 100 }).kind).toBe('damaged')
    expect(parseRecord(protectedRecord('BAAD'), 30, { clusterCount: 100 })).toMatchObject({
      kind: 'damaged',
      reason: expect.stringContaining('BAAD') as unknown,
    })
    expect(parseRecord(Buffer.alloc(1024), 30, { clusterCount: 100 }).kind).toBe('empty')
  })

  it('stops at an attribute whose length runs past the record', () => {
    const record = protectedRecord()
    record.writeUInt32LE(0x10, 56)
    record.writeUInt32LE(4096, 60)

    const read = parseRecord(record, 30, { clusterCount: 100 })

    expect(read.kind === 'record' ? read.record.problem : null).toContain('runs past the record')
  })
})

describe('NTFS run lists', () => {
  it('decodes lengths, signed LCN deltas (negative too) and sparse runs', () => {
    // 0x100 clusters at 0x1000; 8 sparse; 5 at 0x1000 - 0x10 = 0xff0; end.
    const list = Buffer.from([0x22, 0x00, 0x01, 0x00, 0x10, 0x01, 0x08, 0x11, 0x05, 0xf0, 0x00])

    const decoded = decodeRunList(list, 0, list.length, 0, 100_000)

    expect(decoded.problem).toBeNull()
    expect(decoded.runs).toEqual([
      { vcn: 0, lcn: 0x1000, count: 0x100 },
      { vcn: 0x100, lcn: null, count: 8 },
      { vcn: 0x108, lcn: 0xff0, count: 5 },
    ])
  })

  it('stops at a run outside the volume, a zero length or a missing end mark', () => {
    const outside = Buffer.from([0x11, 0x05, 0x7f, 0x00])
    const zero = Buffer.from([0x11, 0x00, 0x05, 0x00])
    const endless = Buffer.from([0x11, 0x05, 0x05])

    expect(decodeRunList(outside, 0, 4, 0, 100).problem).toContain('outside the volume')
    expect(decodeRunList(zero, 0, 4, 0, 100).problem).toContain('impossible')
    expect(decodeRunList(endless, 0, 3, 0, 100).problem).toContain('no end mark')
  })

  it('turns runs into byte runs: holes, and zeros past the initialized size', () => {
    const runs = [
      { vcn: 0, lcn: 10, count: 2 },
      { vcn: 2, lcn: null, count: 1 },
      { vcn: 3, lcn: 20, count: 2 },
    ]

    expect(clusterRunsToData(runs, 1024, 4500, 3500)).toEqual([
      { offset: 10 * 1024, length: 2048 },
      { offset: null, length: 1024 },
      { offset: 20 * 1024, length: 428 },
      { offset: null, length: 1000 },
    ])
  })
})

describe('LZNT1', () => {
  it('expands literals and an overlapping back reference', () => {
    // Flag byte 0b1000: three literals, then a reference 3 back, 9 long (offset 2, length 6).
    const input = Buffer.from([0x05, 0xb0, 0x08, 0x61, 0x62, 0x63, 0x06, 0x20, 0x00, 0x00])
    const output = Buffer.alloc(4096)

    expect(decompressLznt1(input, output)).toBe(12)
    expect(output.toString('latin1', 0, 12)).toBe('abcabcabcabc')
  })

  it('copies a stored chunk, and pads a short chunk that is not the last to 4 KiB', () => {
    const stored = Buffer.from([0x04, 0x30, ...Buffer.from('hello'), 0x00, 0x30, 0x21])
    const output = Buffer.alloc(8192, 0xee)

    expect(decompressLznt1(stored, output)).toBe(4097)
    expect(output.toString('latin1', 0, 5)).toBe('hello')
    expect(output[4095]).toBe(0)
    expect(output[4096]).toBe(0x21)
  })

  it('refuses a back reference before the start of the chunk', () => {
    const input = Buffer.from([0x03, 0xb0, 0x01, 0x00, 0x50, 0x00, 0x00])

    expect(decompressLznt1(input, Buffer.alloc(4096))).toContain('before the chunk')
  })
})

describe('NTFS values', () => {
  it('converts FILETIME to UTC ISO-8601 with 100 ns precision', () => {
    const bytes = Buffer.alloc(8)
    bytes.writeBigUInt64LE(116_444_736_000_000_000n + 1_234_567n)

    expect(filetime(bytes, 0)).toBe('1970-01-01T00:00:00.1234567Z')
    expect(filetime(Buffer.alloc(8), 0)).toBeNull()
  })

  it('writes SIDs as S-R-A-S1-…', () => {
    const sid = Buffer.from([1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 0x02, 0, 0])

    expect(sidString(sid, 0)).toBe('S-1-5-32-544')
  })

  it('reads record and index sizes given as negative powers of two', () => {
    const sector = Buffer.alloc(512)
    sector.write('NTFS    ', 3, 'latin1')
    sector.writeUInt16LE(512, 11)
    sector.writeUInt8(8, 13)
    sector.writeBigUInt64LE(20_000n, 0x28)
    sector.writeBigUInt64LE(4n, 0x30)
    sector.writeInt8(-10, 0x40)
    sector.writeInt8(1, 0x44)

    expect(readNtfsBoot(sector)).toMatchObject({
      clusterSize: 4096,
      recordSize: 1024,
      indexRecordSize: 4096,
      clusterCount: 2500,
    })
  })
})
