import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

/**
 * The loopback bridge (`renderer/dev/loopback-bridge.ts`) as browser JavaScript, transpiled on
 * the fly (dev/test tooling only: TypeScript is a development dependency).
 */
export function bridgeScript(): string {
  const source = readFileSync(
    fileURLToPath(new URL('../../renderer/dev/loopback-bridge.ts', import.meta.url)),
    'utf8',
  )
  const output = ts.transpileModule(source, {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      removeComments: false,
    },
  })
  // Type-only imports vanish; wrap so nothing leaks into the page's globals but window.outpost.
  return `(() => {\n${output.outputText.replace(/^export \{\};?\s*$/m, '')}\n})();\n`
}
