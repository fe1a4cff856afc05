/**
 * One "engine alone" process of the parallel baseline: compiles the given rule files, then reads
 * and scans every `stride`-th file of the list from `offset` (round-robin), and reports when done.
 * The job arrives as the first IPC message; the second starts the clock.
 */
import { readFileSync } from 'node:fs'
import { compileSources } from '../../main/core/engine/yara-engine'
import type { RuleSourceRef } from '../../main/core/scan/child/protocol'
import { engineAlone } from './measures'

interface Job {
  readonly sources: readonly RuleSourceRef[]
  readonly files: readonly string[]
  readonly offset: number
  readonly stride: number
}

let ready: ReturnType<typeof load> | null = null
process.on('message', (message: unknown) => {
  if (ready === null) {
    ready = load(message as Job)
    process.send?.('ready')
    return
  }
  engineAlone(ready.rules, ready.mine)
  process.send?.('done', () => process.exit(0))
})

function load(job: Job) {
  const { rules } = compileSources(
    job.sources.map((s) => ({ ...s, source: readFileSync(s.path, 'utf8') })),
  )
  rules.configure({ timeoutMs: 60_000, matchCapPerPattern: 1000 })
  const mine = job.files.filter((_, i) => i % job.stride === job.offset).map((path) => ({ path }))
  return { rules, mine }
}
