import { screen } from '@testing-library/react'
import type {
  PackDiffView,
  PackImportOutcome,
  PackImportPreview,
  PackVersionView,
  PackView,
} from '../../../../main/core/model/rule-packs'
import { installFakeBridge } from '../../fake-bridge'
import type { FakeBridge } from '../../fake-bridge'

/** Fixtures of the Rules section tests: one trusted pack, its update, the update's preview. */
export const TOKEN = '1b4e28ba-2fa1-41d2-883f-0016d3cca427'
export const FINGERPRINT = '3F2A 91C0 0000 1111 2222 3333 4444 5555'

export function version(over: Partial<PackVersionView> = {}): PackVersionView {
  return {
    installId: '1.0.0-1',
    version: '1.0.0',
    sequence: 1,
    signature: 'trusted',
    signer: { keyId: '0123456789ABCDEF', org: 'Harbour CSIRT', fingerprint: FINGERPRINT },
    installedAt: '2026-11-20T10:00:00.000Z',
    installedBy: 'ana',
    ruleCount: 24,
    tlp: 'green',
    problem: null,
    source: null,
    droppedCount: 0,
    ...over,
  }
}

export const V1 = version()
export const V2 = version({ installId: '1.1.0-2', version: '1.1.0', sequence: 2, ruleCount: 25 })

export function pack(active: PackVersionView, versions = [active]): PackView {
  return { name: 'harbour-rules', active, versions }
}

export const rule = (name: string, id: string | null = null) => ({ name, id })
export const pair = (name: string, id: string, detail: string | null = null) => ({
  before: rule(name, id),
  after: rule(name, id),
  detail,
})

/** One rule in every class, so the preview must show each one. */
export const DIFF: PackDiffView = {
  added: [rule('New_Loader_Rule', 'HB-0100')],
  removed: [rule('Old_Dropper_Rule', 'HB-0007')],
  renamed: [
    { before: rule('Beacon_Old', 'HB-0003'), after: rule('Beacon_New', 'HB-0003'), detail: null },
  ],
  logicChanged: [pair('Webshell_Eval', 'HB-0004')],
  metaOnly: [pair('Mimikatz_Strings', 'HB-0005')],
  statusChanged: [pair('Noisy_Packer', 'HB-0006', 'active → testing')],
  reIdentified: [
    { before: rule('Ransom_Note', 'HB-0008'), after: rule('Ransom_Note', 'HB-0108'), detail: null },
  ],
  engineChanged: true,
  unchanged: 17,
}

export function preview(over: Partial<PackImportPreview> = {}): PackImportPreview {
  return {
    token: TOKEN,
    kind: 'signed',
    name: 'harbour-rules',
    version: '1.1.0',
    sequence: 2,
    ruleCount: 25,
    tlp: 'green',
    signature: 'trusted',
    signer: V1.signer,
    prehashed: true,
    previous: { version: '1.0.0', sequence: 1 },
    diff: DIFF,
    warnings: ['rules/slow.yar:12: slow pattern'],
    dropped: [],
    ...over,
  }
}

export const OUTCOME: PackImportOutcome = {
  name: 'harbour-rules',
  active: V2,
  previousId: '1.0.0-1',
  retroHuntRules: [rule('New_Loader_Rule', 'HB-0100'), rule('Webshell_Eval', 'HB-0004')],
}

export function bridge(): FakeBridge {
  return installFakeBridge({
    'rules:store': { value: [pack(V1)] },
    'rules:rules': { value: [] },
    'dialog:pickRulePack': { value: '/media/usb/harbour-rules-1.1.0.zip' },
    'rules:prepareImport': { value: preview() },
    'rules:confirmImport': { value: OUTCOME },
    'rules:discardImport': { value: null },
  })
}

export const importForm = () => screen.findByRole('form', { name: 'Import pack…' })
