import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildZip } from '../../../main/core/archive/zip-writer'
import { createCase } from '../../../main/core/case/case-file'
import { isAppError } from '../../../main/core/model/errors'
import { preparePackImport } from '../../../main/core/rules/import-pack'
import { PackStore } from '../../../main/core/rules/pack-store'
import { resolveSigner } from '../../../main/core/share/keys/trust-store'
import { exportCaseBundle, importBundleFile } from '../../../main/core/share/share-actions'
import { sharedCase, workbench } from '../../helpers/shared-case'
import type { Workbench } from '../../helpers/shared-case'
import { signedPack } from '../../helpers/signed-pack'
import { tempDir, withSuiteTempDirs } from '../../helpers/temp-dir'
import { filesUnder } from '../../security/hostile/hostile-zips'

/**
 * The import pipelines end to end on mutated zips (security-checks D3, D11): a signed rule pack
 * (`preparePackImport`) and a signed report bundle (`importBundleFile`), each byte-mutated.
 * Every input is refused with an AppError, or — when the flip hit a byte nobody reads — accepted
 * with exactly the original content. A refusal leaves nothing: no staging folder, no install,
 * no partner bundle row.
 */
const RUNS = Number(process.env['OUTPOST_FUZZ_RUNS'] ?? 60)
const SEED = Number(process.env['OUTPOST_FUZZ_SEED'] ?? 20261126)
const REQUEST = { tlp: 'amber', redaction: 'none', examiner: 'ana', toolVersion: 'test' } as const

let publisher: Workbench
let receiver: Workbench
let packFolder: string
let packZip: Buffer
let bundleZip: Buffer
let root: string
/** Partner cases, outside `root` (whose temp folder is the staging area being watched). */
let casesDir: string
let savedTmp: string | undefined
const tally = { pack: { accepted: 0, refused: 0 }, bundle: { accepted: 0, refused: 0 } }

function filesOf(folder: string): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out.set(relative(folder, path), readFileSync(path).toString('base64'))
    }
  }
  walk(folder)
  return out
}

beforeAll(
  () =>
    withSuiteTempDirs(async () => {
      root = tempDir('outpost-pipelines-')
      casesDir = tempDir('outpost-pipeline-cases-')
      publisher = workbench('Publisher')
      receiver = workbench('Receiver')
      receiver.stores.trust.add({
        publicKeyText: publisher.signer.publicKeyText,
        org: 'Publisher',
        addedBy: 'bo',
      })
      packFolder = signedPack(publisher, '1.0.0', 10)
      const files = [...filesOf(packFolder).keys()].sort()
      packZip = buildZip(files.map((f) => ({ name: f, data: readFileSync(join(packFolder, f)) })))
      const { handle } = await sharedCase()
      const exported = exportCaseBundle(
        handle.db,
        handle.info.uuid,
        REQUEST,
        publisher.signer,
        tempDir(),
      )
      bundleZip = readFileSync(exported.zipPath)
      handle.db.close()
      savedTmp = process.env['TMPDIR']
      mkdirSync(join(root, 'tmp'))
      process.env['TMPDIR'] = join(root, 'tmp')
    }),
  120_000,
)

afterAll(() => {
  if (savedTmp === undefined) delete process.env['TMPDIR']
  else process.env['TMPDIR'] = savedTmp
  console.log(`import pipelines: seed ${SEED}, ${RUNS} runs; ${JSON.stringify(tally)}`)
})

const flips = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 3 })

function flipped(original: Buffer, changes: readonly [number, number][]): Buffer {
  const bytes = Buffer.from(original)
  for (const [at, value] of changes) bytes[at % bytes.length] = value
  return bytes
}

describe('import pipelines on mutated zips: refused whole, or accepted unchanged', () => {
  it('a mutated signed pack zip: AppError, or the original files exactly; nothing left behind', async () => {
    await fc.assert(
      fc.asyncProperty(flips, async (changes) => {
        const path = join(root, 'pack.zip')
        writeFileSync(path, flipped(packZip, changes))
        const store = PackStore.forDataDir(join(root, 'data'))
        try {
          const plan = await preparePackImport(path, {
            store,
            resolveKey: (id) => resolveSigner(id, receiver.stores),
            compile: async () => {},
          })
          tally.pack.accepted += 1
          try {
            expect(filesOf(plan.folder)).toEqual(filesOf(packFolder))
          } finally {
            plan.discard()
          }
        } catch (error: unknown) {
          if (!isAppError(error)) throw error
          tally.pack.refused += 1
        }
        expect(store.find('harbour-rules')).toBeNull()
        expect(filesUnder(root)).toEqual(['pack.zip'])
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    )
    expect(tally.pack.refused).toBeGreaterThan(0)
  }, 120_000)

  it('a mutated signed bundle: AppError and no partner row, or imported whole (signature and hashes held)', () => {
    let run = 0
    fc.assert(
      fc.property(flips, (changes) => {
        const path = join(root, 'bundle.zip')
        writeFileSync(path, flipped(bundleZip, changes))
        run += 1
        const target = createCase(join(casesDir, `p${run}.outpost`), {
          name: 'P',
          examiner: 'bo',
          appVersion: 'test',
        })
        try {
          const actor = { db: target.db, caseUuid: target.info.uuid, actor: 'bo' }
          let accepted = false
          try {
            importBundleFile(path, receiver.stores, actor)
            accepted = true
            tally.bundle.accepted += 1
          } catch (error: unknown) {
            if (!isAppError(error)) throw error
            tally.bundle.refused += 1
          }
          const rows = target.db.prepare('SELECT count(*) FROM partner_bundles').pluck().get()
          expect(rows).toBe(accepted ? 1 : 0)
        } finally {
          target.db.close()
        }
        expect(filesUnder(root).filter((f) => !f.endsWith('.zip'))).toEqual([])
      }),
      { numRuns: RUNS, seed: SEED + 1, endOnFailure: true },
    )
    expect(tally.bundle.refused).toBeGreaterThan(0)
  }, 120_000)
})
