import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../model/errors'
import { loadRulePack } from './load-pack'
import type { LoadedPack } from './load-pack'
import { parseManifest } from './pack-manifest'
import type { PackInstall, PackStore } from './pack-store'

/**
 * Install the pack shipped with the app (`rules/`) into the store on first run, and again when
 * an app update ships a higher `sequence` of it. It becomes the active version when none is
 * active or the active one is older; a newer version the analyst imported stays active.
 *
 * @returns the bundled version's install, or null when a newer one was already installed.
 * @throws AppError `RULES_INVALID` when the shipped pack fails the loader's checks.
 */
export async function ensureDefaultPack(
  store: PackStore,
  bundledDir: string,
  installedBy: string,
): Promise<PackInstall | null> {
  // The check and the install are separated by an await (the loader): two callers at once (the
  // Scan section listing packs while a scan starts) would both install. One run per store.
  const key = `${store.dir}\0${bundledDir}`
  const running = installsInFlight.get(key)
  if (running !== undefined) {
    await running.catch(() => null)
    return null
  }
  const run = installDefaultPack(store, bundledDir, installedBy)
  installsInFlight.set(key, run)
  try {
    return await run
  } finally {
    installsInFlight.delete(key)
  }
}

const installsInFlight = new Map<string, Promise<PackInstall | null>>()

async function installDefaultPack(
  store: PackStore,
  bundledDir: string,
  installedBy: string,
): Promise<PackInstall | null> {
  const manifestBytes = readFileSync(join(bundledDir, 'pack.json'))
  const manifest = parseManifest(manifestBytes)
  const installed = store.find(manifest.name)
  const highest = installed?.installs.reduce((a, b) => (b.sequence > a.sequence ? b : a))
  if (highest !== undefined && highest.sequence >= manifest.sequence) return null
  // The loader checks every file against the manifest before anything is copied.
  await loadRulePack(bundledDir, 'bundled')
  const install = store.install(bundledDir, manifest, {
    signature: 'bundled',
    keyId: manifest.publisher.key_id,
    installedBy,
    manifestBytes,
  })
  const active = installed?.active ?? null
  if (active === null || active.sequence < manifest.sequence)
    store.activate(manifest.name, install.id)
  return install
}

/**
 * The packs a scan uses when none is named: the active version of every installed pack (the
 * default one installed first if needed), each checked against what was recorded at install
 * and loaded with the loader's full checks.
 *
 * @throws AppError `RULES_NOT_FOUND` when no pack is active, `RULES_INVALID` for a damaged one.
 */
export async function loadActivePacks(
  store: PackStore,
  bundledDir: string,
  installedBy: string,
): Promise<LoadedPack[]> {
  await ensureDefaultPack(store, bundledDir, installedBy)
  const packs: LoadedPack[] = []
  for (const { name, folder, install } of store.activePacks()) {
    const origin = install.signature === 'bundled' ? 'bundled' : 'local'
    const loaded = await loadRulePack(folder, origin, { name })
    const signed = install.signature === 'own' || install.signature === 'trusted'
    packs.push({ ...loaded, summary: { ...loaded.summary, signed } })
  }
  if (packs.length === 0) {
    throw new AppError('RULES_NOT_FOUND', 'No rule pack is active: activate one under Rules.')
  }
  return packs
}

/**
 * One installed version of a pack, loaded with the loader's checks (a retro-hunt compares the
 * version it replaced with the active one).
 *
 * @throws AppError `NOT_FOUND` when the store has no such version, `RULES_INVALID` if damaged.
 */
export async function loadInstalledVersion(
  store: PackStore,
  name: string,
  id: string,
): Promise<{ readonly install: PackInstall; readonly pack: LoadedPack }> {
  const install = store.find(name)?.installs.find((i) => i.id === id)
  if (install === undefined) {
    throw new AppError('NOT_FOUND', `Rule pack ${name} has no installed version ${id}.`)
  }
  const origin = install.signature === 'bundled' ? 'bundled' : 'local'
  return { install, pack: await loadRulePack(store.folderOf(name, id), origin, { name }) }
}
