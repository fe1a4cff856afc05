import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../helpers/launcher'
import { tempDir } from '../../helpers/temp-dir'
import { findingLines, readCase } from './case-findings'
import { exited } from './crash-harness'
import { mountNamespace } from './namespace'

// A full disk while writing (issue 9 §4, security-checks C1 "no corruption"): the case lives on
// an 8 MiB tmpfs, 7.2 MiB of which a ballast file takes, in a private mount namespace. The
// scan must stop with a clear error, leave the case intact with every ACKed batch, let it be
// opened and listed, then resume to the uninterrupted result once the ballast is gone.
// Exporting a bundle onto a full disk must fail clearly and leave no partial bundle.
const FILES = 600
const CLI = join(ROOT, 'bin/outpost.js')
const RULES = `
rule Marked { meta: score = 60 strings: $s = "DISK-MARK" condition: $s }
rule Many { strings: $m = "MANY" condition: #m > 2 }
`
// Run inside the namespace; every result lands in $OUT (outside the tmpfs).
const SCRIPT = `
set -u
mount -t tmpfs -o size=8192k tmpfs "$SMALL" || exit 90
head -c 7372800 /dev/zero > "$SMALL/ballast" || exit 91
node "$CLI" scan "$EV" --case "$SMALL/c.outpost" --rules "$RULES" --processes 2 \
  > "$OUT/scan.out" 2> "$OUT/scan.err"; echo $? > "$OUT/scan.rc"
mkdir "$OUT/after-full" && cp "$SMALL"/c.outpost* "$OUT/after-full/"
node "$CLI" findings --case "$SMALL/c.outpost" > "$OUT/list.out" 2> "$OUT/list.err"
echo $? > "$OUT/list.rc"
rm "$SMALL/ballast"
node "$CLI" scan --resume 1 --case "$SMALL/c.outpost" > "$OUT/resume.out" 2> "$OUT/resume.err"
echo $? > "$OUT/resume.rc"
mkdir "$OUT/final" && cp "$SMALL"/c.outpost* "$OUT/final/"
mount -t tmpfs -o size=64k tmpfs "$TINY" || exit 92
node "$CLI" export --case "$OUT/final/c.outpost" --tlp amber --out "$TINY/bundles" \
  > "$OUT/export.out" 2> "$OUT/export.err"; echo $? > "$OUT/export.rc"
ls -A "$TINY/bundles" > "$OUT/export.ls" 2>/dev/null || true
`

function run(command: string, args: readonly string[], env: Record<string, string>) {
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return exited(child).then((code) => ({ code, output }))
}

const namespace = mountNamespace()
if (namespace === null && process.env['CI'] !== undefined) {
  throw new Error('CI needs mount namespaces (unshare -m as root, or unshare -rm) for this suite')
}

