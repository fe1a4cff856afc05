import { mkdtempSync, rmSync, chmodSync, readdirSync, lstatSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

const created: string[] = []

/** A fresh temporary folder, removed after the current test (read-only folders included). */
export function tempDir(prefix = 'outpost-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  created.push(dir)
  return dir
}

afterEach(() => {
  for (const dir of created.splice(0)) {
    makeWritable(dir)
    rmSync(dir, { recursive: true, force: true })
  }
})

function makeWritable(path: string): void {
  try {
    const stats = lstatSync(path)
    if (stats.isSymbolicLink()) return
    chmodSync(path, stats.isDirectory() ? 0o755 : 0o644)
    if (stats.isDirectory()) for (const name of readdirSync(path)) makeWritable(join(path, name))
  } catch {
    // Already gone.
  }
}
