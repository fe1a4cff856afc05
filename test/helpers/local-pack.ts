import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LoadedPack } from '../../main/core/rules/load-pack'
import { loadRulePack } from '../../main/core/rules/load-pack'
import { tempDir } from './temp-dir'

/** Write rule files into a fresh folder and load it as an unsigned local pack. */
export async function localPack(
  files: Readonly<Record<string, string>>,
  name = 'testpack',
): Promise<LoadedPack> {
  const dir = join(tempDir('outpost-pack-'), name)
  mkdirSync(dir, { recursive: true })
  for (const [file, source] of Object.entries(files)) writeFileSync(join(dir, file), source)
  return loadRulePack(dir, 'local')
}
