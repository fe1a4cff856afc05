import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { sha256Hex } from '../crypto/digest'
import { AppError } from '../model/errors'
import { parseJsonOrUndefined, readTextFile, writeFileAtomic } from '../share/keys/key-files'
import type { PackManifest } from './pack-manifest'
import { PACK_SIGNATURE_FILE } from './pack-signature'
import { localListingSha256 } from './local-listing'
import { checkPackName, PACK_NAME, refuseOtherKind } from './pack-names'

/** The `format` of `store.json`. */
export const PACK_STORE_FORMAT = 'outpost-pack-store/1'

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
  /** Unsigned local packs: the folder or file imported. */
  source: z.string().max(4096).optional(),
  /** Unsigned local packs: the rules left out because they did not compile. */
  dropped: z
    .array(
      z.strictObject({
        file: z.string().max(4096),
        rule: z.string().max(4096).nullable(),
        line: z.int().min(0).nullable(),
        code: z.string().max(64),
        reason: z.string().max(4096),
      }),
    )
    .max(100_000)
    .optional(),
})
const STORE = z.strictObject({
  format: z.literal(PACK_STORE_FORMAT),
  packs: z.record(
    PACK_NAME,
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
    refuseOtherKind(manifest.name, pack.installs, facts.signature === 'unsigned')
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

  /**
   * Copy the rule files of a checked plain folder (dropped rules already blanked out) into the
   * store as `<name>/local-<n>/`, n one above the previous local import of that name; not yet
   * active. `manifestSha256` is the loaded pack's listing hash, checked again before scans.
   *
   * @throws AppError `RULES_INVALID` when a signed pack has that name.
   */
  installLocal(
    name: string,
    folder: string,
    facts: Pick<PackInstall, 'manifestSha256' | 'installedBy'> &
      Required<Pick<PackInstall, 'source' | 'dropped'>>,
    now = new Date(),
  ): PackInstall {
    checkPackName(name)
    const store = this.read()
    const pack = store.packs[name] ?? { active: null, installs: [] }
    refuseOtherKind(name, pack.installs, true)
    const sequence = pack.installs.reduce((n, i) => Math.max(n, i.sequence), 0) + 1
    const id = `local-${sequence}`
    const target = this.folderOf(name, id)
    const partial = `${target}.partial`
    rmSync(partial, { recursive: true, force: true })
    mkdirSync(dirname(partial), { recursive: true })
    cpSync(folder, partial, { recursive: true, dereference: true })
    rmSync(target, { recursive: true, force: true })
    renameSync(partial, target)
    const install: PackInstall = {
      id,
      version: 'local',
      sequence,
      manifestSha256: facts.manifestSha256,
      signature: 'unsigned',
      keyId: null,
      installedAt: now.toISOString(),
      installedBy: facts.installedBy,
      source: facts.source,
      dropped: facts.dropped,
    }
    this.write({
      ...store,
      packs: { ...store.packs, [name]: { ...pack, installs: [...pack.installs, install] } },
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
    return this.activePacks().map((pack) => pack.folder)
  }

  /**
   * The active packs, checked as {@link activeFolders} does (an unsigned local pack against its
   * file listing). Load a local one with `loadRulePack(folder, 'local', { name })`: its folder
   * is called `local-<n>`.
   */
  activePacks(): {
    readonly name: string
    readonly folder: string
    readonly install: PackInstall
  }[] {
    return this.list()
      .filter((pack) => pack.active !== null)
      .map((pack) => {
        const active = pack.active as PackInstall
        const folder = this.folderOf(pack.name, active.id)
        const local = active.signature === 'unsigned' && active.version === 'local'
        let hash: string
        try {
          hash = local
            ? localListingSha256(folder)
            : sha256Hex(readFileSync(join(folder, 'pack.json')))
        } catch (error: unknown) {
          throw new AppError(
            'RULES_INVALID',
            `The installed pack ${pack.name} ${active.version} is missing from ${folder}.`,
            { cause: error },
          )
        }
        if (hash !== active.manifestSha256) {
          throw new AppError(
            'RULES_INVALID',
            `The installed pack ${pack.name} ${active.version} was changed after it was installed; import it again.`,
          )
        }
        return { name: pack.name, folder, install: active }
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
