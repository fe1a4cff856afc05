import { fileURLToPath } from 'node:url'
import type { ScanChildLauncher } from '../../main/core/scan/child/child-handle'
import { createNodeChildLauncher } from '../../main/core/scan/child/node-child-launcher'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Scan processes running the TypeScript source through tsx, as in development. */
export function sourceLauncher(): ScanChildLauncher {
  return createNodeChildLauncher({
    path: `${ROOT}main/core/scan/child/scan-child.ts`,
    execArgv: ['--import', 'tsx'],
    cwd: ROOT,
  })
}
