import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildManifest, manifestHeader } from '../../main/core/rules/build-manifest'
import { readPackContents } from '../../main/core/rules/pack-files'
import { parseManifest } from '../../main/core/rules/pack-manifest'
import type { Workbench } from './shared-case'
import { signedPack, writeSignedManifest } from './signed-pack'

/** The rule {@link signedPackUpdate} adds. */
export const ADDED_RULE = 'TEST_Outpost_Update_Marker'
/** The rule it removes, with its file. */
export const REMOVED_RULE = 'SUSP_Recovery_Inhibition_Commands'
export const REMOVED_FILE = 'rules/impact.yar'
/** The rule whose condition it changes. */
export const LOGIC_CHANGED_RULE = 'TEST_EICAR_Antivirus_Test_File'

const ADDED_SOURCE = `rule ${ADDED_RULE} : test
{
  meta:
    id = "OUTPOST-2026-9001"
    author = "Outpost tests"
    description = "Detects the marker string the pack-update tests plant"
    date = "2026-11-26"
    score = 45

  strings:
    $marker = "outpost-pack-update-marker" ascii

  condition:
    $marker
}
`

/**
 * The default pack re-published by `publisher` as `version` / `sequence`, with one rule added
 * (a new file), one removed ({@link REMOVED_FILE}) and the EICAR rule's condition changed: the
 * manifest rebuilt from the edited files and signed again.
 */
export async function signedPackUpdate(
  publisher: Workbench,
  version: string,
  sequence: number,
): Promise<string> {
  const folder = signedPack(publisher, version, sequence)
  rmSync(join(folder, REMOVED_FILE))
  writeFileSync(join(folder, 'rules/update-marker.yar'), ADDED_SOURCE)
  const eicar = join(folder, 'rules/test-files.yar')
  const text = readFileSync(eicar, 'utf8')
  if (!text.includes('filesize <= 128'))
    throw new Error('the EICAR rule changed: update this helper')
  writeFileSync(eicar, text.replace('filesize <= 128', 'filesize <= 256'))
  const signed = parseManifest(readFileSync(join(folder, 'pack.json')))
  const manifest = buildManifest(manifestHeader(signed), await readPackContents(folder))
  writeSignedManifest(folder, manifest, publisher)
  return folder
}
