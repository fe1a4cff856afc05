#!/usr/bin/env node
/**
 * Runs a test command with no network (security-checks A10), the way `npm test` runs:
 *
 *   node scripts/offline-tests/run-offline.mjs <command> [args…]
 *
 * 1. Inside an empty network namespace (`unshare -n`: no interface but a loopback that is down)
 *    when this machine allows one (root or CAP_SYS_ADMIN). On CI (CI=1) it is required.
 * 2. With network-guard.cjs preloaded into every Node process of the run (NODE_OPTIONS), which
 *    records and refuses every socket, listen, DNS, HTTP, fetch and UDP attempt, and with
 *    `__proto__` disabled.
 *
 * After the command it prints how many processes carried the guard and how many attempts they
 * recorded, and fails when there was any attempt, even if every test passed.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { connect } from 'node:net'

const here = dirname(fileURLToPath(import.meta.url))
const guardPath = join(here, 'network-guard.cjs')
const INSIDE = '--inside-empty-namespace'

if (process.argv[2] === INSIDE) await runInside(process.argv.slice(3))
else process.exit(runOutside(process.argv.slice(2)))

function runOutside(command) {
  if (command.length === 0) {
    console.error('usage: run-offline.mjs <command> [args…]')
    return 2
  }
  const logDir = mkdtempSync(join(tmpdir(), 'outpost-network-guard-'))
  const log = join(logDir, 'attempts.jsonl')
  // Some tests run the CLI as another user (unreadable files): every process must be able to
  // append to the log.
  writeFileSync(log, '')
  chmodSync(log, 0o666)
  chmodSync(logDir, 0o711)
  const env = { ...process.env, OUTPOST_NETWORK_GUARD_LOG: log }
  const namespace = process.env.OUTPOST_NO_NETNS === '1' ? false : canUnshareNetwork()
  let status
  if (namespace) {
    const self = fileURLToPath(import.meta.url)
    status = run(['unshare', '-n', process.execPath, self, INSIDE, ...command], env)
  } else if (process.env.CI) {
    console.error(
      'run-offline: CI must run the tests in an empty network namespace, and `unshare -n` is ' +
        'not allowed here (it needs root or CAP_SYS_ADMIN).',
    )
    return 1
  } else {
    console.warn(
      'run-offline: no network namespace here (`unshare -n` needs root); the network guard ' +
        'alone records and refuses network attempts.',
    )
    status = run(command, withGuard(env))
  }
  const { processes, attempts, localIpc } = readLog(log)
  rmSync(logDir, { recursive: true, force: true })
  console.log(
    `\nNo network (A10): ${namespace ? 'empty network namespace, ' : ''}guard loaded in ` +
      `${processes} processes and threads, ${attempts.length} network attempts recorded ` +
      `(${localIpc} local Unix-socket connections, allowed).`,
  )
  if (processes === 0) {
    console.error('run-offline: the network guard never loaded: NODE_OPTIONS did not reach Node.')
    return 1
  }
  if (attempts.length > 0) {
    for (const a of attempts.slice(0, 20)) {
      console.error(`\n  ${a.api} → ${a.target} (pid ${a.pid})\n${a.stack}`)
    }
    return 1
  }
  return status
}

/** In the namespace: prove it has no usable interface, then run the command with the guard. */
async function runInside(command) {
  const withAddress = Object.values(networkInterfaces()).flat()
  if (withAddress.length > 0) {
    console.error(`run-offline: the namespace has ${withAddress.length} addresses; expected none`)
    process.exit(1)
  }
  // Control: a connect from here (this process has no guard) must fail at once, unreachable.
  const code = await new Promise((resolve) => {
    const socket = connect({ host: '192.0.2.1', port: 9 })
    socket.on('error', (error) => resolve(error.code))
    socket.on('connect', () => {
      socket.destroy()
      resolve('CONNECTED')
    })
  })
  if (code !== 'ENETUNREACH') {
    console.error(`run-offline: a connect in the namespace ended with ${code}, not ENETUNREACH`)
    process.exit(1)
  }
  process.exit(run(command, withGuard(process.env)))
}

/**
 * The guard, plus `--disable-proto=throw` as a prototype-pollution tripwire (security-checks D9):
 * any code path that reaches `__proto__` throws during the tests.
 */
function withGuard(env) {
  const extra = `--disable-proto=throw --require=${JSON.stringify(guardPath)}`
  const options = `${env.NODE_OPTIONS ?? ''} ${extra}`.trim()
  return { ...env, NODE_OPTIONS: options }
}

function run(command, env) {
  const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env })
  if (result.error) {
    console.error(`run-offline: could not start ${command[0]}: ${result.error.message}`)
    return 1
  }
  return result.status ?? 1
}

function canUnshareNetwork() {
  const probe = spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' })
  return probe.status === 0
}

function readLog(log) {
  if (!existsSync(log)) return { processes: 0, attempts: [], localIpc: 0 }
  const lines = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
  return {
    processes: lines.filter((l) => l.kind === 'loaded').length,
    attempts: lines.filter((l) => l.kind === 'attempt'),
    localIpc: lines.filter((l) => l.kind === 'local-ipc').length,
  }
}
