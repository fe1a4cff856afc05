/**
 * Container-reader throughput for `npm run bench`: a 256 MiB (quick: 32 MiB) raw disk built from the folder
 * corpus (real, mixed bytes) is converted once, with the standard tools, into every container
 * format Outpost reads, and cached outside the repository. Each reader then reads its image
 * end to end once, opened fresh (the image is larger than the reader's cache), beside plain
 * reads of the raw file: the ratio is the cost of the format.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { open } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { openContainer } from '../../main/core/evidence/containers/open-container'
import { listFiles } from './measures'

/** One measured pass: what was read, how many bytes, in how many milliseconds. */
export interface ContainerMeasure {
  readonly name: string
  readonly bytes: number
  readonly ms: number
}

const STEP = 1024 * 1024

/** The formats, and the command line that makes each from the raw image (tools from Debian). */
const FORMATS: readonly {
  readonly name: string
  readonly file: string
  readonly make: (raw: string, out: string) => [string, string[]]
}[] = [
  {
    name: 'ewf, uncompressed',
    file: 'disk-none.E01',
    make: (raw, out) => [
      'ewfacquire',
      ['-u', '-t', out.replace(/\.E01$/, ''), '-f', 'encase6', '-c', 'none', '-S', '1500MiB', raw],
    ],
  },
  {
    name: 'ewf, deflate fast',
    file: 'disk-fast.E01',
    make: (raw, out) => [
      'ewfacquire',
      [
        '-u',
        '-t',
        out.replace(/\.E01$/, ''),
        '-f',
        'encase6',
        '-c',
        'deflate:fast',
        '-S',
        '1500MiB',
        raw,
      ],
    ],
  },
  {
    name: 'vhd, dynamic',
    file: 'disk.vhd',
    make: (raw, out) => ['qemu-img', ['convert', '-f', 'raw', '-O', 'vpc', raw, out]],
  },
  {
    name: 'vmdk, monolithicSparse',
    file: 'disk.vmdk',
    make: (raw, out) => ['qemu-img', ['convert', '-f', 'raw', '-O', 'vmdk', raw, out]],
  },
  {
    name: 'qcow2',
    file: 'disk.qcow2',
    make: (raw, out) => ['qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, out]],
  },
  {
    name: 'qcow2, zlib clusters',
    file: 'disk-zlib.qcow2',
    make: (raw, out) => ['qemu-img', ['convert', '-c', '-f', 'raw', '-O', 'qcow2', raw, out]],
  },
]

/**
 * Measure every format whose tool is installed (the others are named as skipped), beside plain
 * reads of the raw image. Needs the folder corpus (built by the folder benchmark).
 */
export async function benchContainers(
  corpusDir: string,
  mediaBytes = 256 * 1024 * 1024,
): Promise<{ measures: ContainerMeasure[]; skipped: string[] }> {
  const dir = join(
    process.env['OUTPOST_BENCH_DIR'] ?? join(homedir(), '.cache', 'outpost-bench'),
    mediaBytes === 256 * 1024 * 1024 ? 'images-v1' : `images-${mediaBytes / (1024 * 1024)}MiB-v1`,
  )
  mkdirSync(dir, { recursive: true })
  const raw = join(dir, 'disk.raw')
  if (!existsSync(raw)) buildRaw(corpusDir, raw, mediaBytes)
  const measures: ContainerMeasure[] = [
    await measure('plain reads of disk.raw', () => plainPass(raw)),
  ]
  const skipped: string[] = []
  for (const format of FORMATS) {
    const path = join(dir, format.file)
    if (!existsSync(path)) {
      const [tool, args] = format.make(raw, path)
      if (spawnSync('which', [tool]).status !== 0) {
        skipped.push(`${format.name} (${tool} not installed)`)
        continue
      }
      execFileSync(tool, args, { stdio: 'ignore' })
    }
    measures.push(await measure(`${format.name} (openContainer)`, () => containerPass(path)))
  }
  return { measures, skipped }
}

/** The raw disk: the corpus files' bytes back to back, up to `mediaBytes`. */
function buildRaw(corpusDir: string, raw: string, mediaBytes: number): void {
  const partial = `${raw}.partial`
  const out = openSync(partial, 'w')
  const buffer = Buffer.allocUnsafe(STEP)
  let written = 0
  try {
    for (const file of listFiles(corpusDir)) {
      const input = openSync(file.path, 'r')
      try {
        for (
          let n = readSync(input, buffer);
          n > 0 && written < mediaBytes;
          n = readSync(input, buffer)
        ) {
          written += writeSync(out, buffer, 0, Math.min(n, mediaBytes - written))
        }
      } finally {
        closeSync(input)
      }
      if (written >= mediaBytes) break
    }
  } finally {
    closeSync(out)
  }
  renameSync(partial, raw)
  rmSync(partial, { force: true })
}

async function measure(name: string, pass: () => Promise<number>): Promise<ContainerMeasure> {
  await pass() // warm the page cache: every format is then read from memory, like the baseline
  const start = process.hrtime.bigint()
  const bytes = await pass()
  return { name, bytes, ms: Number(process.hrtime.bigint() - start) / 1e6 }
}

async function containerPass(path: string): Promise<number> {
  const container = await openContainer(path)
  try {
    let done = 0
    while (done < container.size) done += (await container.read(done, STEP)).length
    return done
  } finally {
    await container.close()
  }
}

async function plainPass(path: string): Promise<number> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(STEP)
    let done = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, STEP, done)
      if (bytesRead === 0) return done
      done += bytesRead
    }
  } finally {
    await handle.close()
  }
}
