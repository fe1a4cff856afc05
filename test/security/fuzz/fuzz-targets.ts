import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { FIXTURES } from '../../core/evidence/containers/container-fixtures'
import { repairEwf, repairVhd } from '../../core/evidence/containers/mutate-image'
import { repairChecksums } from '../../core/filesystems/fs-mutations'
import { fixtureBytes } from '../../core/filesystems/fixture-images'
import { ROOT } from '../../helpers/launcher'

/**
 * What the parser fuzz runs on: one small valid image per container format, partition table
 * kind and file system (the committed fixtures of npm test), plus images whose file systems sit
 * inside a container, so a damaged file system is also read through a container reader.
 */
export interface FuzzTarget {
  /** Names the target in test names, reports and replay commands. */
  readonly id: string
  /** The parser the target aims at (`container/vhd`, `fs/ntfs`, `volumes/gpt` …). */
  readonly parser: string
  /** The file opened as evidence. */
  readonly open: string
  /** The file mutated (the opened one, or a file it needs: a VMDK's flat extent). */
  readonly mutated: string
  /** Every file of the evidence item, pristine, by name. */
  load(): Map<string, Buffer>
  /** Re-seal the checksums guarding the mutated file, so mutations reach the checks behind. */
  readonly repair?: (image: Buffer) => void
  /** Large images: only in the hardening run, to keep npm test within its budget. */
  readonly large?: boolean
}

const container = (name: string): Buffer => gunzipSync(readFileSync(join(FIXTURES, `${name}.gz`)))

function containerTarget(
  parser: string,
  name: string,
  beside: readonly string[] = [],
  repair?: (image: Buffer) => void,
): FuzzTarget {
  return {
    id: name,
    parser,
    open: name,
    mutated: name,
    load: () => new Map([name, ...beside].map((n) => [n, container(n)])),
    ...(repair === undefined ? {} : { repair }),
  }
}

function rawTarget(parser: string, name: string, large = false): FuzzTarget {
  return {
    id: name,
    parser,
    open: `${name}.img`,
    mutated: `${name}.img`,
    load: () => new Map([[`${name}.img`, fixtureBytes(name)]]),
    repair: repairChecksums,
    large,
  }
}

/** A fixed VHD around raw media: the media then a 512-byte footer (copied from a real one). */
function fixedVhd(media: Buffer): Buffer {
  const model = container('media-fixed.vhd')
  const footer = Buffer.from(model.subarray(model.length - 512))
  footer.writeBigUInt64BE(BigInt(media.length), 40)
  footer.writeBigUInt64BE(BigInt(media.length), 48)
  const image = Buffer.concat([media, footer])
  repairVhd(image)
  return image
}

/** A monolithicFlat VMDK descriptor naming `flat` as its one extent. */
function flatDescriptor(flat: string, bytes: number): Buffer {
  return Buffer.from(
    [
      '# Disk DescriptorFile',
      'version=1',
      'CID=0badc0de',
      'parentCID=ffffffff',
      'createType="monolithicFlat"',
      '',
      `RW ${String(bytes / 512)} FLAT "${flat}" 0`,
      '',
    ].join('\n'),
  )
}

/** Every target; `large` ones are left to the hardening run. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  containerTarget('container/raw', 'tiny.raw'),
  containerTarget('container/raw', 'media.raw'),
  containerTarget('container/split-raw', 'media.001', ['media.002', 'media.003']),
  containerTarget('container/split-raw', 'media.003', ['media.001', 'media.002']),
  containerTarget('container/ewf', 'tiny.E01', [], repairEwf),
  containerTarget('container/ewf', 'media-zlib.E01', [], repairEwf),
  containerTarget(
    'container/ewf',
    'media-seg.E01',
    ['media-seg.E02', 'media-seg.E03', 'media-seg.E04'],
    repairEwf,
  ),
  containerTarget('container/vhd', 'tiny.vhd', [], repairVhd),
  containerTarget('container/vhd', 'media-fixed.vhd', [], repairVhd),
  containerTarget('container/vhd', 'media-dyn.vhd', [], repairVhd),
  containerTarget('container/vhd', 'media-diff.vhd', ['media-dyn.vhd'], repairVhd),
  containerTarget('container/vmdk', 'tiny.vmdk'),
  containerTarget('container/vmdk', 'media-sparse.vmdk'),
  containerTarget('container/vmdk', 'media-stream.vmdk'),
  containerTarget('container/vmdk', 'media-flat.vmdk', ['media-flat-flat.vmdk']),
  containerTarget('container/vmdk', 'media-multi.vmdk', [
    'media-multi-f001.vmdk',
    'media-multi-s002.vmdk',
    'media-multi-f003.vmdk',
  ]),
  containerTarget('container/qcow2', 'tiny.qcow2'),
  containerTarget('container/qcow2', 'media-v3.qcow2'),
  containerTarget('container/qcow2', 'media-zlib.qcow2'),
  containerTarget('container/qcow2', 'media-overlay.qcow2', ['media-v3.qcow2']),
  containerTarget('container/qcow2', 'media-l2ext.qcow2', ['media-v3.qcow2']),
  containerTarget('container/qcow2', 'media-overlay-raw.qcow2', ['media.raw']),
  containerTarget('container/qcow2', 'enc-aes.qcow2'),
  {
    id: 'marker-disk.E01',
    parser: 'container/ewf+volumes/mbr+fs',
    open: 'marker-disk.E01',
    mutated: 'marker-disk.E01',
    load: () =>
      new Map([
        ['marker-disk.E01', readFileSync(join(ROOT, 'test/fixtures/images/scan/marker-disk.E01'))],
      ]),
    repair: repairEwf,
  },
  rawTarget('volumes/mbr', 'vs-mbr'),
  rawTarget('volumes/mbr', 'vs-mbr-4k'),
  rawTarget('volumes/gpt', 'vs-gpt'),
  rawTarget('volumes/gpt', 'vs-gpt-4k'),
  rawTarget('fs/fat12', 'fs-fat12'),
  rawTarget('fs/fat16', 'fs-fat16'),
  rawTarget('fs/fat32', 'fs-fat32', true),
  rawTarget('fs/exfat', 'fs-exfat'),
  rawTarget('fs/ntfs', 'fs-ntfs'),
  rawTarget('fs/ext2', 'fs-ext2'),
  rawTarget('fs/ext3', 'fs-ext3'),
  rawTarget('fs/ext4', 'fs-ext4'),
  rawTarget('fs/ext4', 'fs-ext4-metabg'),
  rawTarget('fs/ext4', 'os-linux-ext4'),
  rawTarget('fs/fat16', 'os-windows-fat16'),
  {
    id: 'vs-mbr-in-fixed.vhd',
    parser: 'container/vhd+volumes/mbr+fs',
    open: 'vs-mbr.vhd',
    mutated: 'vs-mbr.vhd',
    load: () => new Map([['vs-mbr.vhd', fixedVhd(fixtureBytes('vs-mbr'))]]),
    repair: (image) => {
      repairVhd(image)
      repairChecksums(image)
    },
  },
  {
    id: 'vs-gpt-in-flat.vmdk',
    parser: 'container/vmdk+volumes/gpt+fs',
    open: 'vs-gpt.vmdk',
    mutated: 'vs-gpt-flat.vmdk',
    load: () => {
      const media = fixtureBytes('vs-gpt')
      return new Map([
        ['vs-gpt.vmdk', flatDescriptor('vs-gpt-flat.vmdk', media.length)],
        ['vs-gpt-flat.vmdk', media],
      ])
    },
    repair: repairChecksums,
  },
]
