import type { ScanProgress, ScanStatus } from '../model/scan'

/**
 * Counts and rates of a running scan. Rates are over the whole scan so far (steady, and the ETA
 * does not jump with every large file); the ETA is given once the census of the evidence is
 * complete.
 */
export class ProgressMeter {
  filesDone = 0
  bytesDone = 0
  findings = 0
  filesTotal = 0
  bytesTotal = 0
  walkComplete = false
  private readonly startedAt: number
  private readonly base: { readonly files: number; readonly bytes: number }

  /** `already`: what a resumed scan committed before (counted as done, not in the rates). */
  constructor(
    private readonly scanId: number,
    already: { readonly files: number; readonly bytes: number; readonly findings: number } = {
      files: 0,
      bytes: 0,
      findings: 0,
    },
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now()
    this.filesDone = already.files
    this.bytesDone = already.bytes
    this.findings = already.findings
    this.base = already
  }

  /** The census found one more file of `bytes` bytes. */
  counted(bytes: number): void {
    this.filesTotal += 1
    this.bytesTotal += bytes
  }

  /** One file was processed. */
  done(bytes: number): void {
    this.filesDone += 1
    this.bytesDone += bytes
  }

  /** A snapshot for the `scan:progress` event. */
  snapshot(phase: ScanProgress['phase'], status: ScanStatus): ScanProgress {
    const seconds = Math.max(0.001, (this.now() - this.startedAt) / 1000)
    const bytesPerSecond = (this.bytesDone - this.base.bytes) / seconds
    const filesPerSecond = (this.filesDone - this.base.files) / seconds
    const filesTotal = Math.max(this.filesTotal, this.filesDone)
    const bytesTotal = Math.max(this.bytesTotal, this.bytesDone)
    return {
      scanId: this.scanId,
      phase,
      filesDone: this.filesDone,
      filesTotal,
      walkComplete: this.walkComplete,
      bytesDone: this.bytesDone,
      bytesTotal,
      findings: this.findings,
      filesPerSecond: round(filesPerSecond),
      bytesPerSecond: Math.round(bytesPerSecond),
      etaSeconds: this.eta(bytesPerSecond, filesPerSecond, bytesTotal, filesTotal),
      status,
    }
  }

  private eta(
    bytesPerSecond: number,
    filesPerSecond: number,
    bytesTotal: number,
    filesTotal: number,
  ): number | null {
    if (!this.walkComplete || this.filesDone === this.base.files) return null
    // Small files cost time per file, large ones per byte: take the slower of the two estimates.
    const byBytes = bytesPerSecond > 0 ? (bytesTotal - this.bytesDone) / bytesPerSecond : 0
    const byFiles = filesPerSecond > 0 ? (filesTotal - this.filesDone) / filesPerSecond : 0
    return Math.round(Math.max(byBytes, byFiles))
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
