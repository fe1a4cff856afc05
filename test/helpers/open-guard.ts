import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { ScanChildLauncher } from '../../main/core/scan/child/child-handle'
import { createNodeChildLauncher } from '../../main/core/scan/child/node-child-launcher'
import { ROOT } from './launcher'
import { tempDir } from './temp-dir'

/** One call on a path under an evidence root (security-checks B2). */
export interface GuardRecord {
  readonly op: string
  readonly path: string
  readonly flags: string | number | null
  /** A write-capable open or a mutating call: a violation (it was refused). */
  readonly write: boolean
  /** The process that made it (child records only). */
  readonly pid?: number
}

interface GuardModule {
  install: (options: { roots: readonly string[]; onRecord: (r: GuardRecord) => void }) => () => void
  isWriteFlags: (flags: string | number | undefined | null) => boolean
}

/** The preload file given to scan processes with `--require`. */
export const OPEN_GUARD_PRELOAD = join(ROOT, 'test/helpers/open-guard-preload.cjs')

const guardModule = createRequire(import.meta.url)(OPEN_GUARD_PRELOAD) as GuardModule

/** True when open flags allow writing or creating (exposed for the checker's own tests). */
export const isWriteFlags = guardModule.isWriteFlags

/** A guard over the test process's `fs`: records, and refuses writes under the roots. */
export interface OpenGuard {
  readonly records: GuardRecord[]
  violations(): GuardRecord[]
  /** Restore `fs` (idempotent). */
  uninstall(): void
}

/** Wrap `fs` in this process until `uninstall()`. */
export function installOpenGuard(roots: readonly string[]): OpenGuard {
  const records: GuardRecord[] = []
  let restore: (() => void) | null = guardModule.install({
    roots,
    onRecord: (r) => records.push(r),
  })
  return {
    records,
    violations: () => records.filter((r) => r.write),
    uninstall() {
      restore?.()
      restore = null
    },
  }
}

/** Scan processes that run with the guard preloaded and record into a file. */
export interface ChildGuard {
  readonly launcher: ScanChildLauncher
  /** Everything the scan processes recorded so far. */
  records(): GuardRecord[]
  /** Stop configuring new scan processes (clears the environment the children inherit). */
  dispose(): void
}

/**
 * A launcher for guarded scan processes (TypeScript source through tsx, as `sourceLauncher`).
 * Children inherit the configuration through the environment, set here until `dispose()`.
 * `plant` makes each child try one write-open on the first evidence file it reads (control).
 */
export function childOpenGuard(roots: readonly string[], plant = false): ChildGuard {
  const log = join(tempDir('outpost-guard-'), 'records.jsonl')
  process.env['OUTPOST_OPEN_GUARD_LOG'] = log
  process.env['OUTPOST_OPEN_GUARD_ROOTS'] = JSON.stringify(roots)
  if (plant) process.env['OUTPOST_OPEN_GUARD_PLANT'] = '1'
  else delete process.env['OUTPOST_OPEN_GUARD_PLANT']
  return {
    launcher: createNodeChildLauncher({
      path: `${ROOT}main/core/scan/child/scan-child.ts`,
      execArgv: ['--require', OPEN_GUARD_PRELOAD, '--import', 'tsx'],
      cwd: ROOT,
    }),
    records: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as GuardRecord)
        : [],
    dispose() {
      delete process.env['OUTPOST_OPEN_GUARD_LOG']
      delete process.env['OUTPOST_OPEN_GUARD_ROOTS']
      delete process.env['OUTPOST_OPEN_GUARD_PLANT']
    },
  }
}
