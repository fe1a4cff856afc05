import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { CompiledRules, compileSources, FILE_EXTERNALS } from '../../engine/yara-engine'
import { AppError } from '../../model/errors'
import type { RuleDiagnostic } from '../../model/rules'
import { analyzeFile } from '../analysis/analyze-file'
import type { ChildRequest, ChildResponse, ChildScanLimits } from './protocol'

/**
 * The logic of a scan process, independent of how it talks to its parent (so it can be tested
 * in-process): compile and serialize rules, load serialized rules, scan files one at a time.
 */
export class ChildRuntime {
  private rules: CompiledRules | null = null
  private limits: ChildScanLimits | null = null

  constructor(private readonly send: (message: ChildResponse) => void) {}

  /** Handle one request; requests are handled one after the other. */
  async handle(message: ChildRequest): Promise<void> {
    switch (message.type) {
      case 'compile':
        this.compile(message)
        return
      case 'load':
        this.load(message)
        return
      case 'scanFile':
        await this.scanFile(message)
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

  private load(message: Extract<ChildRequest, { type: 'load' }>): void {
    try {
      const rules = CompiledRules.deserialize(readFileSync(message.compiledPath))
      rules.configure({
        timeoutMs: message.limits.engineTimeoutMs,
        matchCapPerPattern: message.limits.matchCapPerPattern,
      })
      this.rules = rules
      this.limits = message.limits
      this.send({ type: 'loaded', requestId: message.requestId })
    } catch (error: unknown) {
      this.send({ type: 'requestFailed', requestId: message.requestId, message: describe(error) })
    }
  }

  private async scanFile(message: Extract<ChildRequest, { type: 'scanFile' }>): Promise<void> {
    if (this.rules === null || this.limits === null) {
      throw new Error('scanFile before load: the parent must load rules first')
    }
    const result = await analyzeFile(message.path, {
      limits: this.limits,
      rules: this.rules,
      externals: message.externals,
      onYaraStart: () => {
        this.send({ type: 'yaraStarted', jobId: message.jobId })
      },
    })
    this.send({ type: 'fileResult', jobId: message.jobId, result })
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
