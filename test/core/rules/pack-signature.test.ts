import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serialiseManifest } from '../../../main/core/rules/build-manifest'
import { parseManifest } from '../../../main/core/rules/pack-manifest'
import type { PackManifest } from '../../../main/core/rules/pack-manifest'
import {
  checkPackSignature,
  checkSequence,
  packTrustedComment,
} from '../../../main/core/rules/pack-signature'
import { parsePublicKey } from '../../../main/core/crypto/minisign'
import { resolveSigner } from '../../../main/core/share/keys/trust-store'
import { ROOT } from '../../helpers/launcher'
import { workbench } from '../../helpers/shared-case'
import { tempDir } from '../../helpers/temp-dir'

const MINISIGN = '/usr/bin/minisign'
// CI installs minisign: a missing binary there is a failure, not a skip.
const HAS_MINISIGN = existsSync(MINISIGN) || process.env['CI'] !== undefined

/** The default pack's manifest, published under `keyId`. */
function manifestFor(keyId: string | null): { manifest: PackManifest; bytes: Buffer } {
  const original = parseManifest(readFileSync(join(ROOT, 'rules', 'pack.json')))
  const manifest = { ...original, publisher: { ...original.publisher, key_id: keyId } }
  return { manifest, bytes: Buffer.from(serialiseManifest(manifest)) }
}

describe('rule pack signatures', () => {
  it('accepts a pack signed by our own key or a trusted partner, and says which', () => {
    const publisher = workbench('Pack Publisher')
    const { manifest, bytes } = manifestFor(publisher.signer.keyId)
    const signature = publisher.signer.sign(bytes, packTrustedComment(manifest))
    const analyst = workbench('Analyst Cell')
    analyst.stores.trust.add({
      publicKeyText: publisher.signer.publicKeyText,
      org: 'Pack Publisher',
      addedBy: 'ana',
    })

    const own = checkPackSignature(bytes, manifest, signature, {
      resolveKey: (id) => resolveSigner(id, publisher.stores),
      allowUnsigned: false,
    })
    const trusted = checkPackSignature(bytes, manifest, signature, {
      resolveKey: (id) => resolveSigner(id, analyst.stores),
      allowUnsigned: false,
    })

    expect(own).toMatchObject({ status: 'own', keyId: publisher.signer.keyId, prehashed: true })
    expect(trusted).toMatchObject({ status: 'trusted', org: 'Pack Publisher' })
    expect(trusted.trustedComment).toBe(
      `pack:outpost-default version:${manifest.version} seq:${manifest.sequence}`,
    )
  })

  it('refuses an unknown key, a changed manifest, and a key the manifest does not name', () => {
    const publisher = workbench('Pack Publisher')
    const other = workbench('Someone Else')
    const { manifest, bytes } = manifestFor(publisher.signer.keyId)
    const signature = publisher.signer.sign(bytes, 'x')
    const ours = {
      resolveKey: (id: string) => resolveSigner(id, publisher.stores),
      allowUnsigned: false,
    }

    expect(() =>
      checkPackSignature(bytes, manifest, signature, {
        resolveKey: (id) => resolveSigner(id, other.stores),
        allowUnsigned: false,
      }),
    ).toThrow(expect.objectContaining({ code: 'BUNDLE_UNTRUSTED' }))
    const changed = Buffer.from(bytes.toString().replace('"sequence":', '"sequence": '))
    expect(() => checkPackSignature(changed, manifest, signature, ours)).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_INVALID' }),
    )
    const byOther = other.signer.sign(bytes, 'x')
    expect(() => checkPackSignature(bytes, manifest, byOther, ours)).toThrow(
      /names publisher key [0-9A-F]{16}, but key [0-9A-F]{16} signed it/,
    )
  })

  it('takes an unsigned pack only when the analyst adds it as a local pack', () => {
    const { manifest, bytes } = manifestFor(null)
    const options = { resolveKey: () => ({ status: 'unknown' }) as const }

    expect(
      checkPackSignature(bytes, manifest, null, { ...options, allowUnsigned: true }).status,
    ).toBe('unsigned')
    expect(() =>
      checkPackSignature(bytes, manifest, null, { ...options, allowUnsigned: false }),
    ).toThrow(/only signed packs are imported/)
  })

  it('never lets a pack go back in sequence', () => {
    const { manifest } = manifestFor(null)
    const installed = { version: 'installed', sequence: manifest.sequence }

    expect(() => {
      checkSequence(manifest, null)
    }).not.toThrow()
    expect(() => {
      checkSequence(manifest, { ...installed, sequence: manifest.sequence - 1 })
    }).not.toThrow()
    expect(() => {
      checkSequence(manifest, installed)
    }).toThrow(/never goes back/)
    expect(() => {
      checkSequence(manifest, { ...installed, sequence: manifest.sequence + 1 })
    }).toThrow(/not above the installed installed/)
  })
})

describe.skipIf(!HAS_MINISIGN)('packs signed with the stock minisign CLI', () => {
  it.each([
    ['prehashed (minisign 0.11 default)', [], true],
    ['legacy (-l)', ['-l'], false],
  ] as const)('imports a pack signed %s once its key is trusted', (_label, flags, prehashed) => {
    const dir = tempDir()
    execFileSync(MINISIGN, ['-G', '-W', '-p', join(dir, 'pub'), '-s', join(dir, 'sec')], {
      stdio: 'pipe',
    })
    const pubText = readFileSync(join(dir, 'pub'), 'utf8')
    // From the key itself: minisign's comment drops the id's leading zeros.
    const { keyId } = parsePublicKey(pubText)
    const { manifest, bytes } = manifestFor(keyId)
    writeFileSync(join(dir, 'pack.json'), bytes)
    execFileSync(
      MINISIGN,
      [
        '-S',
        ...flags,
        '-s',
        join(dir, 'sec'),
        '-m',
        join(dir, 'pack.json'),
        '-t',
        packTrustedComment(manifest),
      ],
      { stdio: 'pipe' },
    )
    const analyst = workbench('Analyst Cell')
    analyst.stores.trust.add({ publicKeyText: pubText, org: 'CLI Publisher', addedBy: 'ana' })

    const result = checkPackSignature(
      bytes,
      manifest,
      readFileSync(join(dir, 'pack.json.minisig'), 'utf8'),
      {
        resolveKey: (id) => resolveSigner(id, analyst.stores),
        allowUnsigned: false,
      },
    )

    expect(result).toMatchObject({ status: 'trusted', keyId, org: 'CLI Publisher', prehashed })
    expect(result.trustedComment).toBe(packTrustedComment(manifest))
  })
})
