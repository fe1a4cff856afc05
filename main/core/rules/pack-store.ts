import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { sha256Hex } from '../crypto/digest'
import { AppError } from '../model/errors'
import { parseJsonOrUndefined, readTextFile, writeFileAtomic } from '../share/keys/key-files'
import type { PackManifest } from './pack-manifest'
import { PACK_SIGNATURE_FILE } from './pack-signature'

/** The `format` of `store.json`. */
export const PACK_STORE_FORMAT = 'outpost-pack-store/1'

const NAME = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)
const INSTALL = z.strictObject({
  id: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}-\d{1,16}$/),
  version: z.string().min(1).max(64),
  sequence: z.int().min(1),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.enum(['own', 'trusted', 'unsigned', 'bundled']),
  keyId: z
    .string()
    .regex(/^[0-9A-F]{16}$/)
    .nullable(),
  installedAt: z.string().max(64),
  installedBy: z.string().max(200),
})
const STORE = z.strictObject({
  format: z.literal(PACK_STORE_FORMAT),
  packs: z.record(
    NAME,
    z.strictObject({ active: z.string().nullable(), installs: z.array(INSTALL).max(1000) }),
  ),
})

/** One installed version of a pack. */
export type PackInstall = z.infer<typeof INSTALL>

/** An installed pack: every version kept (for rollback) and the active one. */
export interface InstalledPack {
  readonly name: string
  readonly active: PackInstall | null
  readonly installs: readonly PackInstall[]
}

type StoreFile = z.infer<typeof STORE>

/**
 * The rule packs installed on this workbench, in `<dataDir>/packs/`: each version in its own
 * folder (`<name>/<version>-<sequence>/`, a copy of the checked pack), and `store.json` saying
 * which versions exist and which one is active. Installing copies into a temporary folder and
 * renames it; the active pointer changes in one atomic write of `store.json`, so a crash leaves
 * the old or the new state, never a mix. Old versions stay for rollback.
 */
export class PackStore {
  /** The store in `<dataDir>/packs/`. */
  static forDataDir(dataDir: string): PackStore {
    return new PackStore(join(dataDir, 'packs'))
  }

  constructor(readonly dir: string) {}

  /** Every installed pack, by name. */
  list(): InstalledPack[] {
    const store = this.read()
    return Object.keys(store.packs)
      .sort()
      .map((name) => this.installedFrom(store, name))
      .filter((pack) => pack !== null)
  }

  /** One installed pack, or null. */
  find(name: string): InstalledPack | null {
    return this.installedFrom(this.read(), name)
  }

  /**
   * Copy a checked pack folder into the store as a new version (not yet active).
   *
   * @throws AppError `RULES_INVALID` when that version and sequence are already installed.
   */
  install(
    source: string,
    manifest: PackManifest,
    facts: Pick<PackInstall, 'signature' | 'keyId' | 'installedBy'> & {
      readonly manifestBytes: Buffer
    },
    now = new Date(),
  ): PackInstall {
    const id = `${manifest.version}-${manifest.sequence}`
    const target = this.folderOf(manifest.name, id)
    const store = this.read()
    const pack = store.packs[manifest.name] ?? { active: null, installs: [] }
    if (pack.installs.some((i) => i.id === id) || existsSync(target)) {
      throw new AppError(
        'RULES_INVALID',
        `${manifest.name} ${manifest.version} (sequence ${manifest.sequence}) is already installed.`,
      )
    }
    const partial = `${target}.partial`
    rmSync(partial, { recursive: true, force: true })
    mkdirSync(partial, { recursive: true })
    for (const path of ['pack.json', PACK_SIGNATURE_FILE, ...manifest.files.map((f) => f.path)]) {
      if (!existsSync(join(source, path))) continue
      mkdirSync(dirname(join(partial, path)), { recursive: true })
      cpSync(join(source, path), join(partial, path), { dereference: true })
    }
    renameSync(partial, target)
    const install: PackInstall = {
      id,
      version: manifest.version,
      sequence: manifest.sequence,
      manifestSha256: sha256Hex(facts.manifestBytes),
      signature: facts.signature,
      keyId: facts.keyId,
      installedAt: now.toISOString(),
      installedBy: facts.installedBy,
    }
    this.write({
      ...store,
      packs: {
        ...store.packs,
        [manifest.name]: { ...pack, installs: [...pack.installs, install] },
      },
    })
    return install
  }

  /** Make one installed version the active one (activation after review, or a rollback). */
  activate(name: string, id: string): InstalledPack {
    const store = this.read()
    const pack = store.packs[name]
    if (pack?.installs.some((i) => i.id === id) !== true) {
      throw new AppError('NOT_FOUND', `Rule pack ${name} has no installed version ${id}.`)
    }
    this.write({ ...store, packs: { ...store.packs, [name]: { ...pack, active: id } } })
    return this.installedFrom(this.read(), name) as InstalledPack
  }

  /**
   * The folders of the active packs, each checked against the `pack.json` hash recorded at
   * install: a pack changed at rest is refused, not scanned with.
   *
   * @throws AppError `RULES_INVALID` naming the pack.
   */
  activeFolders(): string[] {
    return this.list()
      .filter((pack) => pack.active !== null)
      .map((pack) => {
        const active = pack.active as PackInstall
        const folder = this.folderOf(pack.name, active.id)
        let bytes: Buffer
        try {
          bytes = readFileSync(join(folder, 'pack.json'))
        } catch (error: unknown) {
          throw new AppError(
            'RULES_INVALID',
            `The installed pack ${pack.name} ${active.version} is missing from ${folder}.`,
            { cause: error },
          )
        }
        if (sha256Hex(bytes) !== active.manifestSha256) {
          throw new AppError(
            'RULES_INVALID',
            `The installed pack ${pack.name} ${active.version} was changed after it was installed; import it again.`,
          )
        }
        return folder
      })
  }

  /** Where one installed version lives. */
  folderOf(name: string, id: string): string {
    return join(this.dir, name, id)
  }

  private installedFrom(store: StoreFile, name: string): InstalledPack | null {
    const pack = store.packs[name]
    if (pack === undefined) return null
    return {
      name,
      active: pack.installs.find((i) => i.id === pack.active) ?? null,
      installs: pack.installs,
    }
  }

  private read(): StoreFile {
    const path = join(this.dir, 'store.json')
    // Only a store that does not exist yet is empty: an unreadable one is an error, or the next
    // write would replace every install record.
    if (!existsSync(path)) return { format: PACK_STORE_FORMAT, packs: {} }
    const parsed = STORE.safeParse(parseJsonOrUndefined(readTextFile(path)))
    if (!parsed.success) {
      throw new AppError(
        'RULES_INVALID',
        `The rule pack store ${path} is damaged; it was left as it is.`,
      )
    }
    return parsed.data
  }

  private write(store: StoreFile): void {
    mkdirSync(this.dir, { recursive: true })
    writeFileAtomic(join(this.dir, 'store.json'), `${JSON.stringify(store, null, 2)}\n`)
  }
}
