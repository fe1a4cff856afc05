import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isUnsafeEntryName, openZip } from '../../../main/core/archive/zip-reader'
import { buildZip } from '../../../main/core/archive/zip-writer'
import { isAppError } from '../../../main/core/model/errors'
import { openSignedPackSource } from '../../../main/core/rules/signed-pack-source'
import { tempDir, withSuiteTempDirs } from '../../helpers/temp-dir'
import { endRecord, filesUnder } from './hostile-zips'

/**
 * Property tests over our ZIP reader and the pack extraction (security-checks D1–D3, D6 style):
 * mutated valid zips and generated central directories. For every input: only AppError
 * escapes, each input is done within the deadline, memory stays bounded, every accepted name is
 * safe, and the pack extraction leaves nothing behind and nothing outside its staging folder.
 * `OUTPOST_FUZZ_RUNS` / `OUTPOST_FUZZ_SEED` scale it (the hardening project runs 20× more).
 */
export const RUNS = Number(process.env['OUTPOST_FUZZ_RUNS'] ?? 200)
export const SEED = Number(process.env['OUTPOST_FUZZ_SEED'] ?? 20261126)
const DEADLINE_MS = 10_000
const MEMORY_CAP = 256 * 1024 * 1024

let root: string
let staging: string
let savedTmp: string | undefined
let counter = 0
const tally = { inputs: 0, opened: 0, refused: 0, entriesRead: 0, slowestMs: 0, maxGrowth: 0 }

beforeAll(async () => {
  root = await withSuiteTempDirs(() => Promise.resolve(tempDir('outpost-zipfuzz-')))
  staging = join(root, 'tmp')
  mkdirSync(staging)
  savedTmp = process.env['TMPDIR']
  process.env['TMPDIR'] = staging
  console.log(`zip fuzz: seed ${SEED}, ${RUNS} runs per property`)
})

afterAll(() => {
  if (savedTmp === undefined) delete process.env['TMPDIR']
  else process.env['TMPDIR'] = savedTmp
  console.log(`zip fuzz tally: ${JSON.stringify(tally)}`)
})

function appErrorOnly(run: () => void): void {
  try {
    run()
  } catch (error: unknown) {
    if (!isAppError(error)) throw error
  }
}

function memory(): number {
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.arrayBuffers
}

/** Everything a caller does with a zip: open, read every entry, extract it as a pack. */
function exercise(bytes: Buffer): void {
  const name = `in-${counter++}.zip`
  const path = join(root, name)
  writeFileSync(path, bytes)
  const started = Date.now()
  const before = memory()
  tally.inputs += 1
  try {
    const zip = openZip(path)
    tally.opened += 1
    try {
      for (const entry of zip.entries) {
        expect(isUnsafeEntryName(entry.name), entry.name).toBe(false)
        appErrorOnly(() => {
          zip.read(entry)
          tally.entriesRead += 1
        })
      }
    } finally {
      zip.close()
    }
  } catch (error: unknown) {
    if (!isAppError(error)) throw error
    tally.refused += 1
  }
  // No key resolves, so every pack is refused after extraction: then nothing may be left.
  appErrorOnly(() => {
    openSignedPackSource(path, () => ({ status: 'unknown' }) as never, 'Rule pack')
  })
  expect(filesUnder(root)).toEqual([name])
  const elapsed = Date.now() - started
  const growth = memory() - before
  tally.slowestMs = Math.max(tally.slowestMs, elapsed)
  tally.maxGrowth = Math.max(tally.maxGrowth, growth)
  expect(elapsed).toBeLessThan(DEADLINE_MS)
  expect(growth).toBeLessThan(MEMORY_CAP)
  rmSync(path)
}

const SAFE_SEGMENT = fc.stringMatching(/^[a-z0-9_.-]{1,12}$/).filter((s) => s !== '.' && s !== '..')

const validEntry = fc.record({
  name: fc.array(SAFE_SEGMENT, { minLength: 1, maxLength: 4 }).map((p) => p.join('/')),
  data: fc.oneof(
    fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
    fc.nat({ max: 20_000 }).map((n) => Buffer.alloc(n, 0x61)),
  ),
  method: fc.constantFrom('stored' as const, 'deflate' as const, 'auto' as const),
})

const validZip = fc
  .uniqueArray(validEntry, { minLength: 1, maxLength: 6, selector: (e) => e.name })
  .map((entries) => buildZip(entries))

type Mutation =
  | { kind: 'byte'; at: number; value: number }
  | { kind: 'field'; anchor: number; offset: number; value: number; width: 2 | 4 }
  | { kind: 'truncate'; to: number }
  | { kind: 'append'; bytes: Uint8Array }

