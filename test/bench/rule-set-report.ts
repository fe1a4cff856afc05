/** The printed lines of the rule-compile benchmark (rule-set-bench.ts): a row per set, then notes. */
import { fmt } from './measures'
import type { RuleCompileResult } from './rule-set-bench'

const MIB = 1024 * 1024
const out = (text: string): boolean => process.stdout.write(text)

/** `×12.3 (cpu ×10.1)`: wall-time ratio, then the CPU-time one when known. */
function ratios(wall: number, cpu: number | null): string {
  return `×${fmt(wall, 1)}${cpu === null ? '' : ` (cpu ×${fmt(cpu, 1)})`}`.padEnd(20)
}

/** One set's line: sizes, ratios to the baselines, memory, serialized size and load ratio. */
export function printRuleCompileRow(r: RuleCompileResult): void {
  const y = r.yarac
  const yarac =
    y === null
      ? 'yarac —'.padEnd(27)
      : `yarac ${ratios(y.engineToYarac, y.engineToYaracCpu)}${y.files === r.files ? ' ' : '*'}`
  const yaracRss =
    y === null || y.maxRssBytes === null ? '' : `  yarac RSS ${fmt(y.maxRssBytes / MIB, 0)} MiB`
  out(
    `${r.name.padEnd(18)} files ${String(r.files).padStart(4)}  rules ${fmt(r.rules, 0).padStart(6)}  ` +
      `${yarac} parse ${ratios(r.parse.engineToParse, r.parse.engineToParseCpu)} ` +
      `ΔRSS ${fmt(r.engine.deltaRssBytes / MIB, 0).padStart(4)} MiB  ` +
      `serialized ${fmt(r.engine.serializedBytes / MIB, 1).padStart(4)} MiB  ` +
      `load ×${fmt(r.engine.loadToCompile, 2)} of compile${yaracRss}  ` +
      `(${r.runs} run${r.runs > 1 ? 's' : ''})\n`,
  )
}

/** What the columns mean, and per set what was left out and what the engine module did. */
export function printRuleCompileFootnotes(
  results: readonly RuleCompileResult[],
  elapsedMs: number,
  loadAverage: { readonly start: number; readonly end: number },
): void {
  const note = (text: string): boolean => out(`  ${text}\n`)
  note(
    'yarac / parse: our engine module’s compile time ÷ yarac’s / ÷ our parser’s on the same files ' +
      '(> 1: ours is slower; medians; cpu = user + system time, less sensitive to a busy machine). ' +
      'ΔRSS: peak RSS of the compiling process minus its RSS before compiling. ' +
      'load: loading the serialized rules ÷ compiling them.',
  )
  for (const r of results) {
    const notes: string[] = []
    if (r.indexFiles > 0) notes.push(`${r.indexFiles} include-only index files left out`)
    if (r.rejectedByYaraX.length > 0)
      notes.push(`${r.rejectedByYaraX.length} files yara-x rejects left out`)
    if (r.yarac !== null && r.yarac.files !== r.files)
      notes.push(
        `* yarac on ${r.yarac.files} of these ${r.files} files (libyara rejects ${r.yarac.rejected} files of the set)`,
      )
    if (r.engine.validateShare !== null)
      notes.push(
        `validating file by file is ${fmt(r.engine.validateShare * 100, 0)}% of our compile CPU time`,
      )
    if (r.engine.rewritten > 0 || r.engine.groups > 1)
      notes.push(
        `shared-pattern workaround: ${fmt(r.engine.rewritten, 0)} patterns rewritten, ` +
          `${r.engine.groups} yara-x rule set${r.engine.groups > 1 ? 's' : ''}`,
      )
    if (r.yarac !== null) notes.push(`yarac output ${fmt(r.yarac.compiledBytes / MIB, 1)} MiB`)
    note(`${r.name}: ${notes.join('; ')}`)
  }
  note(
    `the rules part took ${fmt(elapsedMs / 1000, 0)} s; 1-minute load average ` +
      `${fmt(loadAverage.start, 1)} at the start, ${fmt(loadAverage.end, 1)} at the end`,
  )
}
