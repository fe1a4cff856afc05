/**
 * File-system readers for `npm run bench`:
 *  - walk rates (entries/s, files/s, and for NTFS MFT records/s) of each reader on the largest
 *    corpus image holding its file system, and on a large image of real files made here;
 *  - scan throughput of the same ~256 MiB of real files as a folder, inside an NTFS image and
 *    inside an ext4 image, in the same run: the ratio is the cost of reading through a file
 *    system instead of the host's.
 * The images are built once with the standard tools (mkntfs + ntfs-3g, mke2fs -d) and cached
 * beside the bench corpus, outside the repository.
 */
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { openContainer } from '../../main/core/evidence/containers/open-container'
import { isWalkProblem } from '../../main/core/filesystems/file-system'
import type { FileSystem } from '../../main/core/filesystems/file-system'
import { openFileSystem } from '../../main/core/filesystems/open-file-system'
import type { LoadedPack } from '../../main/core/rules/load-pack'
import { readVolumes } from '../../main/core/volumes/read-volumes'
import { fmt, listFiles } from './measures'
import { timedScan } from './scan-measure'

const MIB = 1024 * 1024

/** The folder and the two images holding the same files. */
interface FsBenchMedia {
  readonly folder: string
  readonly files: number
  readonly bytes: number
  readonly images: readonly { readonly name: string; readonly path: string }[]
  readonly skipped: readonly string[]
}

/** Build (once) the folder of real files (`contentBytes` of them) and its NTFS and ext4 images. */
function ensureMedia(benchCorpus: string, contentBytes: number): FsBenchMedia {
  const base = join(
    dirname(benchCorpus),
    contentBytes === 256 * MIB ? 'fs-media-v1' : `fs-media-${contentBytes / MIB}MiB-v1`,
  )
  const folder = join(base, 'content')
  const stamp = join(base, 'content.json')
  if (!existsSync(stamp)) {
    rmSync(base, { recursive: true, force: true })
    let bytes = 0
    let files = 0
    for (const file of listFiles(benchCorpus)) {
      if (bytes + file.size > contentBytes) continue
      const target = join(folder, relative(benchCorpus, file.path))
      mkdirSync(dirname(target), { recursive: true })
      copyFileSync(file.path, target)
      bytes += file.size
      files += 1
    }
    writeFileSync(stamp, JSON.stringify({ files, bytes }))
  }
  const { files, bytes } = JSON.parse(readFileSync(stamp, 'utf8')) as {
    files: number
    bytes: number
  }
  const images: { name: string; path: string }[] = []
  const skipped: string[] = []
  const size = Math.ceil((bytes * 1.5 + 96 * MIB) / MIB)
  const ntfs = join(base, 'content.ntfs')
  try {
    if (!existsSync(ntfs)) makeNtfs(folder, ntfs, size)
    images.push({ name: 'NTFS image', path: ntfs })
  } catch (error) {
    skipped.push(`NTFS image (mkntfs + ntfs-3g): ${(error as Error).message.split('\n')[0]}`)
  }
  const ext4 = join(base, 'content.ext4')
  try {
    if (!existsSync(ext4)) {
      execFileSync('mke2fs', [
        '-q',
        '-F',
        '-t',
        'ext4',
        '-b',
        '4096',
        '-d',
        folder,
        `${ext4}.tmp`,
        `${size}M`,
      ])
      execFileSync('mv', [`${ext4}.tmp`, ext4])
    }
    images.push({ name: 'ext4 image', path: ext4 })
  } catch (error) {
    skipped.push(`ext4 image (mke2fs -d): ${(error as Error).message.split('\n')[0]}`)
  }
  return { folder, files, bytes, images, skipped }
}

/** mkntfs, then the files copied in through ntfs-3g (FUSE): what Windows-made volumes look like. */
function makeNtfs(folder: string, out: string, sizeMiB: number): void {
  const tmp = `${out}.tmp`
  const mount = mkdtempSync(join(tmpdir(), 'outpost-ntfs-mount-'))
  execFileSync('truncate', ['-s', `${sizeMiB}M`, tmp])
  execFileSync('mkntfs', ['-F', '-Q', '-q', '-L', 'BENCH', tmp], { stdio: 'ignore' })
  execFileSync('ntfs-3g', [tmp, mount])
  try {
    execFileSync('cp', ['-r', `${folder}/.`, mount])
  } finally {
    execFileSync('umount', [mount])
    rmSync(mount, { recursive: true, force: true })
  }
  execFileSync('mv', [tmp, out])
}

/** One walk rate. */
interface WalkRate {
  readonly name: string
  readonly entries: number
  readonly files: number
  readonly mftRecords: number | null
  readonly ms: number
}

/** Walk every file system of an image again and again for at least a second; the mean rate. */
async function walkRate(name: string, path: string): Promise<WalkRate> {
  const media = await openContainer(path)
  try {
    const layout = await readVolumes(media)
    const systems: FileSystem[] = []
    for (const volume of layout.volumes) {
      const fs = await openFileSystem(volume.source)
      if (fs !== null && /^(ntfs|ext)/.test(fs.kind)) systems.push(fs)
    }
    let entries = 0
    let files = 0
    let passes = 0
    const started = performance.now()
    do {
      for (const fs of systems) {
        for await (const item of fs.walk()) {
          if (isWalkProblem(item)) continue
          entries += 1
          if (item.kind === 'file') files += 1
        }
      }
      passes += 1
    } while (performance.now() - started < 1000)
    const ms = performance.now() - started
    const records = systems.reduce((n, fs) => n + mftRecordCount(fs), 0)
    return { name, entries, files, mftRecords: records > 0 ? records * passes : null, ms }
  } finally {
    await media.close()
  }
}

