import type { ChildRanker, WalkOrder } from '../filesystems/walk-order'

/**
 * Scan order: user content before the operating system, when the evidence is an OS volume.
 *
 * The walks are depth-first, so ranking the children of a handful of directories (the root,
 * a user profile, `/var`…) is enough to put whole subtrees first; nothing else is held. Ties
 * keep the listing order (name order for folders, on-disk order for images), so the order is
 * deterministic. Only the order changes: every entry is still scanned. docs/scan-order.md
 * gives the reasoning for users; the short version, rule by rule, is in the comments below.
 *
 * - Tier 0, first: where people keep and fetch files and where malware is dropped or persists
 *   (profiles, temp folders, the recycle bin, web roots, ProgramData). Small, and the likeliest
 *   place of a first finding.
 * - Tier 1: everything not named (unknown folders at the root are often the interesting ones:
 *   `C:\Intel`, `C:\tools`, `/data`), configuration (`/etc`), logs and the like.
 * - Tier 2, last: the operating system and installed programs (large, mostly vendor files that
 *   rules rarely hit), the NTFS metadata files, shadow copies and page/hibernation files (GBs
 *   each; still scanned, just after the rest).
 */
export type Tier = 0 | 1 | 2

/** The kinds of OS volume recognised from the names in their root. */
export type OsFlavour = 'windows' | 'macos' | 'unix'

/** A rule: a path from the root (`*` = any one name) and the tier of what it names. */
type Rule = readonly [path: string, tier: Tier]

/** Windows (NTFS/FAT volumes; names compared case-insensitively, as Windows does). */
const WINDOWS: readonly Rule[] = [
  // Profiles (Vista+ and XP); the recycle bin of each era (NTFS: $Recycle.Bin / RECYCLER,
  // FAT: RECYCLED); ProgramData (all-users data, a favourite drop and persistence place);
  // temp folders at the root; PerfLogs (empty by default, writable, used by intruders);
  // inetpub (IIS web roots: web shells).
  ['Users', 0],
  ['Documents and Settings', 0],
  ['ProgramData', 0],
  ['$Recycle.Bin', 0],
  ['RECYCLER', 0],
  ['RECYCLED', 0],
  ['Temp', 0],
  ['Tmp', 0],
  ['PerfLogs', 0],
  ['inetpub', 0],
  // In a profile: what the user fetched, saved and keeps, and AppData. Other profile folders
  // (Music, Pictures, Videos…) and the registry hives keep tier 1.
  ['Users/*/AppData', 0],
  ['Users/*/Desktop', 0],
  ['Users/*/Documents', 0],
  ['Users/*/Downloads', 0],
  // Roaming (persistence: Startup folder, droppers' own folders) before Local, whose caches
  // can be GBs; in Local, Temp (where executed attachments and droppers land) first.
  ['Users/*/AppData/Roaming', 0],
  ['Users/*/AppData/Local/Temp', 0],
  ['Documents and Settings/*/Application Data', 0],
  ['Documents and Settings/*/Desktop', 0],
  ['Documents and Settings/*/Local Settings', 0],
  ['Documents and Settings/*/My Documents', 0],
  ['Documents and Settings/*/Local Settings/Temp', 0],
  // The OS, installed programs, boot and recovery files, upgrade leftovers, shadow copies,
  // NTFS metadata files (the NTFS walk lists none below entry 16 but $Extend's children; named
  // for other tools' trees), and the memory files: several GB each.
  ['Windows', 2],
  ['WINNT', 2],
  ['Program Files', 2],
  ['Program Files (x86)', 2],
  ['Program Files (Arm)', 2],
  ['System Volume Information', 2],
  ['Recovery', 2],
  ['Boot', 2],
  ['bootmgr', 2],
  ['BOOTNXT', 2],
  ['Windows.old', 2],
  ['$Windows.~BT', 2],
  ['$Windows.~WS', 2],
  ['$WinREAgent', 2],
  ['$SysReset', 2],
  ['$Extend', 2],
  ['$MFT', 2],
  ['$MFTMirr', 2],
  ['$LogFile', 2],
  ['$Volume', 2],
  ['$AttrDef', 2],
  ['$Bitmap', 2],
  ['$Boot', 2],
  ['$BadClus', 2],
  ['$Secure', 2],
  ['$UpCase', 2],
  ['pagefile.sys', 2],
  ['hiberfil.sys', 2],
  ['swapfile.sys', 2],
  // Inside the OS: its temp folder and legacy scheduled tasks first, the component store
  // (WinSxS: largest, mostly hard links to System32's files) last. A previous install keeps
  // its profiles first too.
  ['Windows/Temp', 0],
  ['Windows/Tasks', 0],
  ['Windows/WinSxS', 2],
  ['Windows.old/Users', 0],
  ['Windows.old/Documents and Settings', 0],
  ['Windows.old/Windows', 2],
]

