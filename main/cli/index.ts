/**
 * The `outpost` command: the same core as the app, headless, for batch work.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { dirname } from 'node:path'
import { createNodeChildLauncher } from '../core/scan/child/node-child-launcher'
import { ScanControl } from '../core/scan/scan-control'
import { runCli } from './run-cli'
import { attachScanKeys } from './scan-keys'
import { projectRootFrom, scanChildEntry } from './scan-child-entry'

const controller = new AbortController()
let interrupts = 0
process.on('SIGINT', () => {
  interrupts += 1
  if (interrupts > 1) process.exit(130)
  process.stderr.write('\noutpost: stopping the scan (press Ctrl-C again to quit at once)…\n')
  controller.abort()
})

const root = projectRootFrom(dirname(fileURLToPath(import.meta.url)))
const control = new ScanControl()
const detachKeys =
  process.argv[2] === 'scan'
    ? attachScanKeys(control, (text) => process.stderr.write(text))
    : () => undefined
const code = await runCli(process.argv.slice(2), {
  io: {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    stderr: process.stderr,
  },
  launcher: createNodeChildLauncher(scanChildEntry(import.meta.url)),
  bundledRulesDir: join(root, 'rules'),
  signal: controller.signal,
  control,
})
detachKeys()
process.exitCode = code
