import { mkdtempSync, rmSync, chmodSync, readdirSync, lstatSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach } from 'vitest'

const created: string[] = []
const suiteCreated: string[] = []
let forSuite = false

/** A fresh temporary folder, removed after the current test (read-only folders included). */
export function tempDir(prefix = 'outpost-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  ;(forSuite ? suiteCreated : created).push(dir)
  return dir
}

/**
 * Run a `beforeAll` set-up whose temporary folders must outlive each test: they are removed
 * after the whole file instead.
 */
export async function withSuiteTempDirs<T>(setUp: () => Promise<T>): Promise<T> {
  forSuite = true
  try {
    return await setUp()
  } finally {
    forSuite = false
  }
}

function removeAll(dirs: string[]): void {
  for (const dir of dirs.splice(0)) {
    makeWritable(dir)
    rmSync(dir, { recursive: true, force: true })
  }
}

afterEach(() => {
  removeAll(created)
})
afterAll(() => {
  removeAll(suiteCreated)
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
