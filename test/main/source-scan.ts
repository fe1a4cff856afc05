import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import ts from 'typescript'

/*
 * A small AST scanner for the static security tests (security-checks A4, A6, A10, A12).
 * It reads code, not comments: a comment that mentions `shell.openExternal` is fine, a call is
 * not, and `'file:' + '//…'` tricks still show up as a string literal starting with `file:`.
 */

/** What one source file does that the security tests care about. */
export interface SourceFacts {
  /** Module specifiers of value imports, re-exports, `require()` and `import()` (not `import type`). */
  readonly modules: string[]
  /** Named imports as `module#name` (e.g. `electron#net`). */
  readonly namedImports: string[]
  /** Member names used from the forbidden list (`openExternal`, `loadFile`, …). */
  readonly forbiddenMembers: string[]
  /** String literals that start with `file:`. */
  readonly fileUrls: string[]
  /** `ipcMain.<method>(…)` calls, by method. */
  readonly ipcMainCalls: string[]
  /** Calls of `fetch`, `net.request`, `net.fetch`. */
  readonly networkCalls: string[]
  /** webPreferences-style settings that weaken the renderer (`sandbox: false`, …). */
  readonly weakSettings: string[]
}

const FORBIDDEN_MEMBERS = new Set([
  'openExternal',
  'openPath',
  'openItem',
  'loadFile',
  'setAsDefaultProtocolClient',
])
const MUST_BE_TRUE = new Set(['contextIsolation', 'sandbox', 'webSecurity'])
const MUST_BE_FALSE = new Set([
  'nodeIntegration',
  'nodeIntegrationInWorker',
  'nodeIntegrationInSubFrames',
  'webviewTag',
  'allowRunningInsecureContent',
  'experimentalFeatures',
])
const NEVER_SET = new Set(['enableBlinkFeatures', 'additionalArguments'])

function nameOf(node: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (node === undefined) return undefined
  if (ts.isIdentifier(node) || ts.isStringLiteral(node)) return node.text
  return undefined
}

/** Scan one file's text. */
export function scanSource(fileName: string, text: string): SourceFacts {
  const facts: SourceFacts = {
    modules: [],
    namedImports: [],
    forbiddenMembers: [],
    fileUrls: [],
    ipcMainCalls: [],
    networkCalls: [],
    weakSettings: [],
  }
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)
  const visit = (node: ts.Node): void => {
    inspect(node, facts)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return facts
}

function inspect(node: ts.Node, facts: SourceFacts): void {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
    // `import type` / `export type` are erased at build time: they load nothing.
    const typeOnly = ts.isImportDeclaration(node)
      ? node.importClause?.phaseModifier === ts.SyntaxKind.TypeKeyword
      : node.isTypeOnly
    if (!typeOnly && ts.isStringLiteral(node.moduleSpecifier)) {
      const from = node.moduleSpecifier.text
      facts.modules.push(from)
      const bindings = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : undefined
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          facts.namedImports.push(`${from}#${(el.propertyName ?? el.name).text}`)
        }
      }
    }
  } else if (ts.isCallExpression(node)) {
    inspectCall(node, facts)
  } else if (ts.isPropertyAccessExpression(node)) {
    if (FORBIDDEN_MEMBERS.has(node.name.text)) facts.forbiddenMembers.push(node.name.text)
  } else if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression)) {
    const name = node.argumentExpression.text
    if (FORBIDDEN_MEMBERS.has(name)) facts.forbiddenMembers.push(name)
  } else if (ts.isBindingElement(node)) {
    const name = nameOf(node.propertyName) ?? nameOf(node.name)
    if (name !== undefined && FORBIDDEN_MEMBERS.has(name)) facts.forbiddenMembers.push(name)
  } else if (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateHead(node)
  ) {
    if (/^\s*file:/i.test(node.text)) facts.fileUrls.push(node.text)
  } else if (ts.isPropertyAssignment(node)) {
    inspectSetting(node, facts)
  }
}

function inspectCall(node: ts.CallExpression, facts: SourceFacts): void {
  const callee = node.expression
  const [first] = node.arguments
  if (
    (callee.kind === ts.SyntaxKind.ImportKeyword ||
      (ts.isIdentifier(callee) && callee.text === 'require')) &&
    first !== undefined &&
    ts.isStringLiteralLike(first)
  ) {
    facts.modules.push(first.text)
  }
  if (ts.isIdentifier(callee) && callee.text === 'fetch') facts.networkCalls.push('fetch')
  if (ts.isPropertyAccessExpression(callee)) {
    const target = callee.expression.getText()
    const method = callee.name.text
    if (/(^|\.)ipcMain$/.test(target)) facts.ipcMainCalls.push(method)
    if (target === 'globalThis' && method === 'fetch') facts.networkCalls.push('globalThis.fetch')
    if (target === 'net' && (method === 'request' || method === 'fetch')) {
      facts.networkCalls.push(`net.${method}`)
    }
  }
}

function inspectSetting(node: ts.PropertyAssignment, facts: SourceFacts): void {
  const name = nameOf(node.name)
  if (name === undefined) return
  const value = node.initializer.kind
  if (MUST_BE_TRUE.has(name) && value === ts.SyntaxKind.FalseKeyword) {
    facts.weakSettings.push(`${name}: false`)
  }
  if (MUST_BE_FALSE.has(name) && value === ts.SyntaxKind.TrueKeyword) {
    facts.weakSettings.push(`${name}: true`)
  }
  if (NEVER_SET.has(name)) facts.weakSettings.push(`${name} set`)
}

/** Every script file under `dir`, as paths relative to `base` with `/` separators. */
export function listSourceFiles(base: string, dir: string): string[] {
  const out: string[] = []
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.(?:[cm]?[jt]s|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push(relative(base, full).split(sep).join('/'))
      }
    }
  }
  walk(join(base, dir))
  return out.sort()
}

/** Read and scan a file given relative to `base`. */
export function scanFile(base: string, file: string): SourceFacts {
  return scanSource(file, readFileSync(join(base, file), 'utf8'))
}
