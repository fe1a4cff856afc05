import { execFileSync } from 'node:child_process'
import type { ObservedHit } from '../../fixtures/seeded/seeded-check'

/** Debian's classic `yara` CLI (security-checks B8: the differential oracle). */
export const CLASSIC_YARA = 'yara'

/** `yara --version` (4.2.3 on Debian 12). */
export function classicYaraVersion(): string {
  return execFileSync(CLASSIC_YARA, ['--version'], { encoding: 'utf8' }).trim()
}

/**
 * Run `yara` (rule files, in the default namespace) over `target` (a folder: recursive) and
 * return its matches as (absolute path, rule, offsets). Offsets only with `strings` (`-s`).
 * `defines` are the externals (`-d name=value`), the same ones Outpost sets for a file.
 */
export function runClassicYara(
  ruleFiles: readonly string[],
  target: string,
  options: {
    strings?: boolean
    recursive?: boolean
    defines?: Readonly<Record<string, string>>
    /** `ruleFiles` is one file compiled by {@link compileClassicRules} (`yara -C`). */
    compiled?: boolean
  } = {},
): ObservedHit[] {
  const args = ['-w', '-a', '120']
  if (options.compiled ?? false) args.push('-C')
  if (options.recursive ?? true) args.push('-r')
  if (options.strings ?? false) args.push('-s')
  for (const [name, value] of Object.entries(options.defines ?? {}))
    args.push('-d', `${name}=${value}`)
  const out = execFileSync(CLASSIC_YARA, [...args, ...ruleFiles, target], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  return parseClassicOutput(out)
}

/**
 * Parse `yara [-s]` output: a `RULE PATH` line per match, then (with -s) one
 * `0xOFFSET:$id: data` line per string match (data is escaped: never a raw newline).
 */
export function parseClassicOutput(out: string): ObservedHit[] {
  const hits: { file: string; rule: string; offsets: number[] }[] = []
  for (const line of out.split('\n')) {
    if (line === '') continue
    const string = /^0x([0-9a-f]+):\$/.exec(line)
    if (string !== null) {
      const last = hits.at(-1)
      if (last === undefined)
        throw new Error(`yara output: a string match before any rule: ${line}`)
      last.offsets.push(Number.parseInt(string[1]!, 16))
      continue
    }
    const space = line.indexOf(' ')
    if (space <= 0) throw new Error(`yara output: unexpected line ${JSON.stringify(line)}`)
    hits.push({ rule: line.slice(0, space), file: line.slice(space + 1), offsets: [] })
  }
  return hits
}

/** `yarac` the rule files once (externals declared), for many `yara -C` runs. */
export function compileClassicRules(
  ruleFiles: readonly string[],
  out: string,
  externals: readonly string[] = [],
): string {
  const defines = externals.flatMap((name) => ['-d', `${name}=x`])
  execFileSync('yarac', ['-w', ...defines, ...ruleFiles, out], { stdio: 'pipe' })
  return out
}
