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
  const byName = new Map(located.map((entry, index) => [entry.rule.name, { entry, index }]))
  const globals = located.filter((l) => l.rule.modifiers.includes('global'))
  const sources = new Map<string, string>()
  for (const { rule } of located) {
    const needed = new Map<string, { entry: LocatedRule; index: number }>()
    const visit = (name: string): void => {
      const found = byName.get(name)
      if (found === undefined || needed.has(name)) return
      needed.set(name, found)
      for (const identifier of found.entry.rule.conditionIdentifiers) visit(identifier)
    }
    visit(rule.name)
    for (const global of globals) visit(global.rule.name)
    const parts = [...needed.values()].sort((a, b) => a.index - b.index).map((p) => p.entry.rule)
    const imports = [...new Set(parts.flatMap((part) => part.imports))].sort()
    const header = imports.map((module) => `import "${module}"`).join('\n')
    const body = parts.map((part) => part.text).join('\n\n')
    sources.set(rule.name, header === '' ? body : `${header}\n\n${body}`)
  }
  return sources
}
