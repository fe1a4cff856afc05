import type { ScanProgress } from '../core/model/scan'

/**
 * A one-line progress bar on a terminal (stderr), redrawn in place; nothing when not a TTY, so
 * logs and pipes stay clean.
 */
export class ProgressBar {
  private lastWidth = 0

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return this.stream.isTTY
  }

  update(progress: ScanProgress): void {
    if (!this.enabled) return
    const line = formatProgress(progress, Math.max(20, (this.stream.columns || 80) - 1))
    this.stream.write(`\r${line.padEnd(this.lastWidth)}`)
    this.lastWidth = line.length
  }

  /** A labelled bar for a byte count (hashing an image, say). */
  fraction(label: string, done: number, total: number): void {
    if (!this.enabled) return
    const width = Math.max(10, Math.min(30, (this.stream.columns || 80) - label.length - 30))
    const share = total > 0 ? Math.min(1, done / total) : 0
    const filled = Math.round(share * width)
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${formatBytes(done)} of ${formatBytes(total)}`
    this.stream.write(`\r${line.padEnd(this.lastWidth)}`)
    this.lastWidth = line.length
  }

  clear(): void {
    if (!this.enabled || this.lastWidth === 0) return
    this.stream.write(`\r${' '.repeat(this.lastWidth)}\r`)
    this.lastWidth = 0
  }
}

/** The text of the progress line, fitted to `width` columns. */
export function formatProgress(p: ScanProgress, width: number): string {
  const fraction =
    p.bytesTotal > 0
      ? p.bytesDone / p.bytesTotal
      : p.filesTotal > 0
        ? p.filesDone / p.filesTotal
        : 0
  const total = p.walkComplete ? String(p.filesTotal) : `${p.filesTotal}+`
  const eta = p.etaSeconds === null ? '' : ` ETA ${formatSeconds(p.etaSeconds)}`
  const text =
    ` ${p.filesDone}/${total} files ${formatBytes(p.bytesDone)} ` +
    `${formatBytes(p.bytesPerSecond)}/s ${p.findings} findings${eta}`
  const barWidth = Math.max(10, Math.min(30, width - text.length - 2))
  const filled = Math.round(Math.min(1, fraction) * barWidth)
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${text}`.slice(0, width)
}

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[unit] ?? 'B'}`
}

function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`
}
