import { execFileSync } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Rules of the pipeline tests: a text marker, a wide marker, and an externals-based rule. */
export const PIPELINE_RULES = `
rule Planted_Ascii {
  meta: score = 80 description = "planted ASCII marker"
  strings: $m = "OUTPOST-PLANTED-MARKER"
  condition: $m
}
rule Planted_Wide {
  meta: score = 60
  strings: $w = "WIDE-MARKER" wide
  condition: $w
}
rule Exe_As_Pdf {
  meta: score = 70
  condition: extension == ".pdf" and uint16(0) == 0x5A4D
}
`

export const MARKER = 'OUTPOST-PLANTED-MARKER'

/** A planted positive: where, which rule, which pattern, at which offset. */
export interface Expected {
  readonly path: string
  readonly rule: string
  readonly identifier: string
  readonly offset: number
}

/**
 * Build the pipeline evidence folder: positives at offset 0, mid-file and at EOF, a wide string,
 * an executable named .pdf, negatives, an empty file, a link out of the root, a FIFO, and a file
 * over the whole-file limit (scanned in blocks) with the marker at offset 0.
 */
export function buildPipelineEvidence(root: string, largeBytes: number): Expected[] {
  mkdirSync(join(root, 'docs/sub'), { recursive: true })
  const prefix = 'Quarterly report, nothing to see. '
  write(root, 'docs/report.txt', `${prefix}${MARKER} trailing text\n`)
  write(root, 'start.bin', Buffer.concat([Buffer.from(MARKER), Buffer.alloc(1000, 7)]))
  const tail = Buffer.alloc(5000, 0xcc)
  write(root, 'docs/sub/end.bin', Buffer.concat([tail, Buffer.from(MARKER)]))
  const wide = Buffer.concat([Buffer.alloc(33, 1), Buffer.from('WIDE-MARKER', 'utf16le')])
  write(root, 'wide.dat', wide)
  write(root, 'invoice.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]))
  write(
    root,
    'real.pdf',
    Buffer.from('%PDF-1.7\n% a genuine document that mentions OUTPOST-PLANTED nothing\n'),
  )
  write(root, 'clean.txt', 'OUTPOST PLANTED MARKER with spaces is not the marker\n')
  write(root, 'empty.txt', '')
  write(root, 'big.bin', Buffer.concat([Buffer.from(MARKER), Buffer.alloc(largeBytes, 0)]))
  symlinkSync('/etc/passwd', join(root, 'passwd-link'))
  execFileSync('mkfifo', [join(root, 'pipe')])
  return [
    { path: 'docs/report.txt', rule: 'Planted_Ascii', identifier: '$m', offset: prefix.length },
    { path: 'start.bin', rule: 'Planted_Ascii', identifier: '$m', offset: 0 },
    { path: 'docs/sub/end.bin', rule: 'Planted_Ascii', identifier: '$m', offset: tail.length },
    { path: 'wide.dat', rule: 'Planted_Wide', identifier: '$w', offset: 33 },
    { path: 'invoice.pdf', rule: 'Exe_As_Pdf', identifier: '', offset: -1 },
    { path: 'big.bin', rule: 'Planted_Ascii', identifier: '$m', offset: 0 },
  ]
}

function write(root: string, rel: string, content: string | Buffer): void {
  writeFileSync(join(root, rel), content)
}