/** Linux and other Unix systems (ext volumes; names are case-sensitive there). */
const UNIX: readonly Rule[] = [
  // Homes (root's too), temp folders (world-writable: the classic drop zones, /dev/shm a
  // memory one that an image rarely holds), served content (web shells), add-on software.
  ['home', 0],
  ['root', 0],
  ['tmp', 0],
  ['srv', 0],
  ['opt', 0],
  ['var/tmp', 0],
  ['var/www', 0],
  ['dev/shm', 0],
  ['usr/local', 0],
  // The OS: programs, libraries, kernels, virtual file systems, snap and nix stores, swap.
  // /etc and the rest of /var stay tier 1: small configuration (persistence) and logs.
  ['usr', 2],
  ['bin', 2],
  ['sbin', 2],
  ['lib', 2],
  ['lib32', 2],
  ['lib64', 2],
  ['libx32', 2],
  ['boot', 2],
  ['proc', 2],
  ['sys', 2],
  ['snap', 2],
  ['nix', 2],
  ['swapfile', 2],
  ['swap.img', 2],
  ['var/cache', 2],
]

/** macOS (APFS/HFS+ are case-insensitive by default). */
const MACOS: readonly Rule[] = [
  ['Users', 0],
  ['opt', 0],
  ['usr/local', 0],
  // /private holds tmp and var (/tmp and /var are links to them): per-user temp folders
  // (var/folders), root's home; the system databases and swap/sleep images last.
  ['private/tmp', 0],
  ['private/var', 0],
  ['private/var/tmp', 0],
  ['private/var/folders', 0],
  ['private/var/root', 0],
  ['private/var/db', 2],
  ['private/var/vm', 2],
  // /Library is system-wide but not the sealed OS: third-party software and the persistence
  // places (launch agents/daemons) live there, so it stays tier 1 with those first.
  ['Library/LaunchAgents', 0],
  ['Library/LaunchDaemons', 0],
  ['Library/StartupItems', 0],
  ['Library/WebServer', 0],
  ['System', 2],
  ['usr', 2],
  ['bin', 2],
  ['sbin', 2],
  ['cores', 2],
  ['Volumes', 2],
]

interface Compiled {
  readonly caseless: boolean
  readonly rules: readonly { readonly path: readonly string[]; readonly tier: Tier }[]
}

const FLAVOURS: Readonly<Record<OsFlavour, Compiled>> = {
  windows: compile(WINDOWS, true),
  macos: compile(MACOS, true),
  unix: compile(UNIX, false),
}

/**
 * Which kind of OS volume a root directory with these names is, or null. Windows: `Windows`
 * (or `WINNT`) and `Users` (or `Documents and Settings`), any case; macOS: `System`, `Users`
 * and `Library`, any case; Unix: `etc` and `usr` or `bin`, exact case. macOS is tried before
 * Unix (its root has `etc`, `usr` and `bin` too).
 */
export function osFlavour(rootNames: readonly string[]): OsFlavour | null {
  const exact = new Set(rootNames)
  const lower = new Set(rootNames.map((name) => name.toLowerCase()))
  const any = (...names: string[]): boolean => names.some((name) => lower.has(name))
  if (any('windows', 'winnt') && any('users', 'documents and settings')) return 'windows'
  if (any('system') && any('users') && any('library')) return 'macos'
  if (exact.has('etc') && (exact.has('usr') || exact.has('bin'))) return 'unix'
  return null
}

/** True when a root directory with these names looks like an operating-system volume. */
export function isOsVolume(rootNames: readonly string[]): boolean {
  return osFlavour(rootNames) !== null
}

/**
 * The tier of the child `name` of the directory at `dirPath` (`/`-separated from the root; `/`,
 * `''` or `.` is the root) on a volume of this flavour. An NTFS stream (`name:stream`) ranks
 * with its file on Windows.
 */
export function tierOf(flavour: OsFlavour, dirPath: string, name: string): Tier {
  const { caseless, rules } = FLAVOURS[flavour]
  const base = flavour === 'windows' ? name.replace(/:.*$/s, '') : name
  const path = [...segments(dirPath), base].map((s) => (caseless ? s.toLowerCase() : s))
  const rule = rules.find((r) => r.path.length === path.length && matches(r.path, path))
  return rule?.tier ?? 1
}

/** Whether some child of the directory at `dirPath` has a tier other than 1. */
export function ranksChildrenOf(flavour: OsFlavour, dirPath: string): boolean {
  const { caseless, rules } = FLAVOURS[flavour]
  const path = segments(dirPath).map((s) => (caseless ? s.toLowerCase() : s))
  return rules.some((r) => r.path.length === path.length + 1 && matches(r.path, path))
}

/** The ranker of a volume of this flavour. */
export function rankerFor(flavour: OsFlavour): ChildRanker {
  return {
    ranksChildrenOf: (dirPath) => ranksChildrenOf(flavour, dirPath),
    rankOf: (dirPath, name) => tierOf(flavour, dirPath, name),
  }
}

/**
 * The scan's walk order: user content first on an OS volume (see {@link osFlavour}), the
 * listing order everywhere otherwise.
 */
export const scanPriority: WalkOrder = (rootNames) => {
  const flavour = osFlavour(rootNames)
  return flavour === null ? null : rankerFor(flavour)
}

function compile(rules: readonly Rule[], caseless: boolean): Compiled {
  return {
    caseless,
    rules: rules.map(([path, tier]) => ({
      path: path.split('/').map((s) => (caseless ? s.toLowerCase() : s)),
      tier,
    })),
  }
}

/** Does `pattern` (`*` = any name) match `path` on `path`'s length? */
function matches(pattern: readonly string[], path: readonly string[]): boolean {
  return path.every((segment, i) => pattern[i] === '*' || pattern[i] === segment)
}

function segments(dirPath: string): string[] {
  return dirPath.split('/').filter((s) => s !== '' && s !== '.')
}