/** MFT records an NTFS walk goes through (from the reader's fsstat-like details). */
function mftRecordCount(fs: FileSystem): number {
  const value = fs.details['mftEntries']
  return typeof value === 'number' ? value : 0
}

/** The largest corpus image (by media size) holding each file-system family, gunzipped. */
function corpusImages(images: string, work: string): { name: string; path: string }[] {
  const oracles = readdirSync(images)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({
      name,
      ...(JSON.parse(readFileSync(join(images, name), 'utf8')) as {
        image: string
        stored_as: string
        media_size: number
        filesystems: readonly { type: string }[]
      }),
    }))
  const picked: { name: string; path: string }[] = []
  for (const family of ['ntfs', 'ext']) {
    const best = oracles
      .filter((o) => o.stored_as === 'gzip' && o.filesystems.some((f) => f.type.startsWith(family)))
      .sort((a, b) => b.media_size - a.media_size)[0]
    if (best === undefined) continue
    const path = join(work, best.image.replace(/\.gz$/, ''))
    writeFileSync(path, gunzipSync(readFileSync(join(images, best.image))))
    picked.push({ name: `corpus ${best.image} (${family})`, path })
  }
  return picked
}

/** What the file-system part measured (for bench-results.json). */
export interface FileSystemResults {
  readonly walks: readonly {
    name: string
    entriesPerS: number
    filesPerS: number
    mftRecordsPerS: number | null
  }[]
  readonly scans: readonly {
    name: string
    files: number
    contentBytes: number
    ms: number
    contentMibPerS: number
    ratioToFolder: number
    bytesScanned: number
    items: number
  }[]
  readonly skipped: readonly string[]
}

/** Print the walk rates and the folder-versus-image scan ratios; return them. */
export async function benchFileSystems(
  benchCorpus: string,
  corpusImagesDir: string | null,
  packs: readonly LoadedPack[],
  processes: number,
  contentBytes = 256 * MIB,
): Promise<FileSystemResults> {
  const media = ensureMedia(benchCorpus, contentBytes)
  const work = mkdtempSync(join(tmpdir(), 'outpost-bench-fs-'))
  const walks: FileSystemResults['walks'][number][] = []
  const scans: FileSystemResults['scans'][number][] = []
  try {
    const walked = [
      ...(corpusImagesDir === null ? [] : corpusImages(corpusImagesDir, work)),
      ...media.images,
    ]
    process.stdout.write('\nFile-system walks (metadata only, page cache warm)\n')
    for (const image of walked) {
      const r = await walkRate(image.name, image.path)
      const rate = (n: number): number => n / (r.ms / 1000)
      const perSecond = (n: number): string => fmt(rate(n), 0).padStart(9)
      walks.push({
        name: r.name,
        entriesPerS: rate(r.entries),
        filesPerS: rate(r.files),
        mftRecordsPerS: r.mftRecords === null ? null : rate(r.mftRecords),
      })
      process.stdout.write(
        `${r.name.padEnd(44)} ${perSecond(r.entries)} entries/s ${perSecond(r.files)} files/s` +
          (r.mftRecords === null ? '' : ` ${perSecond(r.mftRecords)} MFT records/s`) +
          '\n',
      )
    }
    process.stdout.write(
      `\nThe same ${media.files} files (${fmt(media.bytes / MIB, 0)} MiB) scanned as a folder and inside images, ${processes} processes, default pack.\n` +
        "content MiB/s = those files' bytes / time; scanned = all bytes given to YARA (an image adds its unallocated space)\n",
    )
    const folder = await timedScan(media.folder, packs, processes)
    const rate = (bytes: number, ms: number): number => bytes / MIB / (ms / 1000)
    const line = (name: string, scan: typeof folder): string => {
      const content = rate(media.bytes, scan.ms)
      scans.push({
        name,
        files: media.files,
        contentBytes: media.bytes,
        ms: scan.ms,
        contentMibPerS: content,
        ratioToFolder: content / rate(media.bytes, folder.ms),
        bytesScanned: scan.summary.bytesScanned,
        items: scan.summary.filesScanned,
      })
      return (
        `${name.padEnd(24)} ${fmt(content).padStart(7)} content MiB/s  ×folder ${fmt(content / rate(media.bytes, folder.ms), 2).padStart(5)}` +
        `  scanned ${fmt(scan.summary.bytesScanned / MIB, 0).padStart(4)} MiB at ${fmt(rate(scan.summary.bytesScanned, scan.ms)).padStart(6)} MiB/s` +
        `  (${scan.summary.filesScanned} items)\n`
      )
    }
    process.stdout.write(line('folder (baseline)', folder))
    for (const image of media.images) {
      process.stdout.write(line(image.name, await timedScan(image.path, packs, processes)))
    }
    for (const note of media.skipped) process.stdout.write(`skipped: ${note}\n`)
    return { walks, scans, skipped: media.skipped }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
