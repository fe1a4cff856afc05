import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { openZip } from '../../main/core/archive/zip-reader'
import { createCase } from '../../main/core/case/case-file'
import { addEvidence } from '../../main/core/evidence/add-evidence'
import { loadRulePack } from '../../main/core/rules/load-pack'
import { createNodeChildLauncher } from '../../main/core/scan/child/node-child-launcher'
import { defaultScanLimits } from '../../main/core/scan/default-limits'
import { runScan } from '../../main/core/scan/run-scan'
import { SigningKeyStore } from '../../main/core/share/keys/key-store'
import { passphraseProtector } from '../../main/core/share/keys/secret-box'
import { TrustStore } from '../../main/core/share/keys/trust-store'
import {
  exportCaseBundle,
  importBundleFile,
  verifyBundleFile,
} from '../../main/core/share/share-actions'
import { ROOT } from '../helpers/launcher'
import { fmt, timed } from './measures'

const MIB = 1024 * 1024

const RULES = `rule Bench_Loader_Config
{
    meta:
        description = "Loader configuration marker (benchmark)"
        score = 80
    strings:
        $cfg = "example-loader-config" ascii
    condition:
        $cfg
}
`

/** What the report-bundle benchmark measured. */
export interface ShareBenchResult {
  readonly findings: number
  readonly bundleBytes: number
  readonly members: Readonly<Record<string, number>>
  readonly rates: readonly {
    readonly name: string
    readonly findingsPerS: number
    readonly ratio: number | null
    readonly baseline: string
  }[]
}

/**
 * Report bundles at scale: a case with `count` findings (one per file, each with its match),
 * exported, verified and imported into another case; rates in findings per second and ratios to
 * two baselines of the same run — reading the same rows from the case DB, and Info-ZIP zipping
 * the bundle's own files — plus the bundle's size and what it is made of.
 */
