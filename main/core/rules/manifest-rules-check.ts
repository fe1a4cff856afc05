import { AppError } from '../model/errors'
import type { RuleDiagnostic } from '../model/rules'
import type { ManifestRule, PackManifest } from './pack-manifest'
import { ruleDiagnostic } from './pack-rules'
import type { LocatedRule } from './pack-rules'

/**
 * Check that a manifest's rule list is exactly what the parser found in the pack's files.
 *
 * Same names, each in the file the manifest says, with the same logic hash; every rule in
 * the pack's namespace; no duplicate name or id; every imported module declared in `engine`.
 * Meta is not compared: the source is authoritative for meta and the file hashes already tie
 * the sources to the manifest.
 *
 * @throws AppError `RULES_INVALID` with one diagnostic per problem.
 */
export function checkRulesMatchManifest(
  manifest: PackManifest,
  located: readonly LocatedRule[],
  namespace: string,
): void {
  const problems = [
    ...listedRuleProblems(manifest, located, namespace),
    ...unlistedRuleProblems(manifest, located),
    ...moduleProblems(manifest, located),
  ]
  const first = problems[0]
  if (first === undefined) return
  throw new AppError(
    'RULES_INVALID',
    `pack.json does not match its rule files: ${first.file}: ${first.message}` +
      (problems.length > 1 ? ` (${problems.length} problems)` : ''),
    { details: problems },
  )
}

function listedRuleProblems(
  manifest: PackManifest,
  located: readonly LocatedRule[],
  namespace: string,
): RuleDiagnostic[] {
  const byName = new Map(located.map((l) => [l.rule.name, l]))
  const names = new Set<string>()
  const ids = new Set<string>()
  const problems: RuleDiagnostic[] = []
  for (const listed of manifest.rules) {
    const problem = (file: string, line: number | null, message: string): void => {
      problems.push(ruleDiagnostic(file, line, 'manifest-mismatch', message))
    }
    if (names.has(listed.name)) problem('pack.json', null, `rule ${listed.name} is listed twice`)
    if (listed.id !== null && ids.has(listed.id))
      problem('pack.json', null, `rule id ${listed.id} is used twice`)
    names.add(listed.name)
    if (listed.id !== null) ids.add(listed.id)
    if (listed.namespace !== namespace)
      problem(
        'pack.json',
        null,
        `rule ${listed.name} has namespace ${listed.namespace}, not ${namespace}`,
      )
    const found = byName.get(listed.name)
    const mismatch = found === undefined ? null : sourceMismatch(listed, found)
    if (found === undefined)
      problem(
        listed.file,
        null,
        `rule ${listed.name} is listed in pack.json but not in any rule file`,
      )
    else if (mismatch !== null) problem(found.file, found.rule.startLine, mismatch)
  }
  return problems
}

/** How a listed rule differs from the rule of that name in the sources, or null. */
function sourceMismatch(listed: ManifestRule, found: LocatedRule): string | null {
  if (found.file !== listed.file) return `rule ${listed.name} is listed in ${listed.file}`
  if (found.rule.logicHash === listed.logic_hash) return null
  return `rule ${listed.name}: its logic hash is ${found.rule.logicHash}, pack.json says ${listed.logic_hash}`
}

function unlistedRuleProblems(
  manifest: PackManifest,
  located: readonly LocatedRule[],
): RuleDiagnostic[] {
  const listed = new Set(manifest.rules.map((rule) => rule.name))
  return located
    .filter((l) => !listed.has(l.rule.name))
    .map((l) =>
      ruleDiagnostic(
        l.file,
        l.rule.startLine,
        'manifest-mismatch',
        `rule ${l.rule.name} is not listed in pack.json`,
      ),
    )
}

function moduleProblems(manifest: PackManifest, located: readonly LocatedRule[]): RuleDiagnostic[] {
  const declared = new Set(manifest.engine.modules)
  const missing = new Map<string, LocatedRule>()
  for (const l of located) {
    for (const module of l.rule.imports) if (!declared.has(module)) missing.set(module, l)
  }
  return [...missing].map(([module, l]) =>
    ruleDiagnostic(
      l.file,
      null,
      'manifest-mismatch',
      `module "${module}" is imported but not declared in pack.json engine.modules`,
    ),
  )
}
