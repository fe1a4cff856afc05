'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (see below) */
/**
 * Evidence write guard (security-checks B2): wraps Node's `fs` so that every open of a path
 * under an evidence root is recorded with its flags, and any write-capable open (w, a, +,
 * O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND) or mutating call (write, append, truncate,
 * utimes, chmod, chown, rename, unlink, rm, mkdir, copy, link …) on such a path is recorded as a
 * violation and refused (thrown) before it reaches the disk.
 *
 * Two uses:
 * - in the test process, through `open-guard.ts` (`install()` below);
 * - in scan processes, as a preload: `node --require open-guard-preload.cjs`, configured by
 *   OUTPOST_OPEN_GUARD_ROOTS (JSON array of folders/files) and OUTPOST_OPEN_GUARD_LOG (a JSONL
 *   file the records are appended to). OUTPOST_OPEN_GUARD_PLANT=1 plants a fault (control
 *   case): at its first read under a root, the process also tries to open that file 'r+'.
 *
 * CommonJS on purpose: `--require` runs it before any ES module imports `node:fs`, and
 * `syncBuiltinESMExports()` makes the named ESM exports (`import { openSync } from 'node:fs'`)
 * see the wrappers too.
 */
const fs = require('node:fs')
const path = require('node:path')
const { syncBuiltinESMExports } = require('node:module')

const C = fs.constants
const WRITE_BITS = C.O_WRONLY | C.O_RDWR | C.O_CREAT | C.O_TRUNC | C.O_APPEND

/** True when open flags (string or number) allow writing or creating. */
function isWriteFlags(flags) {
  if (flags === undefined || flags === null) return false
  if (typeof flags === 'number') return (flags & WRITE_BITS) !== 0
  return /[wa+]/.test(String(flags))
}

/** Open-like calls: (path, flags?) — the flags decide. */
const OPENS = ['open', 'openSync']
/** Calls that only read a path: recorded, never a violation. */
const READS = ['readFile', 'readFileSync', 'createReadStream']
/** Calls that change what is at their path arguments (indexes of the path arguments). */
const MUTATIONS = {
  createWriteStream: [0],
  writeFile: [0],
  appendFile: [0],
  truncate: [0],
  utimes: [0],
  lutimes: [0],
  chmod: [0],
  lchmod: [0],
  chown: [0],
  lchown: [0],
  rename: [0, 1],
  unlink: [0],
  rm: [0],
  rmdir: [0],
  mkdir: [0],
  mkdtemp: [0],
  copyFile: [1],
  cp: [1],
  symlink: [1],
  link: [1],
}

function pathOf(value) {
  if (typeof value === 'string') return value
  if (Buffer.isBuffer(value)) return value.toString()
  if (value instanceof URL && value.protocol === 'file:')
    return require('node:url').fileURLToPath(value)
  return null // an fd: opened earlier, and that open was checked
}

/**
 * Wrap `fs`, `fs.promises`; returns the function that restores them.
 * `onRecord({ op, path, flags, write })` hears every call on a path under a root.
 */
function install({ roots, onRecord }) {
  const realRoots = roots.map((root) => {
    try {
      return fs.realpathSync(root)
    } catch {
      return path.resolve(root)
    }
  })
  const underRoot = (p) => {
    const resolved = path.resolve(p)
    const candidates = [resolved]
    try {
      candidates.push(fs.realpathSync(resolved))
    } catch {
      // Does not exist (yet): a create under the root is still caught by the resolved path.
      try {
        candidates.push(path.join(fs.realpathSync(path.dirname(resolved)), path.basename(resolved)))
      } catch {
        // Parent missing too.
      }
    }
    return candidates.some((c) =>
      realRoots.some(
        (root) => c === root || c.startsWith(root.endsWith(path.sep) ? root : root + path.sep),
      ),
    )
  }
  const restores = []
  const wrap = (target, name, check) => {
    const original = target[name]
    if (typeof original !== 'function') return
    const promised = target === fs.promises
    const wrapped = function guarded(...args) {
      try {
        check(args)
      } catch (error) {
        if (promised) return Promise.reject(error) // as the real call would fail
        throw error
      }
      return original.apply(this, args)
    }
    Object.defineProperty(wrapped, 'name', { value: name })
    target[name] = wrapped
    restores.push(() => {
      target[name] = original
    })
  }
  const see = (op, p, flags, write) => {
    if (p === null || !underRoot(p)) return
    onRecord({ op, path: path.resolve(p), flags: flags ?? null, write })
    if (write) {
      const error = new Error(
        `open-guard: ${op} would write to evidence ${p} (flags ${String(flags)})`,
      )
      error.code = 'EVIDENCE_WRITE_BLOCKED'
      throw error
    }
  }
  const flagsArg = (args, index) => {
    const value = args[index]
    if (value === undefined || typeof value === 'function') return 'r'
    if (typeof value === 'object' && value !== null) return value.flags ?? 'r'
    return value
  }
  for (const target of [fs, fs.promises]) {
    const sync = target === fs
    for (const name of OPENS) {
      wrap(target, name, (args) => {
        const flags = flagsArg(args, 1)
        see(name, pathOf(args[0]), flags, isWriteFlags(flags))
      })
    }
    for (const name of READS) {
      wrap(target, name, (args) => {
        // readFile takes a flag option too: `{ flag: 'a+' }` would create the file.
        const flag = typeof args[1] === 'object' && args[1] !== null ? args[1].flag : undefined
        see(name, pathOf(args[0]), flag ?? 'r', isWriteFlags(flag))
      })
    }
    for (const [base, indexes] of Object.entries(MUTATIONS)) {
      const names = sync && !base.startsWith('create') ? [base, `${base}Sync`] : [base]
      for (const name of names)
        wrap(target, name, (args) => {
          for (const index of indexes) see(name, pathOf(args[index]), null, true)
        })
    }
  }
  syncBuiltinESMExports()
  return () => {
    for (const restore of restores.splice(0).reverse()) restore()
    syncBuiltinESMExports()
  }
}

module.exports = { install, isWriteFlags }

// Preload mode: only when this file was given to `--require` and told where to record.
const log = process.env.OUTPOST_OPEN_GUARD_LOG
if (log && process.execArgv.some((arg) => arg.endsWith('open-guard-preload.cjs'))) {
  const roots = JSON.parse(process.env.OUTPOST_OPEN_GUARD_ROOTS ?? '[]')
  const fd = fs.openSync(log, 'a')
  const writeSync = fs.writeSync
  let planted = process.env.OUTPOST_OPEN_GUARD_PLANT !== '1'
  install({
    roots,
    onRecord(record) {
      writeSync(fd, `${JSON.stringify({ pid: process.pid, ...record })}\n`)
      if (!planted && !record.write) {
        planted = true
        try {
          fs.openSync(record.path, 'r+') // the planted fault; the guard must refuse it
        } catch {
          // Refused (and recorded) by the guard.
        }
      }
    },
  })
}
