import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * How to get a private mount namespace in which we may mount a small tmpfs: plain `unshare -m`
 * as root (CI), `unshare -rm` (a user namespace) otherwise. Null when neither works here.
 */
export function mountNamespace(): string[] | null {
  const probe = mkdtempSync(join(tmpdir(), 'outpost-ns-'))
  try {
    const candidates = process.getuid?.() === 0 ? [['-m'], ['-rm']] : [['-rm']]
    for (const flags of candidates) {
      const run = spawnSync(
        'unshare',
        [...flags, 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$1"', 'sh', probe],
        { stdio: 'ignore' },
      )
      if (run.status === 0) return ['unshare', ...flags]
    }
    return null
  } finally {
    rmSync(probe, { recursive: true, force: true })
  }
}
