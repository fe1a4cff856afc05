import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { cobaltStrikeSamples, lnkSamples, officeMacroSamples } from './samples-artifacts'
import {
  eicarSamples,
  masqueradingSamples,
  mimikatzSamples,
  recoveryInhibitionSamples,
  upxSamples,
} from './samples-executables'
import {
  comsvcsSamples,
  htaSamples,
  lolbinSamples,
  persistenceSamples,
  powershellSamples,
} from './samples-scripts'
import { aspxSamples, chopperSamples, jspSamples, phpSamples } from './samples-webshells'
import type { PlantedSample } from './sample-kit'

export type { ExpectedMatch, PlantedSample } from './sample-kit'

/**
 * Every planted sample for the default rule pack: at least one positive and one near-miss
 * negative per rule, built in memory.
 *
 * Paths are relative and `/`-separated, laid out like a small Windows and Linux evidence
 * tree. The test of the default pack checks each positive's expected match and that no
 * rule matches any negative, so a rule without samples fails CI.
 */
export function buildPlantedSamples(): PlantedSample[] {
  return [
    ...eicarSamples(),
    ...masqueradingSamples(),
    ...upxSamples(),
    ...phpSamples(),
    ...jspSamples(),
    ...aspxSamples(),
    ...chopperSamples(),
    ...powershellSamples(),
    ...mimikatzSamples(),
    ...comsvcsSamples(),
    ...cobaltStrikeSamples(),
    ...officeMacroSamples(),
    ...lnkSamples(),
    ...htaSamples(),
    ...lolbinSamples(),
    ...persistenceSamples(),
    ...recoveryInhibitionSamples(),
  ]
}

/**
 * Write the planted samples under `dir` as a small evidence folder (created if needed).
 *
 * Used by `outpost sample` to give a first-time user something to scan, and by tests.
 * Existing files with the same names are overwritten; nothing else in `dir` is touched.
 */
export async function writeSampleEvidence(
  dir: string,
): Promise<{ positives: number; negatives: number }> {
  const samples = buildPlantedSamples()
  for (const sample of samples) {
    const target = join(dir, ...sample.relPath.split('/'))
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, sample.content)
  }
  const positives = samples.filter((sample) => sample.expect !== null).length
  return { positives, negatives: samples.length - positives }
}
