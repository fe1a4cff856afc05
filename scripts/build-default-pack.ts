/**
 * Regenerate `rules/pack.json` from the files of the default rule pack.
 *
 * Run with `node --import tsx scripts/build-default-pack.ts` after editing anything under
 * `rules/`. The header (name, version, sequence, created, publisher, TLP, licence, engine
 * minimum, supersedes) is kept from the existing manifest: releasing a new version means
 * editing those by hand first. Everything else (file hashes, rule list, modules, externals)
 * is recomputed, deterministically, so an unchanged pack gives a byte-identical manifest.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { buildManifest, manifestHeader, serialiseManifest } from '../main/core/rules/build-manifest'
import type { PackHeader } from '../main/core/rules/build-manifest'
import { pathExists, readPackContents } from '../main/core/rules/pack-files'
import { parseManifest } from '../main/core/rules/pack-manifest'

const PACK_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'rules')
const MANIFEST = join(PACK_DIR, 'pack.json')

/** The header of the very first build, when there is no manifest yet. */
function firstHeader(): PackHeader {
  return {
    name: 'outpost-default',
    version: '1.0.0',
    sequence: 1,
    created: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    publisher: { name: 'Outpost project', key_id: null },
    tlp: 'clear',
    license: 'MIT',
    engine: { min_version: '1.0.0' },
    supersedes: null,
  }
}

async function main(): Promise<void> {
  const previous = (await pathExists(MANIFEST)) ? await readFile(MANIFEST) : null
  const header = previous ? manifestHeader(parseManifest(previous)) : firstHeader()
  const manifest = buildManifest(header, await readPackContents(PACK_DIR))
  // Formatted the way `prettier --check .` wants it, so CI's format check stays green.
  const options = (await resolveConfig(MANIFEST)) ?? {}
  const text = await format(serialiseManifest(manifest), { ...options, parser: 'json' })
  if (previous?.toString('utf8') === text) {
    console.log(`rules/pack.json is up to date (${manifest.rules.length} rules).`)
    return
  }
  await writeFile(MANIFEST, text)
  console.log(
    `Wrote rules/pack.json: ${manifest.rules.length} rules, ${manifest.files.length} files.`,
  )
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
