import type { LocatedRule } from './pack-rules'

/**
 * The self-contained text of every rule of a pack, by rule name.
 *
 * A rule shared on its own (a STIX indicator's `pattern`, a MISP `yara` attribute, a partner's
 * `.yar`) must compile on its own: it gets the `import`s of its file and of every rule it pulls
 * in, the rules its condition names (private helpers, and rules they name in turn), and the
 * pack's `global` rules (they gate every rule of the namespace, so leaving them out would change
 * what the rule matches). Rules keep their order in the pack.
 */
export function selfContainedSources(located: readonly LocatedRule[]): Map<string, string> {
  const sources = new Map<string, string>()
  for (const { rule } of located) {
    sources.set(rule.name, closureSource(located, [rule.name]).text)
  }
  return sources
}

/**
 * One source holding the named rules and everything they need (see
 * {@link selfContainedSources}), each rule once, in pack order; `names` lists every rule in it.
 */
export function closureSource(
  located: readonly LocatedRule[],
  roots: Iterable<string>,
): { readonly text: string; readonly names: readonly string[] } {
  const { byName, globals } = packIndex(located)
  const needed = new Map<string, { entry: LocatedRule; index: number }>()
  const visit = (name: string): void => {
    const found = byName.get(name)
    if (found === undefined || needed.has(name)) return
    needed.set(name, found)
    for (const identifier of found.entry.rule.conditionIdentifiers) visit(identifier)
  }
  for (const root of roots) visit(root)
  for (const global of globals) {
    visit(global.rule.name)
  }
  const parts = [...needed.values()].sort((a, b) => a.index - b.index).map((p) => p.entry.rule)
  const imports = [...new Set(parts.flatMap((part) => part.imports))].sort()
  const header = imports.map((module) => `import "${module}"`).join('\n')
  const body = parts.map((part) => part.text).join('\n\n')
  return {
    text: header === '' ? body : `${header}\n\n${body}`,
    names: parts.map((part) => part.name),
  }
}

interface PackIndex {
  readonly byName: ReadonlyMap<string, { entry: LocatedRule; index: number }>
  readonly globals: readonly LocatedRule[]
}

// Built once per pack: selfContainedSources calls closureSource for every rule, and rebuilding
// the index each time made loading signature-base (5,883 rules) take ~30 s instead of ~2 s.
const indexes = new WeakMap<readonly LocatedRule[], PackIndex>()

function packIndex(located: readonly LocatedRule[]): PackIndex {
  let index = indexes.get(located)
  if (index === undefined) {
    index = {
      byName: new Map(located.map((entry, i) => [entry.rule.name, { entry, index: i }])),
      globals: located.filter((l) => l.rule.modifiers.includes('global')),
    }
    indexes.set(located, index)
  }
  return index
}
