import { FILE_EXTERNALS } from '../engine/yara-engine'
import { AppError } from '../model/errors'
import type { RuleDiagnostic } from '../model/rules'
import { isRuleSourcePath, isSafeRelativePath, sanitiseNamespace, sha256Hex } from './pack-files'
import { PACK_FORMAT, validateManifest } from './pack-manifest'
import type { ManifestRule, ManifestRuleMeta, PackManifest } from './pack-manifest'
import {
  parseRuleFiles,
  ruleDiagnostic,
  ruleId,
  ruleScore,
  ruleStatus,
  ruleTags,
} from './pack-rules'
import type { LocatedRule } from './pack-rules'
import type { ParsedRule } from './yara-source-parser'

/** The parts of a manifest a person decides; everything else is computed from the files. */
export interface PackHeader {
  readonly name: string
  readonly version: string
  readonly sequence: number
  readonly created: string
  readonly publisher: PackManifest['publisher']
  readonly tlp: PackManifest['tlp']
  readonly license: string
  readonly engine: { readonly min_version: string }
  readonly supersedes: PackManifest['supersedes']
}

/** A file to list in a manifest: its path inside the pack and its bytes. */
export interface PackFileContent {
  readonly path: string
  readonly content: Buffer
}

/** Meta keys whose values are sample hashes (YARA-Forge folds the same aliases into `hash`). */
const HASH_KEYS = /^(?:hash\d*|md5|sha1|sha256)$/

/**
 * Build a pack manifest from its header and files. Pure: same input, same manifest.
 *
 * Files are listed sorted by path; rule files (`rules/*.yar`) are parsed and every rule is
 * described in file order then source order. `engine.modules` is every imported module and
 * `engine.externals` every Outpost external a condition names.
 *
 * @throws AppError `RULES_INVALID` when a path is unsafe, a rule file does not parse, a rule
 *   lacks `author`, `description` or `date` meta, or the result breaks the schema.
 */
export function buildManifest(header: PackHeader, files: readonly PackFileContent[]): PackManifest {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const unsafe = sorted.find((file) => !isSafeRelativePath(file.path))
  if (unsafe) throw new AppError('RULES_INVALID', `Unsafe pack path "${unsafe.path}".`)
  const located = parseRuleFiles(
    sorted
      .filter((file) => isRuleSourcePath(file.path))
      .map((file) => ({ path: file.path, text: file.content.toString('utf8') })),
  )
  requireMeta(located)
  const namespace = sanitiseNamespace(header.name)
  const used = new Set(located.flatMap((l) => l.rule.conditionIdentifiers))
  return validateManifest({
    format: PACK_FORMAT,
    name: header.name,
    version: header.version,
    sequence: header.sequence,
    created: header.created,
    publisher: header.publisher,
    tlp: header.tlp,
    license: header.license,
    engine: {
      min_version: header.engine.min_version,
      modules: [...new Set(located.flatMap((l) => l.rule.imports))].sort(),
      externals: FILE_EXTERNALS.filter((name) => used.has(name)),
    },
    supersedes: header.supersedes,
    files: sorted.map((f) => ({
      path: f.path,
      sha256: sha256Hex(f.content),
      size: f.content.length,
    })),
    rules: located.map((l) => describeRule(l, namespace)),
  })
}

/** The header of an existing manifest, to rebuild it without changing what a person decided. */
export function manifestHeader(manifest: PackManifest): PackHeader {
  const { name, version, sequence, created, publisher, tlp, license, supersedes } = manifest
  return {
    name,
    version,
    sequence,
    created,
    publisher,
    tlp,
    license,
    engine: { min_version: manifest.engine.min_version },
    supersedes,
  }
}

/** A manifest as committed: two-space JSON with a final newline. */
export function serialiseManifest(manifest: PackManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`
}

/** A rule's manifest entry, from its source. */
export function describeRule(located: LocatedRule, namespace: string): ManifestRule {
  const { rule, file } = located
  return {
    id: ruleId(rule),
    name: rule.name,
    file,
    namespace,
    logic_hash: rule.logicHash,
    status: ruleStatus(rule),
    meta: describeMeta(rule),
  }
}

function describeMeta(rule: ParsedRule): ManifestRuleMeta {
  const text = (key: string): string | undefined => {
    const value = rule.meta.findLast((entry) => entry.key === key)?.value
    return typeof value === 'string' ? value : undefined
  }
  const reference = text('reference')
  const modified = text('modified')
  const hashes = rule.meta
    .filter((entry) => HASH_KEYS.test(entry.key) && typeof entry.value === 'string')
    .map((entry) => String(entry.value).toLowerCase())
  return {
    author: text('author') ?? '',
    description: text('description') ?? '',
    ...(reference === undefined ? {} : { reference }),
    date: text('date') ?? '',
    ...(modified === undefined ? {} : { modified }),
    score: ruleScore(rule),
    tags: ruleTags(rule),
    ...(hashes.length === 0 ? {} : { hash: [...new Set(hashes)] }),
  }
}

/** Every rule of a published pack says who wrote it, what it detects, and when. */
function requireMeta(located: readonly LocatedRule[]): void {
  const problems: RuleDiagnostic[] = []
  for (const { file, rule } of located) {
    for (const key of ['author', 'description', 'date']) {
      if (!rule.meta.some((entry) => entry.key === key && typeof entry.value === 'string')) {
        const message = `rule ${rule.name} has no ${key} meta`
        problems.push(ruleDiagnostic(file, rule.startLine, 'missing-meta', message))
      }
    }
  }
  const first = problems[0]
  if (first === undefined) return
  throw new AppError(
    'RULES_INVALID',
    `${problems.length} rule(s) lack meta; first: ${first.message}`,
    {
      details: problems,
    },
  )
}
