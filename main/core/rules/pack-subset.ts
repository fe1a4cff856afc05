import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../model/errors'
import type { LoadedPack } from './loaded-pack'
import { parseRuleFiles } from './pack-rules'
import { closureSource } from './self-contained-rule'

/** The file a subset's rules are written to. */
export const SUBSET_FILE = 'subset.yar'

/**
 * The same pack narrowed to some of its rules (a retro-hunt runs only the new and changed ones):
 * one rule file in `folder` with those rules and what they need (private rules they name, the
 * pack's global rules, imports), compiled in the pack's namespace. Name, version and manifest
 * hash stay the pack's, so findings cite the real pack version; `subset` lists the rules, so the
 * compiled-rules cache and same-content reuse never mistake it for the whole pack.
 *
 * @throws AppError `RULES_INVALID` when a named rule is not in the pack.
 */
export function packSubset(pack: LoadedPack, roots: readonly string[], folder: string): LoadedPack {
  const located = parseRuleFiles(
    pack.sources.map((source) => ({
      path: source.displayName,
      text: readFileSync(source.path, 'utf8'),
    })),
  )
  const known = new Set(located.map((l) => l.rule.name))
  const missing = roots.filter((name) => !known.has(name))
  if (missing.length > 0) {
    throw new AppError(
      'RULES_INVALID',
      `Rule pack ${pack.summary.name} ${pack.summary.version} has no rule ${missing.join(', ')}.`,
    )
  }
  const closure = closureSource(located, roots)
  mkdirSync(folder, { recursive: true })
  const path = join(folder, SUBSET_FILE)
  writeFileSync(path, `${closure.text}\n`)
  const names = new Set(closure.names)
  return {
    ...pack,
    summary: { ...pack.summary, ruleCount: names.size },
    sources: [{ namespace: pack.namespace, path, displayName: SUBSET_FILE }],
    rules: pack.rules.filter((rule) => names.has(rule.name)),
    subset: [...names].sort(),
  }
}
