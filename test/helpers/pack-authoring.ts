import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from './temp-dir'

/** A rule with the meta a published pack needs. */
export function yarRule(name: string, id: string | null, text: string, extra = ''): string {
  return `rule ${name}
{
    meta:
${id === null ? '' : `        id = "${id}"\n`}        author = "Test CERT"
        description = "Finds ${text}"
        date = "2026-01-01"
${extra}    strings:
        $a = "${text}"
    condition:
        $a
}
`
}

/** An authoring folder `<tmp>/authoring` with `rules/*.yar` and a LICENSE. */
export function authoringFolder(files: Readonly<Record<string, string>>): string {
  const dir = join(tempDir('outpost-author-'), 'authoring')
  mkdirSync(join(dir, 'rules'), { recursive: true })
  writeFileSync(join(dir, 'LICENSE'), 'MIT License\n')
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'rules', name), text)
  return dir
}

/** Five rules in two files: the first release of the authoring tests. */
export const V1_RULES = {
  'a.yar':
    yarRule('Kept', 'T-1', 'kept-marker') +
    yarRule('Old_Name', 'T-2', 'rename-marker') +
    yarRule('Logic', 'T-3', 'logic-before'),
  'b.yar': yarRule('Meta', 'T-4', 'meta-marker') + yarRule('Gone', 'T-5', 'gone-marker'),
}

/** V1 edited: a rename, a logic change, a meta-only change, one removed, one added. */
export const V2_RULES = {
  'a.yar':
    yarRule('Kept', 'T-1', 'kept-marker') +
    yarRule('New_Name', 'T-2', 'rename-marker') +
    yarRule('Logic', 'T-3', 'logic-after'),
  'b.yar':
    yarRule('Meta', 'T-4', 'meta-marker', '        reference = "https://example.org"\n') +
    yarRule('Added', 'T-6', 'added-marker'),
}
