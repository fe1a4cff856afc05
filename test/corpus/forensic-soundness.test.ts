import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { defaultScanLimits } from '../../main/core/scan/default-limits'
import { loadRulePack } from '../../main/core/rules/load-pack'
import { ROOT } from '../helpers/launcher'
import {
  evidenceRoot,
  expectEvidenceUnchanged,
  expectReadOnlyAccess,
  guardedWorkflow,
} from '../security/forensic/soundness-run'
import { requireCorpus } from './corpus-paths'

const IMAGES = requireCorpus('images')

/** Oracles, notes and generator files beside the images: not evidence. */
const NOT_EVIDENCE = /\.(json|md|txt|tsk)$|^(LICENSE|NOTICE)|^generator$/
/** Later segments/parts of a multi-file image: read through their first file. */
const LATER_SEGMENT = /\.(E0[2-9]|E[1-9]\d|00[2-9]|0[1-9]\d)$/

/**
 * Every image of the corpus (top level and dfvfs/), copied (gunzipped when stored .gz) under one
 * evidence root — the shared corpus itself is never aged or touched. Returns the paths to add.
 */
function stageCorpus(root: string): string[] {
  const items: string[] = []
  for (const dir of ['', 'dfvfs']) {
    const target = join(root, dir === '' ? 'images' : dir)
    mkdirSync(target, { recursive: true })
    for (const name of readdirSync(join(IMAGES, dir)).sort()) {
      const source = join(IMAGES, dir, name)
      if (NOT_EVIDENCE.test(name) || !statSync(source).isFile()) continue
      const staged = join(target, name.replace(/\.gz$/, ''))
      if (name.endsWith('.gz')) writeFileSync(staged, gunzipSync(readFileSync(source)))
      else copyFileSync(source, staged)
      if (!LATER_SEGMENT.test(staged)) items.push(staged)
    }
  }
  return items
}

/**
 * Security-checks B1 + B2 on every corpus image (raw, split, E01, VHD, VMDK, QCOW2, and the
 * dfvfs samples whatever they hold): add, hash in full, scan with the default (bundled) pack,
 * hex view, signed export — every byte, ns time and inode of every staged file unchanged, no
 * new file, no write-capable open in this process or in any scan process.
 */
describe('B1/B2 forensic soundness over the corpus images', () => {
  it('changes nothing and opens nothing for writing on any corpus image', async () => {
    const root = evidenceRoot()
    const items = stageCorpus(root)
    expect(items.length).toBeGreaterThanOrEqual(15)
    const pack = await loadRulePack(join(ROOT, 'rules'), 'bundled')
    const started = Date.now()
    const outcome = await guardedWorkflow(root, items, [pack], {
      ...defaultScanLimits(),
      processes: 2,
    })
    expect(outcome.scanned.summary.status).toBe('completed')
    expect(outcome.scanned.evidence).toHaveLength(items.length)
    expectEvidenceUnchanged(outcome)
    expectReadOnlyAccess(outcome)
    // Every staged file (later segments and parts included) was read through a guard.
    const seen = new Set([...outcome.childRecords, ...outcome.mainRecords].map((r) => r.path))
    const files = outcome.pathsBefore.filter((p) => outcome.before.get(p)!.kind === 'file')
    expect(files.filter((f) => !seen.has(join(root, f)))).toEqual([])
    const kinds = outcome.scanned.evidence.map((e) => `${e.kind}:${e.containerFormat ?? '-'}`)
    console.info(
      `[B1/B2 corpus] ${items.length} evidence items (${kinds.join(' ')}), ${files.length} files, ` +
        `${outcome.childRecords.length + outcome.mainRecords.length} guarded calls, 0 writes, ` +
        `${outcome.exported.findings} findings exported, hex view ${outcome.hexReads.read} read / ` +
        `${outcome.hexReads.refused} refused, ${Date.now() - started} ms`,
    )
  })
})
