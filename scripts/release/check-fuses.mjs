#!/usr/bin/env node
/**
 * Release check A7 (security-checks §2.4): read the fuse wire of a packaged Electron binary.
 *
 * Electron embeds `SENTINEL`, then one byte: the wire version (the number 1, not '1'), one
 * byte: the number of fuses, then one byte per fuse: ASCII '0' (0x30, off), '1' (0x31, on) or
 * 'r' (0x72, removed). A universal macOS binary holds two wires; every one is checked.
 * Exit 0 only when every wire equals EXPECTED; 1 otherwise (a fuse off target, a wire of
 * another length: review the new fuse, then update EXPECTED); 2 when the file cannot be read.
 *
 * Usage: node scripts/release/check-fuses.mjs <electron binary>
 *   Linux: release/linux-unpacked/outpost   Windows: release/win-unpacked/Outpost.exe
 *   macOS: Outpost.app (the wire is in Contents/Frameworks/Electron Framework.framework)
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export const SENTINEL = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'latin1')
export const WIRE_VERSION = 1

/** §2.4, by wire index: the fuse and the state the release must have ('0' off, '1' on). */
export const EXPECTED = [
  ['RunAsNode', '0'],
  ['EnableCookieEncryption', '1'],
  ['EnableNodeOptionsEnvironmentVariable', '0'],
  ['EnableNodeCliInspectArguments', '0'],
  ['EnableEmbeddedAsarIntegrityValidation', '1'],
  ['OnlyLoadAppFromAsar', '1'],
  ['LoadBrowserProcessSpecificV8Snapshot', '0'],
  ['GrantFileProtocolExtraPrivileges', '0'],
  ['WasmTrapHandlers', '1'],
]

/**
 * Every fuse wire in `binary`.
 *
 * @returns one entry per sentinel: its offset, version, declared length and states (chars)
 * @throws Error when there is no sentinel, or a wire runs past the end of the file
 */
export function readFuseWires(binary) {
  const wires = []
  let at = binary.indexOf(SENTINEL)
  if (at === -1) throw new Error('no fuse sentinel: not an Electron binary (or Electron < 12)')
  while (at !== -1) {
    const start = at + SENTINEL.length
    if (start + 2 > binary.length) throw new Error(`fuse wire at ${at} is truncated`)
    const version = binary[start]
    const length = binary[start + 1]
    if (start + 2 + length > binary.length) throw new Error(`fuse wire at ${at} is truncated`)
    const states = [...binary.subarray(start + 2, start + 2 + length)].map((b) =>
      String.fromCharCode(b),
    )
    wires.push({ offset: at, version, length, states })
    at = binary.indexOf(SENTINEL, start)
  }
  return wires
}

/** Compare one wire with EXPECTED; returns the report lines and whether it passed. */
export function checkWire(wire) {
  const lines = [`wire at byte ${wire.offset}: version ${wire.version}, ${wire.length} fuses`]
  let ok = wire.version === WIRE_VERSION && wire.length === EXPECTED.length
  if (wire.version !== WIRE_VERSION) lines.push(`  unexpected wire version ${wire.version}`)
  if (wire.length !== EXPECTED.length) {
    lines.push(`  ${wire.length} fuses, expected ${EXPECTED.length}: review and update EXPECTED`)
  }
  wire.states.forEach((state, i) => {
    const [name, want] = EXPECTED[i] ?? [`fuse ${i} (unknown)`, undefined]
    const shown = { 0: 'off', 1: 'on', r: 'removed' }[state] ?? `byte 0x${state.charCodeAt(0).toString(16)}`
    const good = state === want
    if (!good) ok = false
    lines.push(`  ${good ? 'ok  ' : 'FAIL'} ${i} ${name}: ${shown}${good ? '' : ` (want ${want === '1' ? 'on' : want === '0' ? 'off' : 'a review'})`}`)
  })
  return { ok, lines }
}

/** The file that holds the wire: the framework inside a macOS .app, else the binary itself. */
export function fuseFile(path) {
  if (path.endsWith('.app') && statSync(path).isDirectory()) {
    return join(path, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework')
  }
  return path
}

/** Run as a command; returns the exit code. */
export function main(argv, log = console.log) {
  const [path] = argv
  if (path === undefined) {
    log('usage: check-fuses.mjs <electron binary | Outpost.app>')
    return 2
  }
  let wires
  try {
    wires = readFuseWires(readFileSync(fuseFile(path)))
  } catch (error) {
    log(`check-fuses: ${error instanceof Error ? error.message : String(error)}`)
    return error?.code === undefined ? 1 : 2
  }
  let ok = true
  for (const wire of wires) {
    const result = checkWire(wire)
    for (const line of result.lines) log(line)
    ok &&= result.ok
  }
  const want = EXPECTED.map(([, s]) => s).join(' ')
  log(ok ? `check-fuses: ok (${want})` : `check-fuses: FAILED, the wire must be ${want}`)
  return ok ? 0 : 1
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2))
}
