import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { ScanLimits } from '../../../main/core/model/scan'
import { ROOT } from '../../helpers/launcher'

const IMAGES = join(ROOT, 'test', 'fixtures', 'images')

/** Generous: scan processes start through tsx, on 2 cores shared with other suites. */
export const HEAVY_TIMEOUT_MS = 180_000

/** Rules that hit the folder tree, the FAT image's files and the container media. */
export const FORENSIC_RULES = {
  'forensic.yar': `
rule Planted_Marker { strings: $m = "OUTPOST-H2-MARKER" condition: $m }
rule Container_Media { strings: $c = "OUTPOST container fixture" condition: $c }
rule Any_Content { condition: filesize > 0 }
`,
}

/** Whole small files, one process, generous deadlines (2 busy cores). */
export const FORENSIC_LIMITS: ScanLimits = {
  maxFileBytes: 8 * 1024 * 1024,
  engineTimeoutMs: 20_000,
  hardDeadlineMs: 60_000,
  matchCapPerPattern: 100,
  excerptBytes: 32,
  processes: 1,
}

function gunzipTo(name: string, target: string): void {
  writeFileSync(target, gunzipSync(readFileSync(join(IMAGES, name))))
}

/**
 * Evidence of every kind under `root`: a folder tree (nested folders, an empty and a 1-byte
 * file, a non-ASCII name), a single file, a raw FAT16 image, a 3-part split raw image and a
 * 4-segment E01 (with stored MD5/SHA-1, so hashing verifies). Returns the paths to add.
 */
export function buildForensicEvidence(root: string): string[] {
  const tree = join(root, 'tree')
  const put = (rel: string, data: string | Buffer): void => {
    mkdirSync(join(tree, rel, '..'), { recursive: true })
    writeFileSync(join(tree, rel), data)
  }
  put('top.txt', 'hello OUTPOST-H2-MARKER top\n')
  put('a/b/c/deep.bin', Buffer.concat([Buffer.alloc(70_000, 7), Buffer.from('OUTPOST-H2-MARKER')]))
  put('a/empty.dat', '')
  put('a/one.dat', 'x')
  put('ünïcode/naïve café.txt', 'OUTPOST-H2-MARKER in a non-ASCII path')
  mkdirSync(join(tree, 'empty-folder'))
  const single = join(root, 'single.txt')
  writeFileSync(single, 'a single evidence file with OUTPOST-H2-MARKER\n')
  const raw = join(root, 'fat16.img')
  gunzipTo('fs-fat16.img.gz', raw)
  const split = join(root, 'split')
  mkdirSync(split)
  for (const part of ['001', '002', '003'])
    gunzipTo(`containers/media.${part}.gz`, join(split, `media.${part}`))
  const ewf = join(root, 'ewf')
  mkdirSync(ewf)
  for (const seg of ['E01', 'E02', 'E03', 'E04'])
    gunzipTo(`containers/media-seg.${seg}.gz`, join(ewf, `media-seg.${seg}`))
  return [tree, single, raw, join(split, 'media.001'), join(ewf, 'media-seg.E01')]
}
