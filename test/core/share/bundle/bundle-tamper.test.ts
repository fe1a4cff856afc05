import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openZip } from '../../../../main/core/archive/zip-reader'
import { buildZip } from '../../../../main/core/archive/zip-writer'
import type { ZipWriterEntry } from '../../../../main/core/archive/zip-writer'
import { createCase } from '../../../../main/core/case/case-file'
import type { ExportResult } from '../../../../main/core/model/sharing'
import {
  exportCaseBundle,
  importBundleFile,
  verifyBundleFile,
} from '../../../../main/core/share/share-actions'
import { sharedCase, workbench } from '../../../helpers/shared-case'
import type { Workbench } from '../../../helpers/shared-case'
import { tempDir, withSuiteTempDirs } from '../../../helpers/temp-dir'

const REQUEST = { tlp: 'amber', redaction: 'none', examiner: 'ana', toolVersion: 'test' } as const
const MINISIGN = '/usr/bin/minisign'
// CI installs minisign: a missing binary there is a failure, not a skip.
const HAS_MINISIGN = existsSync(MINISIGN) || process.env['CI'] !== undefined

let sender: Workbench
let receiver: Workbench
let bundle: ExportResult
let other: ExportResult
let original: Map<string, Buffer>

function readMembers(zipPath: string): Map<string, Buffer> {
  const zip = openZip(zipPath)
  try {
    return new Map(zip.entries.map((e) => [e.name, zip.read(e)]))
  } finally {
    zip.close()
  }
}

/** The bundle rebuilt with some members changed, written to a fresh folder (no outer .minisig). */
function rebuilt(change: (entries: ZipWriterEntry[]) => ZipWriterEntry[]): string {
  const entries = [...original].map(([name, data]) => ({ name, data }))
  const path = join(tempDir(), 'tampered.zip')
  writeFileSync(path, buildZip(change(entries)))
  return path
}

function verify(path: string): () => unknown {
  return () => verifyBundleFile(path, receiver.stores, {})
}

beforeAll(
  () =>
    withSuiteTempDirs(async () => {
      const { handle } = await sharedCase()
      sender = workbench('Example CERT')
      receiver = workbench('Partner CERT')
      receiver.stores.trust.add({
        publicKeyText: sender.signer.publicKeyText,
        org: 'Example CERT',
        addedBy: 'bo',
      })
      bundle = exportCaseBundle(handle.db, handle.info.uuid, REQUEST, sender.signer, tempDir())
      const red = { ...REQUEST, tlp: 'red' } as const
      other = exportCaseBundle(handle.db, handle.info.uuid, red, sender.signer, tempDir())
      original = readMembers(bundle.zipPath)
      handle.db.close()
    }),
  120_000,
)

describe('a tampered bundle is refused before anything in it is parsed', () => {
  it('accepts the untouched bundle, rebuilt without its outer signature', () => {
    const view = verifyBundleFile(
      rebuilt((e) => e),
      receiver.stores,
      {},
    )
    expect(view.outerSignature).toBe('absent')
  })

  it('refuses a changed member', () => {
    const path = rebuilt((entries) =>
      entries.map((e) =>
        e.name === 'report/report.html' ? { ...e, data: `${String(e.data)} ` } : e,
      ),
    )
    expect(verify(path)).toThrow(/report\/report.html does not match its SHA-256/)
  })

  it('refuses an added file', () => {
    const path = rebuilt((entries) => [...entries, { name: 'stix/extra.json', data: '{}' }])
    expect(verify(path)).toThrow(/stix\/extra.json is not listed in SHA256SUMS/)
  })

  it('refuses a swapped SHA256SUMS signature', () => {
    const swapped = readMembers(other.zipPath).get('SHA256SUMS.minisig')!
    const path = rebuilt((entries) =>
      entries.map((e) => (e.name === 'SHA256SUMS.minisig' ? { ...e, data: swapped } : e)),
    )
    expect(verify(path)).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }))
  })

  it('refuses a zip whose detached signature is for another zip', () => {
    const folder = tempDir()
    const path = join(folder, 'b.zip')
    copyFileSync(bundle.zipPath, path)
    copyFileSync(other.signaturePath, `${path}.minisig`)
    expect(verify(path)).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }))
  })

  it.each([
    ['a parent-folder entry', { name: '../evil.txt', data: 'x' }],
    ['an absolute entry', { name: '/etc/evil', data: 'x' }],
    ['a symlink entry', { name: 'keys/link.pub', data: '/etc/passwd', unixMode: 0o120777 }],
    ['a bomb', { name: 'stix/bomb.json', data: Buffer.alloc(10), declaredSize: 3 * 1024 ** 3 }],
  ] as const)('refuses %s before inflating anything', (_label, extra) => {
    const path = rebuilt((entries) => [...entries, extra])
    expect(verify(path)).toThrow(expect.objectContaining({ code: 'BUNDLE_INVALID' }))
  })

  it('imports nothing from a refused bundle', () => {
    const target = createCase(join(tempDir(), 'p.outpost'), {
      name: 'P',
      examiner: 'bo',
      appVersion: 'test',
    })
    const path = rebuilt((entries) => [...entries, { name: 'stix/extra.json', data: '{}' }])
    expect(() =>
      importBundleFile(path, receiver.stores, {
        db: target.db,
        caseUuid: target.info.uuid,
        actor: 'bo',
      }),
    ).toThrow()
    expect(target.db.prepare('SELECT count(*) FROM partner_bundles').pluck().get()).toBe(0)
  })
})

describe.skipIf(!HAS_MINISIGN)('partners verify with stock tools', () => {
  it('minisign checks the zip and SHA256SUMS, sha256sum -c checks every file, python unzips it', () => {
    const key = sender.signer.publicKeyBase64
    execFileSync(MINISIGN, ['-Vm', bundle.zipPath, '-P', key, '-H'], { stdio: 'pipe' })
    const folder = tempDir()
    execFileSync('python3', ['-m', 'zipfile', '-e', bundle.zipPath, folder])
    for (const [name, data] of original) {
      mkdirSync(dirname(join(folder, name)), { recursive: true })
      expect(execFileSync('cat', [join(folder, name)]).equals(data), name).toBe(true)
    }
    const keyFile = [...original.keys()].find((n) => n.startsWith('keys/'))!
    const verified = execFileSync(MINISIGN, ['-Vm', 'SHA256SUMS', '-p', keyFile, '-H'], {
      cwd: folder,
    })
    expect(verified.toString()).toContain(`bundle:${bundle.bundleId}`)
    execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: folder, stdio: 'pipe' })
    writeFileSync(join(folder, 'report/report.html'), 'changed')
    expect(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: folder }).status).toBe(1)
  })
})
