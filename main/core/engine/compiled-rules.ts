import { loadYaraBinding } from './yara-binding'
import type { BindingRuleMatch, BindingRules } from './yara-binding'

/** Raised when yara-x's own timeout stops a scan. */
export class EngineTimeoutError extends Error {
  override readonly name = 'EngineTimeoutError'
}

/** Raised for any other error the engine reports while scanning. */
export class EngineScanError extends Error {
  override readonly name = 'EngineScanError'
}

/** One scan's outcome: matching rules and the externals that could not be passed. */
export interface EngineScanOutcome {
  readonly matches: BindingRuleMatch[]
  readonly droppedExternals: string[]
}

/**
 * True when yara-x would take this scan-time string for an integer or a boolean and reject it
 * (`invalid type … expecting string`): decimal integers with an optional sign, and
 * true/false in any case — measured on 0.7.2, see docs/engine.md.
 */
export function isSniffedAsNonString(value: string): boolean {
  return /^[+-]?\d+$/.test(value) || /^(true|false)$/i.test(value)
}

/** Magic of our serialized form: a count, then each group's yara-x blob with its length. */
const CONTAINER_MAGIC = Buffer.from('OUTPOST-RULES/1\n')

/**
 * A compiled rule set with its scanner settings: usually one yara-x rule set, more when some
 * rules had to be compiled apart (see `shared-pattern-workaround.ts`); a scan runs them all.
 */
export class CompiledRules {
  constructor(private readonly groups: readonly BindingRules[]) {
    if (groups.length === 0) throw new Error('CompiledRules needs at least one rule set')
  }

  /**
   * Load rules serialized by {@link CompiledRules.serialize} with the same binding version.
   *
   * @throws Error on anything else (the cache file is then rebuilt by the caller).
   */
  static deserialize(data: Buffer): CompiledRules {
    if (!data.subarray(0, CONTAINER_MAGIC.length).equals(CONTAINER_MAGIC)) {
      throw new Error('not a serialized Outpost rule set')
    }
    const { binding } = loadYaraBinding()
    let at = CONTAINER_MAGIC.length
    const count = data.readUInt32LE(at)
    at += 4
    const groups: BindingRules[] = []
    for (let i = 0; i < count; i += 1) {
      const length = data.readUInt32LE(at)
      at += 4
      if (at + length > data.length) throw new Error('truncated serialized rule set')
      groups.push(binding.deserialize(data.subarray(at, at + length)))
      at += length
    }
    return new CompiledRules(groups)
  }

  /** How many yara-x rule sets a scan runs. */
  get groupCount(): number {
    return this.groups.length
  }

  /** The compiled form, to hand to other scan processes without recompiling. */
  serialize(): Buffer {
    const parts: Buffer[] = [CONTAINER_MAGIC, u32(this.groups.length)]
    for (const group of this.groups) {
      const blob = group.serialize()
      parts.push(u32(blob.length), blob)
    }
    return Buffer.concat(parts)
  }

  /** Apply the per-file timeout (ms; yara-x rounds up to whole seconds) and the match cap. */
  configure(limits: { readonly timeoutMs: number; readonly matchCapPerPattern: number }): void {
    for (const group of this.groups) {
      group.setTimeout(limits.timeoutMs)
      group.setMaxMatchesPerPattern(limits.matchCapPerPattern)
    }
  }

  /**
   * Scan a buffer with per-file externals.
   *
   * Values yara-x would mis-type are left at their compile-time default `""` and reported.
   */
  scan(data: Buffer, externals: Readonly<Record<string, string>>): EngineScanOutcome {
    const variables: Record<string, string> = {}
    const droppedExternals: string[] = []
    for (const [name, value] of Object.entries(externals)) {
      if (isSniffedAsNonString(value)) droppedExternals.push(name)
      else variables[name] = value
    }
    try {
      return {
        matches: this.groups.flatMap((group) => group.scan(data, variables)),
        droppedExternals,
      }
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error)
      if (/timed out/i.test(message)) throw new EngineTimeoutError(message)
      throw new EngineScanError(message)
    }
  }
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4)
  buffer.writeUInt32LE(value)
  return buffer
}
