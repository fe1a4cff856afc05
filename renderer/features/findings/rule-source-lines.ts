import type { Token } from '../rules/rule-editor-tokens'
import { tokenizeYara, tokensByLine } from '../rules/rule-editor-tokens'

/** Lines of rule source shown at most (a self-contained source may carry many helper rules). */
export const MAX_SOURCE_LINES = 3000

/** One line of the source, tokenized, and whether it defines a string that matched. */
export interface SourceLine {
  readonly tokens: readonly Token[]
  readonly isMatched: boolean
}

const RULE_HEAD = /^\s*(?:(?:private|global)\s+)*rule\s+([A-Za-z0-9_]+)/
const STRING_DEFINITION = /^\s*(\$[A-Za-z0-9_]*)\s*=/

/**
 * The lines of a rule's source, with the definitions (`$a = …`) of the matched identifiers
 * marked — only inside the rule `ruleName` itself, as the self-contained source also holds the
 * private and global rules it needs, which may reuse the same identifiers.
 */
export function sourceLines(
  source: string,
  ruleName: string,
  matched: ReadonlySet<string>,
): { lines: readonly SourceLine[]; omitted: number } {
  // Tabs become spaces: shown as text, a tab would read as an escape.
  const all = tokensByLine(tokenizeYara(source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')))
  let inRule = false
  const lines = all.slice(0, MAX_SOURCE_LINES).map((tokens): SourceLine => {
    const text = tokens.map((t) => t.text).join('')
    const head = RULE_HEAD.exec(text)
    if (head !== null) inRule = head[1] === ruleName
    const identifier = STRING_DEFINITION.exec(text)?.[1]
    return { tokens, isMatched: inRule && identifier !== undefined && matched.has(identifier) }
  })
  return { lines, omitted: Math.max(0, all.length - MAX_SOURCE_LINES) }
}
