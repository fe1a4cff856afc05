#!/usr/bin/env node
/**
 * Make sure better-sqlite3 exists built for the installed Electron, before Electron starts.
 *
 * `node_modules/better-sqlite3` stays the Node build (vitest and the CLI load it); Electron has
 * another ABI, so the app loads a side build from `.native/electron-<version>/better_sqlite3.node`
 * (main/native-binding.ts). This script makes that side build once: it copies the installed
 * better-sqlite3 sources to a temp folder and runs `node-gyp rebuild` there against Electron's
 * headers, so node_modules is never touched. See docs/electron-native.md.
 *
 * Usage: node scripts/ensure-electron-native.mjs [--force]
 * Environment (all optional):
 *   OUTPOST_ELECTRON_HEADERS  an unpacked Electron headers folder (offline builds: --nodedir)
 *   OUTPOST_NODE_GYP          the node-gyp.js to run (default: npm's bundled copy)
 *   OUTPOST_NATIVE_ROOT       the project root (default: this script's parent folder)
 */
import { spawn } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const HEADERS_URL = 'https://electronjs.org/headers'
const NATIVE_FILE = 'better_sqlite3.node'
const STAMP_FILE = 'build-info.json'
const TAIL_CHARS = 64 * 1024

const say = (line) => console.log(`[native] ${line}`)

function readVersion(root, name) {
  const file = join(root, 'node_modules', name, 'package.json')
  if (!existsSync(file)) return undefined
  return JSON.parse(readFileSync(file, 'utf8')).version
}

/** Where the build for `electronVersion` goes (must match main/native-binding.ts). */
function targetDir(root, electronVersion) {
  return join(root, '.native', `electron-${electronVersion}`)
}

function expectedStamp(electronVersion, sqliteVersion) {
  return {
    electron: electronVersion,
    betterSqlite3: sqliteVersion,
    platform: process.platform,
    arch: process.arch,
  }
}

function isUpToDate(dir, stamp) {
  if (!existsSync(join(dir, NATIVE_FILE)) || !existsSync(join(dir, STAMP_FILE))) return false
  try {
    const found = JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8'))
    return Object.entries(stamp).every(([key, value]) => found[key] === value)
  } catch {
    return false
  }
}

