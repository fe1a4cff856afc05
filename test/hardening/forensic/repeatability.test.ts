import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCaseExport, bundleSigner } from '../../../main/core/share/share-actions'
import { sourceLauncher } from '../../helpers/launcher'
import { localPack } from '../../helpers/local-pack'
import { workbench } from '../../helpers/shared-case'
import { tempDir } from '../../helpers/temp-dir'
import { engineFacts, findingSet, jsonDiff, zipMembers } from '../../security/forensic/case-facts'
import {
  buildForensicEvidence,
  FORENSIC_LIMITS,
  FORENSIC_RULES,
} from '../../security/forensic/forensic-fixtures'
import {
  addHashScan,
  EXPORT_REQUEST,
  evidenceRoot,
  exportBundle,
} from '../../security/forensic/soundness-run'

function writeZip(zip: Buffer): string {
  const path = join(tempDir('outpost-zip-'), 'bundle.zip')
  writeFileSync(path, zip)
  return path
}

/**
 * Security-checks B6 (repeatability): the same evidence scanned with the same pack into two fresh
 * cases gives the same findings and the same engine facts; the same case exported twice gives
 * the same bundle but for the signature time.
 */
describe('B6 repeatability', () => {
  it('two fresh cases, same evidence (folder, file, raw, split, E01), same pack: identical findings and engine facts', async () => {
    const root = evidenceRoot()
    const items = buildForensicEvidence(root)
    const pack = await localPack(FORENSIC_RULES)
    const first = await addHashScan(items, [pack], FORENSIC_LIMITS, sourceLauncher())
    const second = await addHashScan(items, [pack], FORENSIC_LIMITS, sourceLauncher())
    expect(first.summary.status).toBe('completed')
    expect(second.summary.status).toBe('completed')

    const findings = findingSet(first.handle.db, first.summary.id)
    expect(findings.length).toBeGreaterThan(20)
    expect(findingSet(second.handle.db, second.summary.id)).toEqual(findings)

    const facts = engineFacts(first.handle.db, first.summary.id)
    expect(engineFacts(second.handle.db, second.summary.id)).toEqual(facts)
    // Each scan record holds what is needed to repeat it.
    for (const key of [
      'app_version',
      'engine',
      'binding_package',
      'binding_version',
      'rule_set_sha256',
      'compiler_options',
    ])
      expect(facts[key], key).toMatch(/\S/)
    expect(facts).toMatchObject({
      match_cap: FORENSIC_LIMITS.matchCapPerPattern,
      engine_timeout_ms: FORENSIC_LIMITS.engineTimeoutMs,
      hard_deadline_ms: FORENSIC_LIMITS.hardDeadlineMs,
      max_file_bytes: FORENSIC_LIMITS.maxFileBytes,
    })
    expect((facts['packs'] as { manifest_sha256: string }[])[0]?.manifest_sha256).toMatch(
      /^[0-9a-f]{64}$/,
    )
    // The evidence fingerprints agree too (hash before and after, across cases).
    const prints = (c: typeof first) =>
      c.handle.db
        .prepare('SELECT source_path, sha256, manifest_sha256, md5, sha1 FROM evidence ORDER BY id')
        .all()
    expect(prints(second)).toEqual(prints(first))
    console.info(`[B6] ${findings.length} findings identical across two fresh cases`)
  })

  it('one case built twice: every bundle member identical but the signature; exported twice: manifests differ only by the recorded export', async () => {
    const root = evidenceRoot()
    const items = buildForensicEvidence(root)
    const scanned = await addHashScan(
      items.slice(0, 3),
      [await localPack(FORENSIC_RULES)],
      FORENSIC_LIMITS,
      sourceLauncher(),
    )
    const bench = workbench('Example CERT')
    const signer = bundleSigner(bench.signer)
    const build = (at: string) =>
      buildCaseExport(scanned.handle.db, EXPORT_REQUEST, signer, new Date(at)).built
    const a = build('2026-01-01T00:00:00Z')
    const b = build('2026-06-30T12:34:56Z')
    expect(b.fileName).toBe(a.fileName)
    expect(b.manifestSha256).toBe(a.manifestSha256)
    const membersA = zipMembers(writeZip(a.zip))
    const membersB = zipMembers(writeZip(b.zip))
    expect([...membersB.keys()]).toEqual([...membersA.keys()])
    const differing = [...membersA].filter(([name, data]) => !data.equals(membersB.get(name)!))
    expect(differing.map(([name]) => name)).toEqual(['SHA256SUMS.minisig'])
    // … and there only the trusted comment's time differs.
    const comment = (sig: Buffer) =>
      sig
        .toString()
        .split('\n')
        .find((l) => l.startsWith('trusted comment:'))!
    expect(comment(membersB.get('SHA256SUMS.minisig')!)).toBe(
      comment(membersA.get('SHA256SUMS.minisig')!).replace(
        'signed:2026-01-01T00:00:00.000Z',
        'signed:2026-06-30T12:34:56.000Z',
      ),
    )

    // Two real exports: the audit entry of the first is left out of the second's chain (sharing
    // entries at the chain's end are cut, gather-audit.ts), so nothing at all may differ.
    const manifest = (zip: string) =>
      JSON.parse(zipMembers(zip).get('manifest.json')!.toString()) as unknown
    const one = manifest(exportBundle(scanned.handle, bench.signer).zipPath)
    const two = manifest(exportBundle(scanned.handle, bench.signer).zipPath)
    const paths = jsonDiff(one, two)
    console.info(`[B6] two exports differ at: ${paths.join(', ')}`)
    expect(paths).toEqual([])
  })
})
