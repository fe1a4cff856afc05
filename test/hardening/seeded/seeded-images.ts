import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { run } from './tools'

/**
 * The seeded corpus tree as file-system images, built with the standard tools (B7): ext4 with
 * `mkfs.ext4 -d` (1 KiB blocks, no root needed) and FAT16 with `mkfs.fat` + `mcopy` (512-byte
 * clusters). On FAT, clusters/straddle.bin is written into holes left by deleted spacer files,
 * so its seeds across cluster edges also cross fragment edges (non-contiguous runs).
 */
export function buildExt4(root: string, image: string): void {
  run('mkfs.ext4', ['-q', '-F', '-b', '1024', '-L', 'SEEDED', '-d', root, image, '16M'])
}

export function buildFat(root: string, image: string): void {
  run('mkfs.fat', [
    '-F',
    '16',
    '-S',
    '512',
    '-s',
    '1',
    '-n',
    'SEEDED',
    '-i',
    '5EED5EED',
    '-C',
    image,
    '24576',
  ])
  const mtools = (cmd: string, ...args: string[]) => run(cmd, ['-i', image, ...args])
  mtools('mmd', '::/holes')
  mtools('mmd', '::/clusters')
  const spacer = join(root, '..', 'spacer.bin')
  run('sh', ['-c', `head -c 4096 /dev/zero > '${spacer}'`])
  // Eight 4 KiB holes between kept files: straddle.bin (64 KiB) fills them, then goes on.
  for (let i = 1; i <= 8; i += 1) {
    mtools('mcopy', spacer, `::/holes/spacer-${i}.bin`)
    mtools('mcopy', spacer, `::/holes/keep-${i}.bin`)
  }
  for (let i = 1; i <= 8; i += 1) mtools('mdel', `::/holes/spacer-${i}.bin`)
  mtools('mcopy', join(root, 'clusters', 'straddle.bin'), '::/clusters/straddle.bin')
  for (const entry of readdirSync(root)) {
    if (entry === 'clusters') continue
    mtools('mcopy', '-s', join(root, entry), '::/')
  }
}

/** Start clusters of a FAT file, from `mshowfat` (proof the file is fragmented). */
export function fatRuns(image: string, path: string): string {
  return run('mshowfat', ['-i', image, `::${path}`]).trim()
}
