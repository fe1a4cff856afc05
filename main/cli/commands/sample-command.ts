import { resolve } from 'node:path'
import { writeSampleEvidence } from '../../core/sample/planted-samples'
import type { CliIo } from '../cli-context'
import { EXIT } from '../exit-codes'

/** `outpost sample [dir]`: write the sample evidence folder (planted positives and negatives). */
export async function sampleCommand(dir: string, io: CliIo): Promise<number> {
  const target = resolve(dir)
  const counts = await writeSampleEvidence(target)
  io.out(
    `Sample evidence written to ${target}: ${counts.positives} planted positives, ${counts.negatives} negatives.\n` +
      `Scan it: npx outpost scan ${dir} --case sample.outpost\n`,
  )
  return EXIT.OK
}