export async function benchShare(count: number, cores: number): Promise<ShareBenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'outpost-share-bench-'))
  try {
    const evidence = join(work, 'evidence')
    for (let i = 0; i < count; i += 1) {
      const path = join(evidence, 'Users', `user${i % 25}`, 'Documents', `report-${i}.txt`)
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, `document ${i} ... example-loader-config ... ${'x'.repeat(i % 300)}`)
    }
    const packDir = join(work, 'bench-pack')
    mkdirSync(packDir)
    writeFileSync(join(packDir, 'loader.yar'), RULES)
    const handle = createCase(join(work, 'a.outpost'), {
      name: 'bench',
      examiner: 'bench',
      appVersion: 'bench',
    })
    const added = await addEvidence(handle, { path: evidence, examiner: 'bench' })
    await runScan({
      db: handle.db,
      caseUuid: handle.info.uuid,
      examiner: 'bench',
      appVersion: 'bench',
      evidence: [added],
      packs: [await loadRulePack(packDir, 'local')],
      limits: { ...defaultScanLimits(), processes: cores },
      launcher: createNodeChildLauncher({ path: join(ROOT, 'out/main/scan-child.js') }),
      cacheDir: join(work, 'cache'),
    })
    const keys = SigningKeyStore.forDataDir(join(work, 'data'))
    const protector = passphraseProtector('bench passphrase')
    const signer = keys.unlock(keys.create({ org: 'Bench CERT', protector }).keyId, protector)
    const stores = { keys, trust: TrustStore.forDataDir(join(work, 'data')) }
    const request = {
      tlp: 'amber',
      redaction: 'partner',
      examiner: 'bench',
      toolVersion: 'bench',
    } as const

    const dbRead = await timed(() => {
      handle.db
        .prepare(
          `SELECT f.*, fl.*, m.* FROM findings f JOIN files fl ON fl.id = f.file_id
           LEFT JOIN matches m ON m.finding_id = f.id`,
        )
        .all()
    })
    let zipPath = ''
    const exportMs = await timed(() => {
      zipPath = exportCaseBundle(
        handle.db,
        handle.info.uuid,
        request,
        signer,
        join(work, 'out-' + String(Date.now())),
        new Date(),
      ).zipPath
    })
    const members = unpack(zipPath, join(work, 'unpacked'))
    const infoZip = zipBaseline(join(work, 'unpacked'), join(work, 'baseline.zip'))
    const verifyMs = await timed(() => {
      verifyBundleFile(zipPath, stores, {})
    })
    const other = createCase(join(work, 'b.outpost'), {
      name: 'partner',
      examiner: 'bench',
      appVersion: 'bench',
    })
    const importMs = await timed(() => {
      importBundleFile(zipPath, stores, { db: other.db, caseUuid: other.info.uuid, actor: 'bench' })
    })
    handle.db.close()
    other.db.close()
    const findings = count
    const perS = (ms: number): number => findings / (ms / 1000)
    const rates = [
      {
        name: 'read the findings from the case DB (baseline)',
        findingsPerS: perS(dbRead),
        ratio: 1,
        baseline: 'db',
      },
      ...(infoZip === null
        ? []
        : [
            {
              name: 'zip -X the bundle files, Info-ZIP (baseline)',
              findingsPerS: perS(infoZip),
              ratio: 1,
              baseline: 'zip',
            },
          ]),
      {
        name: 'export: gather, STIX/MISP/HTML/CSV, checks, sign, zip',
        findingsPerS: perS(exportMs),
        ratio: dbRead / exportMs,
        baseline: 'db',
      },
      ...(infoZip === null
        ? []
        : [
            {
              name: 'export, against Info-ZIP alone',
              findingsPerS: perS(exportMs),
              ratio: infoZip / exportMs,
              baseline: 'zip',
            },
          ]),
      {
        name: 'verify: signatures and every hash',
        findingsPerS: perS(verifyMs),
        ratio: dbRead / verifyMs,
        baseline: 'db',
      },
      {
        name: 'import into another case (verify + store)',
        findingsPerS: perS(importMs),
        ratio: dbRead / importMs,
        baseline: 'db',
      },
    ]
    const result = { findings, bundleBytes: statSync(zipPath).size, members, rates }
    printShare(result)
    return result
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function unpack(zipPath: string, folder: string): Record<string, number> {
  const zip = openZip(zipPath)
  const sizes: Record<string, number> = {}
  try {
    for (const entry of zip.entries) {
      const path = join(folder, entry.name)
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, zip.read(entry))
      const group =
        entry.name.startsWith('misp/') &&
        entry.name.endsWith('.json') &&
        !entry.name.endsWith('manifest.json')
          ? 'misp event'
          : entry.name
      sizes[group] = entry.size
    }
  } finally {
    zip.close()
  }
  return sizes
}

/** Milliseconds Info-ZIP takes to zip the same files deterministically, or null without `zip`. */
function zipBaseline(folder: string, out: string): number | null {
  try {
    const start = performance.now()
    execFileSync('zip', ['-X', '-D', '-q', '-r', out, '.'], {
      cwd: folder,
      env: { ...process.env, TZ: 'UTC' },
    })
    return performance.now() - start
  } catch {
    return null
  }
}

function printShare(r: ShareBenchResult): void {
  process.stdout.write(
    `\nReport bundle, ${r.findings.toLocaleString('en')} findings (TLP:AMBER, partner redaction)\n`,
  )
  process.stdout.write(`| measure | findings/s | ratio |\n|---|---|---|\n`)
  for (const rate of r.rates) {
    const ratio = rate.ratio === null ? '' : `×${rate.baseline} ${fmt(rate.ratio, 3)}`
    process.stdout.write(`| ${rate.name} | ${fmt(rate.findingsPerS, 0)} | ${ratio} |\n`)
  }
  const big = Object.entries(r.members)
    .filter(([, size]) => size > 64 * 1024)
    .map(([name, size]) => `${name} ${fmt(size / MIB, 2)} MiB`)
    .join(', ')
  process.stdout.write(
    `Bundle: ${fmt(r.bundleBytes / MIB, 2)} MiB zipped (${fmt(r.bundleBytes / r.findings, 0)} bytes per finding); unzipped: ${big}\n`,
  )
}
