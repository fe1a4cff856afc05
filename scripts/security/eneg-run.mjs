#!/usr/bin/env node
/**
 * `npm run security:eneg`: Electronegativity over the app's sources, then the gate (A2, §3).
 *
 * Electronegativity scans one folder and its global checks (CSP, navigation limits, permission
 * handler) need every file in that one run, so main/, renderer/ and package.json (for the
 * Electron version: without it the tool assumes v0.1.0 defaults) are copied to a temp folder
 * and scanned together. Never node_modules, out/ or test/ (test code plants bad settings on
 * purpose). `-x AvailableSecurityFixesGlobalCheck` skips the one check that goes online; the
 * translation lookup it also tries fails fast offline and is harmless.
 *
 * Usage: node scripts/security/eneg-run.mjs [report.csv]   (default test-results/electronegativity.csv)
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { main as runGate } from './eneg-gate.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const SCANNED = ['main', 'renderer', 'package.json']
/** A hang guard only: a full run takes about 20 s on 2 cores. */
const DEADLINE_MS = 300_000

const report = resolve(process.argv[2] ?? join(ROOT, 'test-results', 'electronegativity.csv'))
const require = createRequire(import.meta.url)
const bin = join(
  dirname(require.resolve('@doyensec/electronegativity/package.json')),
  'dist',
  'index.js',
)

const stage = mkdtempSync(join(tmpdir(), 'outpost-eneg-'))
let code = 2
try {
  for (const entry of SCANNED) cpSync(join(ROOT, entry), join(stage, entry), { recursive: true })
  mkdirSync(dirname(report), { recursive: true })
  rmSync(report, { force: true })
  const args = ['-i', stage, '-r', '-v', 'false', '-x', 'AvailableSecurityFixesGlobalCheck']
  const run = spawnSync(process.execPath, [bin, ...args, '-o', report], {
    encoding: 'utf8',
    timeout: DEADLINE_MS,
    killSignal: 'SIGKILL',
  })
  if (run.status !== 0 || run.error !== undefined) {
    console.error(run.stdout, run.stderr)
    console.error(`security:eneg: electronegativity failed (${run.error?.message ?? run.status})`)
  } else {
    code = runGate([report])
  }
} finally {
  rmSync(stage, { recursive: true, force: true })
}
process.exitCode = code