/** node-gyp: an explicit path, else the copy bundled with the npm that runs us, else npx. */
function findNodeGyp() {
  const candidates = [
    process.env.OUTPOST_NODE_GYP,
    process.env.npm_execpath &&
      join(dirname(dirname(process.env.npm_execpath)), 'node_modules/node-gyp/bin/node-gyp.js'),
    join(
      dirname(process.execPath),
      '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    ),
    join(dirname(process.execPath), 'node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  ].filter(Boolean)
  const found = candidates.find((path) => existsSync(path))
  if (found) return { command: process.execPath, prefix: [found], label: found }
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
  return { command: npx, prefix: ['--yes', 'node-gyp'], label: 'npx node-gyp' }
}

/** Run a command with live output, keeping the tail of it for the diagnosis. */
function run(command, args, cwd) {
  return new Promise((resolvePromise) => {
    let tail = ''
    const keep = (chunk, out) => {
      out.write(chunk)
      tail = (tail + chunk.toString()).slice(-TAIL_CHARS)
    }
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.on('data', (chunk) => keep(chunk, process.stdout))
    child.stderr.on('data', (chunk) => keep(chunk, process.stderr))
    child.on('error', (error) => resolvePromise({ code: -1, output: `${tail}\n${error.message}` }))
    child.on('close', (code) => resolvePromise({ code: code ?? -1, output: tail }))
  })
}

/** A one-line reason for a failed build, from its output. */
export function diagnose(output, electronVersion) {
  if (
    /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|self.signed|certificate/i.test(
      output,
    )
  ) {
    return `node-gyp could not download the Electron ${electronVersion} headers from ${HEADERS_URL}: this machine has no network access (or a proxy/certificate blocks it).`
  }
  if (
    /ERR! find Python|python.*not found|No Xcode|xcode-select|Visual Studio|MSBuild|make: not found|not found: make|g\+\+: not found|cc: not found|command not found/i.test(
      output,
    )
  ) {
    return 'a C/C++ build tool is missing (node-gyp needs Python 3, make and a C++ compiler; on Windows the Visual Studio C++ build tools).'
  }
  if (/could not determine node-gyp|npm ERR! 404|ENOENT.*node-gyp/i.test(output)) {
    return 'node-gyp was not found (it ships with npm; set OUTPOST_NODE_GYP to its bin/node-gyp.js).'
  }
  return 'node-gyp failed; its output is above.'
}

function failureHelp(reason, electronVersion, sqliteVersion, root) {
  const platform = `${process.platform}-${process.arch}`
  const dir = targetDir(root, electronVersion)
  return [
    `FAILED: better-sqlite3 ${sqliteVersion} could not be built for Electron ${electronVersion}.`,
    `  Why: ${reason}`,
    '  The Electron app cannot open a case database without it. Tests and the CLI are not',
    '  affected: they use the Node build in node_modules.',
    '  What to do (any one):',
    `    1. On a machine with network access and the same platform (${platform}), run`,
    `       \`node scripts/ensure-electron-native.mjs\`, then copy its .native/electron-${electronVersion}/`,
    `       folder to ${dir}.`,
    `    2. Get the Electron ${electronVersion} headers (${HEADERS_URL}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz),`,
    '       unpack them (the tarball holds a node_headers/ folder), and run:',
    `       OUTPOST_ELECTRON_HEADERS=/path/to/node_headers node scripts/ensure-electron-native.mjs`,
    '  Details: docs/electron-native.md',
  ].join('\n')
}

async function build(root, electronVersion, sqliteVersion, dir) {
  const work = mkdtempSync(join(tmpdir(), 'outpost-native-'))
  try {
    const source = join(root, 'node_modules', 'better-sqlite3')
    const copy = join(work, 'better-sqlite3')
    // The sources only: the Node build in build/ must not leak into the Electron one.
    cpSync(source, copy, {
      recursive: true,
      filter: (path) => !['build', 'node_modules'].includes(relative(source, path).split(sep)[0]),
    })
    const built = join(copy, 'build', 'Release', NATIVE_FILE)
    // A published prebuild for this Electron needs no compiler; fall back to building.
    if (!(await tryPrebuild(root, copy, electronVersion)) || !existsSync(built)) {
      const failure = await compile(copy, electronVersion)
      if (failure !== null) return { ok: false, reason: failure }
    }
    install(built, dir, electronVersion, sqliteVersion)
    return { ok: true }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** `prebuild-install` (a better-sqlite3 dependency) for the Electron runtime; true if it got one. */
async function tryPrebuild(root, copy, electronVersion) {
  const bin = join(root, 'node_modules', 'prebuild-install', 'bin.js')
  if (process.env.OUTPOST_ELECTRON_HEADERS || !existsSync(bin)) return false
  const args = [
    bin,
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    `--platform=${process.platform}`,
  ]
  say('trying a published prebuild (prebuild-install)…')
  const result = await run(process.execPath, args, copy)
  return result.code === 0
}

/** Build with node-gyp against Electron's headers; null on success, else the reason. */
async function compile(copy, electronVersion) {
  const gyp = findNodeGyp()
  const headers = process.env.OUTPOST_ELECTRON_HEADERS
  const args = [
    ...gyp.prefix,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--dist-url=${HEADERS_URL}`,
    ...(headers ? [`--nodedir=${resolve(headers)}`] : []),
  ]
  say(`running ${gyp.label} ${args.slice(gyp.prefix.length).join(' ')}`)
  const result = await run(gyp.command, args, copy)
  const built = join(copy, 'build', 'Release', NATIVE_FILE)
  return result.code === 0 && existsSync(built) ? null : diagnose(result.output, electronVersion)
}

/** Put the built module in place for `electronVersion`, atomically, with its stamp. */
function install(built, dir, electronVersion, sqliteVersion) {
  mkdirSync(dir, { recursive: true })
  // Copy then rename: a half-written .node must never look finished.
  const partial = join(dir, `${NATIVE_FILE}.partial`)
  copyFileSync(built, partial)
  renameSync(partial, join(dir, NATIVE_FILE))
  const stamp = {
    ...expectedStamp(electronVersion, sqliteVersion),
    builtAt: new Date().toISOString(),
  }
  writeFileSync(join(dir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`)
}

async function main() {
  const root = resolve(
    process.env.OUTPOST_NATIVE_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..'),
  )
  const force = process.argv.includes('--force')
  const electronVersion = readVersion(root, 'electron')
  const sqliteVersion = readVersion(root, 'better-sqlite3')
  if (!electronVersion || !sqliteVersion) {
    console.error(
      `[native] FAILED: ${electronVersion ? 'better-sqlite3' : 'electron'} is not installed under ${root}/node_modules (run npm install).`,
    )
    return 1
  }
  const dir = targetDir(root, electronVersion)
  if (!force && isUpToDate(dir, expectedStamp(electronVersion, sqliteVersion))) {
    say(
      `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}: up to date (${join(dir, NATIVE_FILE)})`,
    )
    return 0
  }
  say(
    `building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch}); this happens once and takes a minute or two…`,
  )
  const result = await build(root, electronVersion, sqliteVersion, dir)
  if (!result.ok) {
    console.error(`\n[native] ${failureHelp(result.reason, electronVersion, sqliteVersion, root)}`)
    return 1
  }
  say(`done: ${join(dir, NATIVE_FILE)}`)
  return 0
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code
    },
    (error) => {
      console.error('[native] FAILED unexpectedly:', error)
      process.exitCode = 1
    },
  )
}