const FIELD_VALUES = fc.oneof(
  fc.constantFrom(0, 1, 0xffff, 0xffffffff, 0x7fffffff, 0x80000000),
  fc.nat(),
)

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({
    kind: fc.constant('field' as const),
    anchor: fc.nat(),
    offset: fc.nat({ max: 45 }),
    value: FIELD_VALUES,
    width: fc.constantFrom(2 as const, 4 as const),
  }),
  fc.record({ kind: fc.constant('truncate' as const), to: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
)

/** Offsets of every local, central and end signature: where the fields worth mutating are. */
function anchors(bytes: Buffer): number[] {
  const out: number[] = []
  for (let i = 0; i + 4 <= bytes.length; i += 1) {
    const sig = bytes.readUInt32LE(i)
    if (sig === 0x04034b50 || sig === 0x02014b50 || sig === 0x06054b50) out.push(i)
  }
  return out
}

function mutate(original: Buffer, mutations: readonly Mutation[]): Buffer {
  let bytes = Buffer.from(original)
  for (const m of mutations) {
    if (m.kind === 'byte' && bytes.length > 0) bytes[m.at % bytes.length] = m.value
    if (m.kind === 'truncate') bytes = bytes.subarray(0, m.to % (bytes.length + 1))
    if (m.kind === 'append') bytes = Buffer.concat([bytes, m.bytes])
    if (m.kind === 'field') {
      const at = anchors(bytes)
      if (at.length === 0) continue
      const pos = (at[m.anchor % at.length] as number) + m.offset
      if (pos + m.width > bytes.length) continue
      if (m.width === 2) bytes.writeUInt16LE(m.value & 0xffff, pos)
      else bytes.writeUInt32LE(m.value >>> 0, pos)
    }
  }
  return bytes
}

/** Name bytes from an alphabet of traversal pieces, drive letters, NUL, lookalikes, bad UTF-8. */
const HOSTILE_PIECES = [
  '..',
  '.',
  '/',
  '\\',
  'C:',
  'a',
  'b',
  '\u0000',
  '\u2215',
  '\uff0e',
  '%2e',
  ' ',
]
const hostileName = fc
  .array(fc.constantFrom(...HOSTILE_PIECES), { minLength: 0, maxLength: 10 })
  .map((parts) => Buffer.from(parts.join(''), 'utf8'))
const nameBytes = fc.oneof(
  hostileName,
  fc.uint8Array({ maxLength: 24 }).map((a) => Buffer.from(a)),
)

interface CentralEntry {
  readonly name: Buffer
  readonly data: Buffer
  readonly method: number
  readonly flags: number
  readonly host: number
  readonly mode: number
  readonly lieSize: number | undefined
  readonly lieOffset: number | undefined
}

const centralEntry: fc.Arbitrary<CentralEntry> = fc.record({
  name: nameBytes,
  data: fc.uint8Array({ maxLength: 256 }).map((a) => Buffer.from(a)),
  method: fc.constantFrom(0, 8, 12, 99),
  flags: fc.constantFrom(0, 0x0800, 0x0001, 0x0008),
  host: fc.constantFrom(0, 3, 19),
  mode: fc.constantFrom(0, 0o100644, 0o040755, 0o120777, 0o020644, 0o010644, 0o170777),
  lieSize: fc.option(FIELD_VALUES, { nil: undefined }),
  lieOffset: fc.option(FIELD_VALUES, { nil: undefined }),
})

/** A zip whose central directory says what the generator chose, true or not. */
function generatedZip(entries: readonly CentralEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(e.method, 8)
    local.writeUInt32LE(e.data.length, 18)
    local.writeUInt32LE(e.data.length, 22)
    local.writeUInt16LE(e.name.length, 26)
    const c = Buffer.alloc(46)
    c.writeUInt32LE(0x02014b50, 0)
    c.writeUInt16LE((e.host << 8) | 20, 4)
    c.writeUInt16LE(e.flags, 8)
    c.writeUInt16LE(e.method, 10)
    c.writeUInt32LE(e.data.length, 20)
    c.writeUInt32LE((e.lieSize ?? e.data.length) >>> 0, 24)
    c.writeUInt16LE(e.name.length, 28)
    c.writeUInt32LE((e.mode << 16) >>> 0, 38)
    c.writeUInt32LE((e.lieOffset ?? offset) >>> 0, 42)
    locals.push(local, e.name, e.data)
    centrals.push(c, e.name)
    offset += 30 + e.name.length + e.data.length
  }
  const cd = Buffer.concat(centrals)
  return Buffer.concat([...locals, cd, endRecord(entries.length, cd.length, offset)])
}

describe('zip fuzz (D1–D3): only AppError, bounded time and memory, nothing outside staging', () => {
  it('mutated valid zips (bytes, header fields, truncation, trailing junk)', () => {
    fc.assert(
      fc.property(validZip, fc.array(mutation, { minLength: 1, maxLength: 4 }), (zip, muts) => {
        exercise(mutate(zip, muts))
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    )
  }, 600_000)

  it('generated central directories (hostile names, modes, methods, lying sizes and offsets)', () => {
    fc.assert(
      fc.property(fc.array(centralEntry, { minLength: 1, maxLength: 8 }), (entries) => {
        exercise(generatedZip(entries))
      }),
      { numRuns: RUNS, seed: SEED + 1, endOnFailure: true },
    )
  }, 600_000)

  it('control: the properties see a planted escape (a non-AppError from a reader)', () => {
    // The checker must fail on a thrown TypeError, or it could never have caught anything.
    expect(() => {
      appErrorOnly(() => {
        throw new TypeError('planted')
      })
    }).toThrow('planted')
    expect(tally.opened).toBeGreaterThan(0)
    expect(tally.refused).toBeGreaterThan(0)
  })
})