describe.skipIf(namespace === null)('full disk while writing (case on a small tmpfs)', () => {
  it('C1 a scan that fills the disk stops with a clear error, the case intact, and resumes to the full result', async () => {
    const started = Date.now()
    const dir = tempDir()
    const evidence = join(dir, 'evidence')
    mkdirSync(evidence)
    for (let i = 0; i < FILES; i += 1) {
      const marks = `${i % 2 === 0 ? 'DISK-MARK ' : ''}${i % 3 === 0 ? 'MANY MANY MANY ' : ''}`
      writeFileSync(join(evidence, `f${i}.txt`), `file ${i} ${marks}${'z'.repeat(800)}`)
    }
    const rules = join(dir, 'r.yar')
    writeFileSync(rules, RULES)
    const out = join(dir, 'out')
    const small = join(dir, 'small')
    const tiny = join(dir, 'tiny')
    for (const folder of [out, small, tiny]) mkdirSync(folder)
    const env = {
      OUTPOST_DATA_DIR: join(dir, 'data'),
      OUTPOST_KEY_PASSPHRASE: 'full-disk-test-passphrase',
      OUTPOST_ACK_COMMITS: '1',
    }
    const reference = join(dir, 'reference.outpost')
    const uninterrupted = await run(
      process.execPath,
      [CLI, 'scan', evidence, '--case', reference, '--rules', rules, '--processes', '2'],
      env,
    )
    expect(uninterrupted.code, uninterrupted.output).toBe(1)
    const key = await run(process.execPath, [CLI, 'keys', 'create', '--org', 'H4 test'], env)
    expect(key.code, key.output).toBe(0)

    const [command, ...flags] = namespace as string[]
    const script = await run(command as string, [...flags, 'sh', '-c', SCRIPT], {
      ...env,
      CLI,
      EV: evidence,
      RULES: rules,
      OUT: out,
      SMALL: small,
      TINY: tiny,
    })
    expect(script.code, script.output).toBe(0)
    const text = (name: string): string => readFileSync(join(out, name), 'utf8')

    // The scan stopped with the product's own error (exit 5: incomplete, not 70: a bug)…
    const scanErr = text('scan.err')
    expect(text('scan.rc').trim(), scanErr).toBe('5')
    const message = /outpost: (The disk holding the case .*)/.exec(scanErr)?.[1]
    expect(message, scanErr).toMatch(/is full: scan 1 stopped/)
    expect(message).toMatch(/Free space .* then resume scan 1\./)
    // …after committing some batches, all of them in the case, which is intact.
    const acks = scanErr
      .split('\n')
      .filter((line) => line.startsWith('ACK '))
      .map((line) => JSON.parse(line.slice(4)) as { paths: string[]; findings: number })
    const ackedPaths = acks.flatMap((a) => a.paths)
    expect(acks.length).toBeGreaterThan(0)
    const afterFull = readCase(join(out, 'after-full/c.outpost'))
    expect(afterFull.integrity).toBe('ok')
    expect(afterFull.foreignKeyViolations).toBe(0)
    expect(ackedPaths.filter((path) => !afterFull.committed.has(path))).toEqual([])
    expect(afterFull.committedFiles).toBeLessThan(FILES)
    expect(afterFull.scan).toMatchObject({ status: 'interrupted', error: message })
    const expected = readCase(reference).findings
    for (const [path, list] of afterFull.findings) expect(list).toEqual(expected.get(path))
    // The case still opens and lists its findings on the full disk.
    expect(text('list.rc').trim(), text('list.err')).toBe('0')
    expect(text('list.out')).toContain('Marked')

    // Space freed: the resume finishes, with exactly the uninterrupted scan's findings.
    expect(text('resume.rc').trim(), text('resume.err')).toBe('1')
    const final = readCase(join(out, 'final/c.outpost'))
    expect(final.integrity).toBe('ok')
    expect(final.scan?.status).toBe('completed')
    expect(findingLines(final.findings)).toEqual(findingLines(expected))

    // A bundle exported onto a full disk: a clear error, nothing left behind.
    const exportErr = text('export.err')
    expect(text('export.rc').trim(), exportErr).toBe('3')
    expect(exportErr).toMatch(/the disk is full\. Nothing was left behind/)
    expect(text('export.ls').trim()).toBe('')
    console.log(
      `full disk: scan stopped after ${acks.length} ACKed batches (${afterFull.committedFiles} of ` +
        `${FILES} files, ${afterFull.findingRows} findings), integrity ${afterFull.integrity}; ` +
        `error "${message}"; resume → ${final.findingRows} findings = uninterrupted; export: ` +
        `"${exportErr.trim()}"; ${Date.now() - started} ms`,
    )
  })
})

// Keep the namespace probe honest where it runs: a tmpfs really is mounted privately.
describe.skipIf(namespace === null)('the mount namespace helper', () => {
  it('mounts a tmpfs visible inside only', async () => {
    const dir = tempDir()
    const [command, ...flags] = namespace as string[]
    const inside = await run(
      command as string,
      [...flags, 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$D" && touch "$D/x" && ls "$D"'],
      { D: dir },
    )
    expect(inside.output.trim()).toBe('x')
    expect(readdirSync(dir)).toEqual([])
  })
})
