import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { readVolumes } from '../../../main/core/volumes/read-volumes'
import type { VolumeLayout } from '../../../main/core/volumes/volume-system'
import { bufferSource } from '../../helpers/file-source'
import { fixtureBytes, fixtureExpected } from '../filesystems/fixture-images'

async function layoutOf(bytes: Buffer): Promise<VolumeLayout> {
  return readVolumes(bufferSource(bytes))
}

/** The layout in the oracle's terms: sector numbers; GPT `type` is the partition name, as in mmls. */
function asTsk(
  layout: VolumeLayout,
): { slot: string; start_sector: number; length: number; type: string | null }[] {
  return layout.volumes
    .filter((volume) => volume.scheme !== 'none')
    .map((volume) => ({
      slot: volume.slot,
      start_sector: volume.start / layout.sectorSize,
      length: volume.length / layout.sectorSize,
      type: volume.scheme === 'gpt' ? volume.name : volume.type,
    }))
}

/** XOR one byte of `bytes` (in place). */
function flip(bytes: Buffer, at: number, mask: number): void {
  bytes.writeUInt8(bytes.readUInt8(at) ^ mask, at)
}

describe('partition tables against mmls', () => {
  it.each([
    ['vs-mbr', 'mbr', 512],
    ['vs-mbr-4k', 'mbr', 4096],
    ['vs-gpt', 'gpt', 512],
    ['vs-gpt-4k', 'gpt', 4096],
  ])('%s: %s with %i-byte sectors, the partitions TSK lists', async (name, scheme, sectorSize) => {
    const layout = await layoutOf(fixtureBytes(name))

    expect(layout.scheme).toBe(scheme)
    expect(layout.sectorSize).toBe(sectorSize)
    expect(asTsk(layout)).toEqual(fixtureExpected(name).partitions)
    expect(layout.warnings).toEqual([])
  })

  it.each(['fs-fat12', 'fs-fat16', 'fs-fat32', 'fs-exfat'])(
    '%s: a file system at offset 0 (boot sector ending in 0x55AA) is one whole-media volume, not an MBR',
    async (name) => {
      const bytes = fixtureBytes(name)

      const layout = await layoutOf(bytes)

      expect(layout.scheme).toBe('none')
      expect(layout.volumes).toMatchObject([{ index: 0, slot: '', start: 0, length: bytes.length }])
      expect(layout.unpartitioned).toEqual([])
    },
  )

  it('follows the extended partition chain and lists the space no partition covers', async () => {
    const layout = await layoutOf(fixtureBytes('vs-mbr'))

    expect(layout.diskId).toBe('0x0f1c5a11')
    expect(layout.volumes.map((v) => [v.slot, v.mbrType])).toEqual([
      ['000:000', 0x01],
      ['001:000', 0x06],
      ['002:000', 0x83],
    ])
    expect(layout.unpartitioned).toEqual([
      { offset: 0, length: 1_048_576 },
      { offset: 2_097_152, length: 1_048_576 },
      { offset: 4_194_304, length: 1_048_576 },
      { offset: 5_767_168, length: 2_621_440 },
    ])
  })

  it('names GPT partitions and their types, and gives the disk GUID', async () => {
    const layout = await layoutOf(fixtureBytes('vs-gpt'))

    expect(layout.diskId).toBe('0F1C5A11-0000-4000-8000-00000000D15C')
    expect(layout.volumes[0]).toMatchObject({
      name: 'fat-part',
      type: 'Microsoft basic data',
      typeGuid: 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7',
      guid: '0F1C5A11-0000-4000-8000-000000000001',
    })
    expect(layout.volumes[1]?.type).toBe('Linux filesystem data')
  })

  it('gives each volume its bytes as a source', async () => {
    const bytes = fixtureBytes('vs-mbr')
    const layout = await layoutOf(bytes)
    const volume = layout.volumes[1]

    expect(await volume?.source.read(0, 16)).toEqual(bytes.subarray(3_145_728, 3_145_728 + 16))
    expect(volume?.source.size).toBe(1_048_576)
  })
})

