import { fileURLToPath } from 'node:url'
import { dirname, join, resolve } from 'node:path'
import type { NodeChildEntry } from '../core/scan/child/node-child-launcher'

/**
 * Where the scan-child program is for a process started from `moduleUrl`: next to the built
 * `out/main/*.js`, or the TypeScript source run through tsx when running from source (tests,
 * `npm run outpost` during development).
 */
export function scanChildEntry(moduleUrl: string): NodeChildEntry {
  const here = dirname(fileURLToPath(moduleUrl))
  if (moduleUrl.endsWith('.ts')) {
    const root = projectRootFrom(here)
    return {
      path: join(root, 'main/core/scan/child/scan-child.ts'),
      execArgv: ['--import', 'tsx'],
      cwd: root,
    }
  }
  return { path: join(here, 'scan-child.js') }
}

/** The repository root, from a folder two levels below it (`main/cli`, `out/main`). */
export function projectRootFrom(here: string): string {
  return resolve(here, '..', '..')
}
