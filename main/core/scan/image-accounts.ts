import type { FileEntry, FileSystem } from '../filesystems/file-system'
import { isWalkProblem } from '../filesystems/file-system'
import { isSid, wellKnownSidName } from '../evidence/well-known-sids'

/** User and group names of a Unix file system, from its own `/etc/passwd` and `/etc/group`. */
export interface Accounts {
  readonly users: ReadonlyMap<number, string>
  readonly groups: ReadonlyMap<number, string>
}

export const NO_ACCOUNTS: Accounts = { users: new Map(), groups: new Map() }

/** Account files are small; anything bigger is not read (a hostile image could claim gigabytes). */
const MAX_ACCOUNT_FILE = 4 * 1024 * 1024

/**
 * The accounts of a Linux root file system: `/etc/passwd` and `/etc/group` read from the file
 * system itself (never from the host's). Walks until `/etc` has been passed (the walk is depth
 * first, so its contents come together); empty maps when the file system has none.
 */
export async function readAccounts(fs: FileSystem): Promise<Accounts> {
  const found = new Map<string, FileEntry>()
  let inEtc = false
  for await (const item of fs.walk()) {
    if (isWalkProblem(item)) continue
    if (item.path === '/etc' || item.path.startsWith('/etc/')) {
      inEtc = true
      if (item.path === '/etc/passwd' || item.path === '/etc/group') {
        if (item.kind === 'file' && !item.deleted) found.set(item.path, item)
      }
    } else if (inEtc) break
  }
  return {
    users: parseIdFile(await readSmall(fs, found.get('/etc/passwd'))),
    groups: parseIdFile(await readSmall(fs, found.get('/etc/group'))),
  }
}

async function readSmall(fs: FileSystem, entry: FileEntry | undefined): Promise<string> {
  if (entry === undefined || entry.size > MAX_ACCOUNT_FILE) return ''
  try {
    const source =
      entry.contentAccess === 'reader' && fs.openById ? await fs.openById(entry.id) : fs.open(entry)
    return (await source.read(0, entry.size)).toString('utf8')
  } catch {
    return '' // a damaged account file only costs names; the walk reports the damage
  }
}

/** `name:x:id:…` lines (passwd and group share the first and third fields) → id → name. */
export function parseIdFile(text: string): Map<number, string> {
  const names = new Map<number, string>()
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':')
    if (name && id && /^\d{1,10}$/.test(id) && !names.has(Number(id))) names.set(Number(id), name)
  }
  return names
}

/** How an entry's owner is recorded and what rules get as the `owner` external. */
export interface OwnerFacts {
  /** Shown and stored: `NT AUTHORITY\SYSTEM (S-1-5-18)`, `alice (uid 1000)`, `uid 1000`. */
  readonly owner: string | null
  readonly group: string | null
  /** The `owner` external: an account name, or a SID; '' when only a number is known. */
  readonly external: string
}

/**
 * The owner of an entry: NTFS SIDs named when well known; ext uids and gids named from the file
 * system's own accounts (uid 0 is root on every Unix). A bare number is never passed to rules:
 * yara-x would read it as an integer and drop the external.
 */
export function ownerFacts(entry: FileEntry, accounts: Accounts): OwnerFacts {
  const owner = entry.owner ?? null
  const group = entry.group ?? null
  if (owner !== null && isSid(owner)) {
    const name = wellKnownSidName(owner)
    return {
      owner: name === null ? owner : `${name} (${owner})`,
      group,
      external: name ?? owner,
    }
  }
  const user = named(owner, 'uid', accounts.users, 'root')
  return {
    owner: user.shown,
    group: named(group, 'gid', accounts.groups, 'root').shown,
    external: user.name ?? '',
  }
}

function named(
  value: string | null,
  prefix: string,
  names: ReadonlyMap<number, string>,
  zero: string,
): { shown: string | null; name: string | null } {
  const match = value === null ? null : new RegExp(`^${prefix} (\\d+)$`).exec(value)
  if (value === null || match === null) return { shown: value, name: value }
  const id = Number(match[1])
  const name = names.get(id) ?? (id === 0 ? zero : null)
  return { shown: name === null ? value : `${name} (${value})`, name }
}
