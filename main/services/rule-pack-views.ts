import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { keyFingerprint } from '../core/crypto/minisign'
import { retroHuntRules as rulesToRescan } from '../core/scan/retro-hunt'
import type { PackRule } from '../core/rules/loaded-pack'
import type { PackDiff, RulePair } from '../core/rules/pack-diff'
import { parseManifest } from '../core/rules/pack-manifest'
import type { PackInstall, PackStore } from '../core/rules/pack-store'
import type { SignerResolution } from '../core/share/keys/trust-store'
import type {
  PackDiffView,
  PackRulePairView,
  PackRuleRef,
  PackRuleView,
  PackSignerView,
  PackVersionView,
} from '../core/model/rule-packs'

/** Who a key id belongs to on this workbench (own keys, then the trust store). */
export type KeyResolver = (keyId: string) => SignerResolution

/** The org and fingerprint of a publisher key, when this workbench knows the key. */
export function signerView(keyId: string | null, resolveKey: KeyResolver): PackSignerView | null {
  if (keyId === null) return null
  const resolved = resolveKey(keyId)
  if (resolved.status === 'unknown') return { keyId, org: null, fingerprint: null }
  return { keyId, org: resolved.org, fingerprint: keyFingerprint(resolved.publicKey.publicKey) }
}

/**
 * One installed version as the UI lists it. Its manifest is read for the rule count and TLP; a
 * version whose files are gone or damaged is still listed, with the problem, so it is not lost.
 */
export function versionView(
  store: PackStore,
  name: string,
  install: PackInstall,
  resolveKey: KeyResolver,
): PackVersionView {
  let ruleCount: number | null = null
  let tlp: PackVersionView['tlp'] = null
  let problem: string | null = null
  const local = install.signature === 'unsigned' && install.version === 'local'
  // A local pack has no manifest: its rules are counted when it is opened, not in the list.
  if (!local) {
    try {
      const manifest = parseManifest(
        readFileSync(join(store.folderOf(name, install.id), 'pack.json')),
      )
      ruleCount = manifest.rules.length
      tlp = manifest.tlp
    } catch {
      problem = `The files of ${name} ${install.version} cannot be read; import that version again.`
    }
  }
  return {
    installId: install.id,
    version: install.version,
    sequence: install.sequence,
    signature: install.signature,
    signer: signerView(install.keyId, resolveKey),
    installedAt: install.installedAt,
    installedBy: install.installedBy,
    ruleCount,
    tlp,
    problem,
    source: install.source ?? null,
    droppedCount: install.dropped?.length ?? 0,
  }
}

/** A rule's id and name. */
export function ruleRef(rule: PackRule): PackRuleRef {
  return { id: rule.id, name: rule.name }
}

/** A rule as the rules table shows it. */
export function ruleView(rule: PackRule): PackRuleView {
  return {
    id: rule.id,
    name: rule.name,
    namespace: rule.namespace,
    score: rule.score,
    status: rule.status,
    tags: rule.tags,
    file: rule.file,
  }
}

function pairView(pair: RulePair, withStatus = false): PackRulePairView {
  return {
    before: ruleRef(pair.before),
    after: ruleRef(pair.after),
    detail: withStatus ? `${pair.before.status} → ${pair.after.status}` : null,
  }
}

/** The diff as plain data for the preview (rule names and ids, no source). */
export function diffView(diff: PackDiff): PackDiffView {
  return {
    added: diff.added.map(ruleRef),
    removed: diff.removed.map(ruleRef),
    renamed: diff.renamed.map((p) => pairView(p)),
    logicChanged: diff.logicChanged.map((p) => pairView(p)),
    metaOnly: diff.metaOnly.map((p) => pairView(p)),
    statusChanged: diff.statusChanged.map((p) => pairView(p, true)),
    reIdentified: diff.reIdentified.map((p) => pairView(p)),
    engineChanged: diff.engineChanged,
    unchanged: diff.unchanged,
  }
}

/**
 * The rules a retro-hunt after this update runs — the scan's own choice (`retroHuntRules` of
 * core/scan/retro-hunt.ts: new, logic changed, re-enabled; never disabled ones) — new ones
 * first; for a new pack, every enabled rule.
 */
export function retroHuntRules(diff: PackDiff | null, all: readonly PackRule[]): PackRuleRef[] {
  if (diff === null) return all.filter((rule) => rule.status !== 'disabled').map(ruleRef)
  const chosen = new Set(rulesToRescan(diff))
  const candidates = [
    ...diff.added,
    ...diff.logicChanged.map((pair) => pair.after),
    ...diff.statusChanged.map((pair) => pair.after),
  ]
  const seen = new Set<string>()
  return candidates
    .filter((rule) => chosen.has(rule.name) && !seen.has(rule.name) && seen.add(rule.name))
    .map(ruleRef)
}
