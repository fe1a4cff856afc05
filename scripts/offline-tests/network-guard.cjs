'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- a `--require` preload is CommonJS */
/**
 * Network guard (security-checks A10): loaded with `--require` into every Node process of a
 * test run (NODE_OPTIONS reaches vitest's workers, the scan children and the CLI processes the
 * tests start). It records every attempt to reach a network — socket connect, listen, DNS,
 * HTTP(S), fetch, UDP — to the JSON-lines file named by OUTPOST_NETWORK_GUARD_LOG, and makes the
 * attempt fail as an unreachable network would. The test runner fails the run on any record.
 *
 * Plain CommonJS with no dependencies, so it loads before anything else and in any process.
 */
const fs = require('node:fs')
const path = require('node:path')

const LOG = process.env.OUTPOST_NETWORK_GUARD_LOG
if (LOG) install(LOG)

function install(log) {
  const { threadId } = require('node:worker_threads')
  const write = (entry) => {
    const line = { pid: process.pid, thread: threadId, ...entry }
    try {
      fs.appendFileSync(log, `${JSON.stringify(line)}\n`)
    } catch (error) {
      // Never break the process under test; the runner notices a guard that did not report.
      process.stderr.write(`network guard: cannot record to ${log}: ${error.message}\n`)
    }
  }
  const attempt = (kind, target) => {
    const stack = (new Error().stack || '').split('\n').slice(3, 12).join('\n')
    write({ kind: 'attempt', api: kind, target: String(target), stack })
  }
  const refused = (what) => {
    const error = new Error(`network guard: ${what} refused (Outpost never uses a network)`)
    error.code = 'ENETUNREACH'
    return error
  }
  write({ kind: 'loaded', program: path.basename(process.argv[1] || process.argv0) })

  const net = require('node:net')
  const originalConnect = net.Socket.prototype.connect
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0]
    const options = typeof first === 'object' && first !== null ? first : null
    const localPath =
      options?.path ?? (typeof first === 'string' && Number.isNaN(Number(first)) ? first : null)
    if (localPath !== null && localPath !== undefined) {
      // A Unix domain socket or named pipe is local IPC, not a network (tsx uses one to talk to
      // its parent). Counted, allowed.
      write({ kind: 'local-ipc', target: String(localPath) })
      return originalConnect.apply(this, args)
    }
    const target = options
      ? `${options.host || 'localhost'}:${options.port}`
      : `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${first}`
    attempt('net.Socket.connect', target)
    process.nextTick(() => this.destroy(refused(`connect to ${target}`)))
    return this
  }

  const originalListen = net.Server.prototype.listen
  net.Server.prototype.listen = function guardedListen(...args) {
    const first = args[0]
    const localPath =
      typeof first === 'object' && first !== null
        ? first.path
        : typeof first === 'string' && Number.isNaN(Number(first))
          ? first
          : undefined
    if (localPath !== undefined) write({ kind: 'local-ipc', target: `listen ${String(localPath)}` })
    else attempt('net.Server.listen', JSON.stringify(args.filter((a) => typeof a !== 'function')))
    return originalListen.apply(this, args)
  }

  for (const name of ['http', 'https']) {
    const mod = require(`node:${name}`)
    for (const fn of ['request', 'get']) {
      const original = mod[fn]
      mod[fn] = function guardedRequest(...args) {
        const first = args[0]
        attempt(
          `${name}.${fn}`,
          first instanceof URL || typeof first === 'string' ? first : JSON.stringify(first),
        )
        return original.apply(this, args)
      }
    }
  }

  const dns = require('node:dns')
  const callbackApis = [
    'lookup',
    'lookupService',
    'resolve',
    'resolve4',
    'resolve6',
    'resolveAny',
    'resolveCname',
    'resolveMx',
    'resolveNs',
    'resolveTxt',
    'resolveSrv',
    'resolvePtr',
    'resolveNaptr',
    'resolveSoa',
    'resolveCaa',
    'reverse',
  ]
  const guardCallback = (owner, label) => {
    for (const fn of callbackApis) {
      if (typeof owner[fn] !== 'function') continue
      owner[fn] = function guardedDns(...args) {
        attempt(`${label}.${fn}`, args[0])
        const callback = args.findLast((a) => typeof a === 'function')
        if (callback) process.nextTick(() => callback(refused(`${fn} ${String(args[0])}`)))
        return undefined
      }
    }
  }
  guardCallback(dns, 'dns')
  guardCallback(dns.Resolver.prototype, 'dns.Resolver')
  const guardPromises = (owner, label) => {
    for (const fn of callbackApis) {
      if (typeof owner[fn] !== 'function') continue
      owner[fn] = function guardedDnsPromise(...args) {
        attempt(`${label}.${fn}`, args[0])
        return Promise.reject(refused(`${fn} ${String(args[0])}`))
      }
    }
  }
  guardPromises(dns.promises, 'dns.promises')
  guardPromises(dns.promises.Resolver.prototype, 'dns.promises.Resolver')

  const dgram = require('node:dgram')
  for (const fn of ['send', 'connect']) {
    dgram.Socket.prototype[fn] = function guardedUdp(...args) {
      attempt(
        `dgram.Socket.${fn}`,
        args
          .filter((a) => typeof a !== 'function')
          .slice(-2)
          .join(':'),
      )
      const callback = args.findLast((a) => typeof a === 'function')
      if (callback) process.nextTick(() => callback(refused(`UDP ${fn}`)))
    }
  }

  if (typeof globalThis.fetch === 'function') {
    globalThis.fetch = function guardedFetch(input) {
      attempt('fetch', input instanceof Request ? input.url : input)
      return Promise.reject(new TypeError('fetch failed', { cause: refused('fetch') }))
    }
  }
}
