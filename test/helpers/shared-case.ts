import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { CaseHandle } from '../../main/core/case/case-file'
import { passphraseProtector } from '../../main/core/share/keys/secret-box'
import { SigningKeyStore } from '../../main/core/share/keys/key-store'
import type { Signer } from '../../main/core/share/keys/key-store'
import { TrustStore } from '../../main/core/share/keys/trust-store'
import type { SharingStores } from '../../main/core/share/share-actions'
import { caseScanner } from './case-scanner'
import { localPack } from './local-pack'
import { tempDir } from './temp-dir'

/** Rules with an import, a private helper and hostile meta, as partners' rules often are. */
export const SHARE_RULES = {
  'loader.yar': `import "math"

rule Loader_Config : loader
{
    meta:
        description = "Example loader configuration marker"
        author = "Example CERT"
        score = 80
    strings:
        $cfg = "example-loader-config" ascii
    condition:
        $cfg and math.entropy(0, filesize) >= 0
}`,
  'hostile.yar': `private rule Has_Script
{
    strings:
        $a = "<script>"
    condition:
        $a
}

rule Script_In_Html
{
    meta:
        description = "<img src=x onerror=alert(1)> in meta"
        score = 55
    condition:
        Has_Script
}`,
}

/** Small scrypt cost for tests (the product default takes ~0.1 s per unlock). */
export const TEST_SCRYPT = { logN: 10, r: 8, p: 1 } as const

/** A workbench's data: its signing key and trust store. */
export interface Workbench {
  readonly dataDir: string
  readonly stores: SharingStores
  readonly signer: Signer
}

/** A data folder with one signing key for `org`, unlocked. */
export function workbench(org: string): Workbench {
  const dataDir = tempDir('outpost-data-')
  const keys = SigningKeyStore.forDataDir(dataDir)
  const protector = passphraseProtector('correct horse', TEST_SCRYPT)
  const info = keys.create({ org, protector })
  return {
    dataDir,
    stores: { keys, trust: TrustStore.forDataDir(dataDir) },
    signer: keys.unlock(info.keyId, protector),
  }
}

/** A scanned case with findings worth sharing: user folders, a hostile file name, a note. */
export async function sharedCase(): Promise<{ handle: CaseHandle; evidenceDir: string }> {
  const evidenceDir = join(tempDir('outpost-ev-'), 'laptop-alice')
  const put = (path: string, text: string): void => {
    mkdirSync(join(evidenceDir, path, '..'), { recursive: true })
    writeFileSync(join(evidenceDir, path), text)
  }
  put('Users/alice/AppData/Roaming/svc.dll', 'MZ....example-loader-config....')
  put('Users/bob/Downloads/=cmd|calc!A1.txt', 'junk example-loader-config junk')
  put('docs/<img src=x onerror=alert(1)>.html', '<html><script>alert(1)</script></html>')
  put('Users/Public/readme.txt', 'nothing to see')
  const scanner = await caseScanner([evidenceDir])
  await scanner.scan([await localPack(SHARE_RULES, 'share-pack')])
  const { db } = scanner.handle
  db.prepare(
    `INSERT INTO notes (uuid, finding_id, author, created_at, modified_at, body)
     VALUES (?, (SELECT min(id) FROM findings), 'ana', '2025-03-14T10:00:00.000Z',
             '2025-03-14T10:00:00.000Z', 'Confirmed by ana on laptop-alice: <b>loader</b>')`,
  ).run(randomUUID())
  return { handle: scanner.handle, evidenceDir }
}
