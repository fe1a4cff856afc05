import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openZip } from '../../../../main/core/archive/zip-reader'
import { createCase } from '../../../../main/core/case/case-file'
import { verifyAudit } from '../../../../main/core/case/audit-log'
import {
  partnerFindings,
  listPartnerFindings,
} from '../../../../main/core/share/bundle/partner-repo'
import { gatherExport } from '../../../../main/core/share/gather/gather-export'
import {
  exportCaseBundle,
  importBundleFile,
  verifyBundleFile,
} from '../../../../main/core/share/share-actions'
import { sharedCase, workbench } from '../../../helpers/shared-case'
import { tempDir } from '../../../helpers/temp-dir'

const REQUEST = { tlp: 'amber', redaction: 'none', examiner: 'ana', toolVersion: 'test' } as const

function members(zipPath: string): Map<string, Buffer> {
  const zip = openZip(zipPath)
  try {
    return new Map(zip.entries.map((e) => [e.name, zip.read(e)]))
  } finally {
    zip.close()
  }
}

describe('report bundle round trip', () => {
  it('exports a signed bundle that another case verifies and imports with identical findings', async () => {
    const { handle } = await sharedCase()
    const sender = workbench('Example CERT')
    const out = tempDir()

    const result = exportCaseBundle(handle.db, handle.info.uuid, REQUEST, sender.signer, out)
    const model = gatherExport(handle.db, {
      ...REQUEST,
      producer: { org: 'Example CERT', keyId: sender.signer.keyId },
    })

    expect(result.findings).toBe(3)
    expect(result.zipPath).toMatch(/_laptop-alice_TLP-AMBER_\d{8}T\d{6}Z\.zip$/)
    const names = [...members(result.zipPath).keys()]
    expect(names).toEqual([...names].sort())
    expect(names).toEqual(
      expect.arrayContaining([
        'README.txt',
        'SHA256SUMS',
        'SHA256SUMS.minisig',
        'manifest.json',
        'stix/bundle.json',
        'findings/findings.csv',
        'report/report.html',
        'audit/audit.jsonl',
        'misp/manifest.json',
        'misp/hashes.csv',
        `misp/${model.bundleId}.json`,
        'rules/share_pack/Loader_Config.yar',
        'rules/share_pack/Script_In_Html.yar',
      ]),
    )

    const zipped = members(result.zipPath)
    const stix = JSON.parse(zipped.get('stix/bundle.json')!.toString()) as {
      objects: { type: string; id: string }[]
    }
    const misp = JSON.parse(zipped.get(`misp/${model.bundleId}.json`)!.toString()) as {
      Event: { uuid: string; Object: { name: string; uuid: string }[] }
    }
    const report = stix.objects.find((o) => o.type === 'report')
    expect(report?.id).toBe(`report--${misp.Event.uuid}`)
    const indicators = stix.objects
      .filter((o) => o.type === 'indicator')
      .map((o) => o.id)
      .sort()
    const yaraObjects = misp.Event.Object.filter((o) => o.name === 'yara').map(
      (o) => `indicator--${o.uuid}`,
    )
    expect(yaraObjects.sort()).toEqual(indicators)

    const receiver = workbench('Partner CERT')
    receiver.stores.trust.add({
      publicKeyText: sender.signer.publicKeyText,
      org: 'Example CERT',
      addedBy: 'bo',
    })
    const target = createCase(join(tempDir(), 'partner.outpost'), {
      name: 'Partner view',
      examiner: 'bo',
      appVersion: 'test',
    })
    const imported = importBundleFile(result.zipPath, receiver.stores, {
      db: target.db,
      caseUuid: target.info.uuid,
      actor: 'bo',
    })

    expect(imported.alreadyImported).toBe(false)
    expect(imported.verification.signer).toMatchObject({ status: 'trusted', org: 'Example CERT' })
    expect(imported.verification.outerSignature).toBe('valid')
    expect(partnerFindings(target.db, imported.bundle.id)).toEqual(model.findings)
    const page = listPartnerFindings(target.db, {
      bundleId: imported.bundle.id,
      offset: 0,
      limit: 10,
    })
    expect(page.rows.map((r) => r.path).sort()).toEqual(
      model.findings.map((f) => f.file.path).sort(),
    )
    expect(page.rows.every((r) => !r.seenHere)).toBe(true)
    const again = importBundleFile(result.zipPath, receiver.stores, {
      db: target.db,
      caseUuid: target.info.uuid,
      actor: 'bo',
    })
    expect(again.alreadyImported).toBe(true)
    const actions = target.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all()
    expect(actions).toEqual(expect.arrayContaining(['share.verified', 'share.imported']))
    expect(verifyAudit(target.db, target.info.uuid).ok).toBe(true)
    expect(() => target.db.prepare('UPDATE partner_findings SET score = 0').run()).toThrow(
      /read-only/,
    )
  })

  it('gives the same bytes twice but for the signatures, and the audit entry of the first export', async () => {
    const { handle } = await sharedCase()
    const sender = workbench('Example CERT')

    const first = exportCaseBundle(handle.db, handle.info.uuid, REQUEST, sender.signer, tempDir())
    const second = exportCaseBundle(
      handle.db,
      handle.info.uuid,
      REQUEST,
      sender.signer,
      tempDir(),
      new Date(Date.now() + 5000),
    )

    const a = members(first.zipPath)
    const b = members(second.zipPath)
    expect([...a.keys()]).toEqual([...b.keys()])
    for (const [name, data] of a) {
      if (name === 'SHA256SUMS.minisig') expect(data.equals(b.get(name)!)).toBe(false)
      else expect(data.equals(b.get(name)!), name).toBe(true)
    }
    expect(first.bundleId).toBe(second.bundleId)
  })

  it('refuses a bundle from a key nobody trusts, unless the analyst accepts it', async () => {
    const { handle } = await sharedCase()
    const sender = workbench('Example CERT')
    const result = exportCaseBundle(handle.db, handle.info.uuid, REQUEST, sender.signer, tempDir())
    const stranger = workbench('Partner CERT')

    expect(() => verifyBundleFile(result.zipPath, stranger.stores, {})).toThrow(
      expect.objectContaining({ code: 'BUNDLE_UNTRUSTED' }),
    )
    const view = verifyBundleFile(result.zipPath, stranger.stores, { acceptUnknownKey: true })
    expect(view.signer).toMatchObject({ status: 'unknown', keyId: sender.signer.keyId })
    expect(view.signer.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){7}$/)
  })

  it('leaves out findings above the export TLP and redacts names on request', async () => {
    const { handle } = await sharedCase()
    handle.db
      .prepare(
        `UPDATE findings SET tlp = 'red' WHERE file_id = (SELECT id FROM files WHERE path LIKE '%svc.dll')`,
      )
      .run()

    const model = gatherExport(handle.db, {
      ...REQUEST,
      redaction: 'partner',
      producer: { org: 'Example CERT', keyId: null },
    })

    expect(model.findings).toHaveLength(2)
    expect(model.withheld.findingsAboveTlp).toBe(1)
    expect(model.notes).toHaveLength(0)
    const text = JSON.stringify(model)
    expect(text).not.toMatch(/\balice\b|\bbob\b|\bana\b/)
    expect(model.findings.map((f) => f.file.path)).toContain(
      'Users/[user-2]/Downloads/=cmd|calc!A1.txt',
    )
    expect(model.redaction.replaced['path-user-names']).toBeGreaterThan(0)
    expect(model.producer.examiner).toBeNull()
  })

  it('shares a finding at the most restricted of its own, its file and its rule pack TLP', async () => {
    const { handle } = await sharedCase()
    const gather = (tlp: 'amber' | 'red') =>
      gatherExport(handle.db, { ...REQUEST, tlp, producer: { org: 'X', keyId: null } })
    handle.db.prepare("UPDATE files SET tlp = 'amber+strict' WHERE path LIKE '%calc!A1.txt'").run()

    expect(gather('amber').withheld.findingsAboveTlp).toBe(1)
    expect(gather('red').findings).toHaveLength(3)
    handle.db.prepare("UPDATE rule_packs SET tlp = 'red'").run()
    expect(gather('amber').findings).toHaveLength(0)
    expect(gather('amber').withheld.findingsAboveTlp).toBe(3)
    handle.db.prepare("UPDATE case_info SET default_tlp = 'green'").run()
    expect(gather('red').findings.map((f) => f.tlp)).toEqual(['red', 'red', 'red'])
  })

  it('keeps the same content after export: the rules in the bundle are the shareable text', async () => {
    const { handle } = await sharedCase()
    const sender = workbench('Example CERT')
    const result = exportCaseBundle(handle.db, handle.info.uuid, REQUEST, sender.signer, tempDir())
    const rule = members(result.zipPath).get('rules/share_pack/Script_In_Html.yar')!.toString()

    expect(rule).toContain('private rule Has_Script')
    expect(rule).toContain('rule Script_In_Html')
    expect(readFileSync(result.signaturePath, 'utf8')).toMatch(/^untrusted comment: /)
  })
})
