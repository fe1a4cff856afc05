import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../helpers/launcher'

/** `../shared/corpus` beside the repository (CI puts it there). */
export const CORPUS = join(ROOT, '..', 'shared', 'corpus')

/** Fail loudly when the corpus is missing: a corpus suite must never pass by testing nothing. */
export function requireCorpus(sub: string): string {
  const path = join(CORPUS, sub)
  if (!existsSync(path))
    throw new Error(`The test corpus is missing: ${path} (npm run test:corpus needs ../shared)`)
  return path
}

/** Every `.yar`/`.yara` file under `dir`, sorted. */
export function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.(yar|yara)$/i.test(f))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort()
}
