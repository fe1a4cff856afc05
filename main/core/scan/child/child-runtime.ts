import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { CompiledRules, compileSources, FILE_EXTERNALS } from '../../engine/yara-engine'
import { AppError } from '../../model/errors'
import { validateRuleFiles } from '../../rules/validate-pack'
import type { RuleDiagnostic } from '../../model/rules'
import { analyzeContent, analyzeFile } from '../analysis/analyze-file'
import type { AnalyzeOptions } from '../analysis/analyze-file'
import { ContentGate } from './content-gate'
import { extentReader, sourceReader } from '../analysis/content-reader'
import type { Container } from '../../evidence/containers/container'
import { hashContainer } from '../../evidence/containers/hash-container'
import { FileSystemCache } from './file-system-cache'
import { ImageCache } from './image-cache'
import type {
  ChildRequest,
  ChildResponse,
  ChildScanLimits,
  FileExternals,
  FileScanResult,
} from './protocol'

/**
 * The logic of a scan process, independent of how it talks to its parent (so it can be tested
 * in-process): compile and serialize rules, load serialized rules, scan files one at a time.
 */
export class ChildRuntime {
  private rules: CompiledRules | null = null
  private limits: ChildScanLimits | null = null
  private readonly images = new ImageCache()
  private readonly fileSystems = new FileSystemCache(this.images)
  private gate: ContentGate | null = null

  constructor(private readonly send: (message: ChildResponse) => void) {}

  /** Handle one request; requests are handled one after the other. */
  async handle(message: ChildRequest): Promise<void> {
    switch (message.type) {
      case 'compile':
        this.compile(message)
        return
      case 'validate':
        this.validate(message)
        return
      case 'load':
        this.load(message)
        return
      case 'scanFile':
        await this.scanFile(message)
        return
      case 'scanExtents':
        await this.scanExtents(message)
        return
      case 'scanEntry':
        await this.scanEntry(message)
        return
      case 'hashImage':
        await this.hashImage(message)
        return
    }
  }

  private compile(message: Extract<ChildRequest, { type: 'compile' }>): void {
    try {
      const sources = message.sources.map((ref) => ({
        namespace: ref.namespace,
        displayName: ref.displayName,
        source: readFileSync(ref.path, 'utf8'),
      }))
      const externals = message.externals.length > 0 ? message.externals : FILE_EXTERNALS
      const { rules, diagnostics, workaround } = compileSources(sources, externals)
      const temporary = `${message.outPath}.${process.pid}.tmp`
      writeFileSync(temporary, rules.serialize())
      renameSync(temporary, message.outPath)
      this.send({
        type: 'compiled',
        requestId: message.requestId,
        ok: true,
        diagnostics,
        workaround,
      })
    } catch (error: unknown) {
      if (error instanceof AppError && error.code === 'RULES_INVALID') {
        const diagnostics = error.details as RuleDiagnostic[]
        this.send({ type: 'compiled', requestId: message.requestId, ok: false, diagnostics })
        return
      }
      this.send({ type: 'requestFailed', requestId: message.requestId, message: describe(error) })
    }
  }

  private validate(message: Extract<ChildRequest, { type: 'validate' }>): void {
    try {
      const result = validateRuleFiles(message.files, {
        namespace: message.namespace,
        dropInvalid: message.dropInvalid,
        externals: message.externals,
      })
      this.send({ type: 'validated', requestId: message.requestId, result })
    } catch (error: unknown) {
      this.send({ type: 'requestFailed', requestId: message.requestId, message: describe(error) })
    }
  }

  private load(message: Extract<ChildRequest, { type: 'load' }>): void {
    try {
      const rules = CompiledRules.deserialize(readFileSync(message.compiledPath))
      rules.configure({
        timeoutMs: message.limits.engineTimeoutMs,
        matchCapPerPattern: message.limits.matchCapPerPattern,
      })
      this.rules = rules
      this.limits = message.limits
      this.gate?.close()
      this.gate = message.lookups === undefined ? null : ContentGate.open(message.lookups)
      this.send({ type: 'loaded', requestId: message.requestId })
    } catch (error: unknown) {
      this.send({ type: 'requestFailed', requestId: message.requestId, message: describe(error) })
    }
  }

  private async scanFile(message: Extract<ChildRequest, { type: 'scanFile' }>): Promise<void> {
    const result = await analyzeFile(
      message.path,
      this.analyzeOptions(message.jobId, message.externals),
    )
    this.deliver(message.jobId, result)
  }

  private async scanExtents(
    message: Extract<ChildRequest, { type: 'scanExtents' }>,
  ): Promise<void> {
    const options = this.analyzeOptions(message.jobId, message.externals, message.ownedBytes)
    let image: Container
    try {
      image = await this.images.get(message.imagePath)
    } catch (error: unknown) {
      this.failJob(message.jobId, error)
      return
    }
    const result = await analyzeContent(extentReader(image, message.extents, message.size), options)
    this.deliver(message.jobId, result)
  }

  private async scanEntry(message: Extract<ChildRequest, { type: 'scanEntry' }>): Promise<void> {
    const options = this.analyzeOptions(message.jobId, message.externals)
    let content
    try {
      const fs = await this.fileSystems.get(
        message.imagePath,
        message.volumeStart,
        message.volumeLength,
      )
      if (fs.openById === undefined) {
        throw new AppError('INTERNAL', `${fs.kind} cannot open entries by id`)
      }
      content = await fs.openById(message.entryId)
    } catch (error: unknown) {
      this.failJob(message.jobId, error)
      return
    }
    const reader = sourceReader(content, message.size, message.volumeStart)
    try {
      const result = await analyzeContent(reader, options)
      this.deliver(message.jobId, result)
    } finally {
      reader.close()
    }
  }

  /** Send a file's result; content scanned in full is remembered for dedup. */
  private deliver(jobId: number, result: FileScanResult): void {
    if (result.scanned && result.origin === undefined && typeof result.contentKey === 'string')
      this.gate?.scanned(result.contentKey)
    this.send({ type: 'fileResult', jobId, result })
  }

  /** Tell the parent a job could not run at all (its image or file system would not open). */
  private failJob(jobId: number, error: unknown): void {
    this.send({ type: 'jobFailed', jobId, code: codeOf(error), message: describe(error) })
  }

  private async hashImage(message: Extract<ChildRequest, { type: 'hashImage' }>): Promise<void> {
    try {
      const image = await this.images.get(message.imagePath)
      const hashes = await hashContainer(image, {
        onProgress: (done, total) => {
          this.send({ type: 'hashProgress', jobId: message.jobId, done, total })
        },
      })
      this.send({ type: 'hashResult', jobId: message.jobId, ...hashes, size: image.size })
    } catch (error: unknown) {
      this.failJob(message.jobId, error)
    }
  }

  private analyzeOptions(
    jobId: number,
    externals: FileExternals,
    ownedBytes?: number,
  ): AnalyzeOptions {
    if (this.rules === null || this.limits === null) {
      throw new Error('scan before load: the parent must load rules first')
    }
    return {
      limits: this.limits,
      rules: this.rules,
      externals,
      onYaraStart: () => {
        this.send({ type: 'yaraStarted', jobId })
      },
      ...(ownedBytes === undefined ? {} : { ownedBytes }),
      // Blocks of unallocated space are never deduplicated: only whole contents are.
      ...(ownedBytes === undefined && this.gate !== null
        ? { gate: this.gate.forFile(externals) }
        : {}),
    }
  }
}

function codeOf(error: unknown): string {
  return error instanceof AppError ? error.code : 'INTERNAL'
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
