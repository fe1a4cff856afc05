import { createRequire } from 'node:module'
import { AppError } from '../model/errors'

/*
 * Declarations of the N-API binding `@litko/yara-x-<platform>` 0.7.2, written from the upstream
 * `index.d.ts` of cawalch/node-yara-x and checked against the binary (see docs/engine.md):
 * `setTimeout` takes milliseconds but yara-x rounds up to whole seconds (minimum 1 s).
 */

/** A compiler error or warning as the binding reports it (line and column are in `message`). */
export interface BindingDiagnostic {
  readonly code: string
  readonly message: string
  readonly line?: number
  readonly column?: number
}

/** One pattern match; `data` is lossy UTF-8, so we never use it. */
export interface BindingMatch {
  readonly offset: number
  readonly length: number
  readonly data: string
  readonly identifier: string
}

/** One matching rule. */
export interface BindingRuleMatch {
  readonly ruleIdentifier: string
  readonly namespace: string
  readonly meta: Record<string, unknown>
  readonly tags: string[]
  readonly matches: BindingMatch[]
}

/** Scan-time variable values. Only strings are passed: numbers are silently ignored. */
export type BindingVariables = Record<string, string>

/** Compiled rules plus a scanner. */
export interface BindingRules {
  getWarnings(): BindingDiagnostic[]
  setMaxMatchesPerPattern(maxMatches: number): void
  setTimeout(timeoutMs: number): void
  setUseMmap(useMmap: boolean): void
  scan(data: Buffer, variables?: BindingVariables): BindingRuleMatch[]
  addRuleSources(sources: { source: string; namespace?: string }[]): void
  serialize(): Buffer
}

/** Compiler options of the binding (a subset: the ones we set). */
export interface BindingCompilerOptions {
  namespace?: string
  defineVariables?: Record<string, string>
  bannedModules?: { name: string; errorTitle: string; errorMessage: string }[]
  relaxedReSyntax?: boolean
  errorOnSlowPattern?: boolean
  errorOnSlowLoop?: boolean
  enableIncludes?: boolean
}

/** The module's functions. */
export interface YaraBinding {
  compile(source: string, options?: BindingCompilerOptions): BindingRules
  validate(
    source: string,
    options?: BindingCompilerOptions,
  ): { warnings: BindingDiagnostic[]; errors: BindingDiagnostic[] }
  deserialize(data: Buffer): BindingRules
}

/** The binding's npm package for this platform, as published for 0.7.2. */
export function bindingPackageName(
  platform: string = process.platform,
  arch: string = process.arch,
): string | null {
  switch (`${platform}-${arch}`) {
    case 'linux-x64':
      return '@litko/yara-x-linux-x64-gnu'
    case 'linux-arm64':
      return '@litko/yara-x-linux-arm64-gnu'
    case 'darwin-x64':
      return '@litko/yara-x-darwin-x64'
    case 'darwin-arm64':
      return '@litko/yara-x-darwin-arm64'
    case 'win32-x64':
      return '@litko/yara-x-win32-x64-msvc'
    case 'win32-arm64':
      return '@litko/yara-x-win32-arm64-msvc'
    default:
      return null
  }
}

/** Name and version of the loaded binding, recorded on every scan. */
export interface BindingInfo {
  readonly packageName: string
  readonly version: string
}

let loaded: { binding: YaraBinding; info: BindingInfo } | undefined

/**
 * Load the native yara-x binding for this platform, once.
 *
 * @throws AppError `ENGINE_UNAVAILABLE` naming the package to install when it is missing.
 */
export function loadYaraBinding(): { binding: YaraBinding; info: BindingInfo } {
  if (loaded) return loaded
  const packageName = bindingPackageName()
  if (packageName === null) {
    throw new AppError(
      'ENGINE_UNAVAILABLE',
      `No yara-x binding is published for ${process.platform}-${process.arch}.`,
    )
  }
  const require = createRequire(import.meta.url)
  try {
    const binding = require(packageName) as YaraBinding
    const manifest = require(`${packageName}/package.json`) as { version: string }
    loaded = { binding, info: { packageName, version: manifest.version } }
    return loaded
  } catch (error: unknown) {
    throw new AppError(
      'ENGINE_UNAVAILABLE',
      `The YARA engine (${packageName}@0.7.2) is not installed or does not load on this machine. ` +
        `Install it with: npm install ${packageName}@0.7.2`,
      { cause: error },
    )
  }
}