describe('damaged GPT', () => {
  it.each([
    [
      'vs-gpt',
      512,
      (b: Buffer) => {
        flip(b, 512 + 60, 0xff)
      },
      'fails its CRC32 check',
    ],
    ['vs-gpt', 512, (b: Buffer) => b.fill(0, 512, 1024), 'is missing'],
    [
      'vs-gpt-4k',
      4096,
      (b: Buffer) => {
        flip(b, 4096 + 60, 0xff)
      },
      'fails its CRC32 check',
    ],
  ])(
    '%s (%i-byte sectors): a damaged primary header is replaced by the backup header, with a warning',
    async (name, sectorSize, damage, why) => {
      const bytes = Buffer.from(fixtureBytes(name))
      damage(bytes)

      const layout = await layoutOf(bytes)

      expect(layout.scheme).toBe('gpt')
      expect(asTsk(layout)).toEqual(fixtureExpected(name).partitions)
      const last = bytes.length / sectorSize - 1
      expect(layout.warnings).toEqual([
        expect.stringMatching(
          new RegExp(`primary GPT header ${why}.*backup header at LBA ${last} was used`),
        ),
      ])
    },
  )

  it('uses the backup entry array when the primary one fails its CRC', async () => {
    const bytes = Buffer.from(fixtureBytes('vs-gpt'))
    flip(bytes, 1024 + 56, 0xff)

    const layout = await layoutOf(bytes)

    expect(layout.volumes[0]?.name).toBe('fat-part')
    expect(layout.warnings).toEqual([expect.stringContaining('the backup copy was used')])
  })

  it('falls back to the protective MBR when neither header is valid', async () => {
    const bytes = Buffer.from(fixtureBytes('vs-gpt'))
    flip(bytes, 512 + 60, 0xff)
    flip(bytes, bytes.length - 512 + 60, 0xff)

    const layout = await layoutOf(bytes)

    expect(layout.scheme).toBe('mbr')
    expect(layout.volumes.map((v) => v.type)).toEqual(['GPT Safety Partition (0xee)'])
    expect(layout.warnings[0]).toContain('neither GPT header is valid')
  })
})

describe('damaged MBR', () => {
  it('clips a partition that ends past the end of the media, and skips one that starts there', async () => {
    const bytes = fixtureBytes('vs-mbr').subarray(0, 3_500_000)

    const layout = await layoutOf(bytes)

    expect(layout.volumes.map((v) => [v.slot, v.length])).toEqual([
      ['000:000', 1_048_576],
      ['001:000', 3_500_000 - 3_145_728],
    ])
    expect(layout.warnings).toEqual([
      expect.stringContaining('No extended partition table at sector 8192'),
      'Partition 001:000 (DOS FAT16 (0x06)) ends past the end of the media; it is clipped to 354272 bytes.',
    ])
  })

  it('lists a partition starting past the end of the media as a warning only', async () => {
    const bytes = Buffer.from(fixtureBytes('vs-mbr'))
    bytes.writeUInt32LE(0x00ffffff, 446 + 8)

    const layout = await layoutOf(bytes)

    expect(layout.volumes.map((v) => v.slot)).toEqual(['001:000', '002:000'])
    expect(layout.warnings[0]).toContain(
      'Partition 000:000 (DOS FAT12 (0x01)) starts at sector 16777215, past the end',
    )
  })

  it('follows an extended chain that loops back once, with a warning', async () => {
    const bytes = Buffer.from(fixtureBytes('vs-mbr'))
    // The second EBR (sector 8192) gets a link to itself (8192 = extended base 4096 + 4096).
    const link = 8192 * 512 + 446 + 16
    bytes.writeUInt8(0x05, link + 4)
    bytes.writeUInt32LE(4096, link + 8)
    bytes.writeUInt32LE(1024, link + 12)

    const layout = await layoutOf(bytes)

    expect(layout.volumes.map((v) => v.slot)).toEqual(['000:000', '001:000', '002:000'])
    expect(layout.warnings).toEqual([
      'The extended partition chain loops back to sector 8192; it is followed once.',
    ])
  })
})

describe('media without a table', () => {
  it('refuses empty media', async () => {
    await expect(layoutOf(Buffer.alloc(0))).rejects.toMatchObject({ code: 'EVIDENCE_FORMAT' })
  })

  it.each([1, 511, 512, 4096])('reads %i zero bytes as one whole-media volume', async (size) => {
    const layout = await layoutOf(Buffer.alloc(size))

    expect(layout).toMatchObject({
      scheme: 'none',
      sectorSize: 512,
      unpartitioned: [],
      warnings: [],
    })
    expect(layout.volumes.map((v) => v.length)).toEqual([size])
  })

  it('takes the sector size a 4096-byte-sector file system states', async () => {
    const gpt4k = fixtureBytes('vs-gpt-4k')
    const layout = await layoutOf(gpt4k.subarray(1_048_576, 1_048_576 + 2_097_152))

    expect(layout).toMatchObject({ scheme: 'none', sectorSize: 4096 })
  })

  it('is not fooled by a 0x55AA sector whose entries are impossible', async () => {
    const sector = Buffer.alloc(4096)
    sector.writeUInt16LE(0xaa55, 510)
    sector.writeUInt8(0x42, 446)
    sector.writeUInt8(0x83, 446 + 4)
    sector.writeUInt32LE(1, 446 + 12)

    expect((await layoutOf(sector)).scheme).toBe('none')
  })

  it('recomputes nothing: a GPT header is only trusted with its CRC', () => {
    const header = fixtureBytes('vs-gpt').subarray(512, 512 + 92)
    const copy = Buffer.from(header)
    copy.writeUInt32LE(0, 16)

    expect(crc32(copy)).toBe(header.readUInt32LE(16))
  })
})
