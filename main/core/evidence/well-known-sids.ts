/**
 * Names of the Windows security identifiers every installation shares (Microsoft's "well-known
 * SIDs" list). A file owned by one of them is shown and passed to rules as `NT AUTHORITY\SYSTEM`
 * rather than `S-1-5-18`; other SIDs (users, domain accounts) have names only the image's
 * registry knows, and stay SIDs.
 */
const WELL_KNOWN: ReadonlyMap<string, string> = new Map([
  ['S-1-0-0', 'NULL SID'],
  ['S-1-1-0', 'Everyone'],
  ['S-1-3-0', 'CREATOR OWNER'],
  ['S-1-3-1', 'CREATOR GROUP'],
  ['S-1-5-7', 'NT AUTHORITY\\ANONYMOUS LOGON'],
  ['S-1-5-11', 'NT AUTHORITY\\Authenticated Users'],
  ['S-1-5-18', 'NT AUTHORITY\\SYSTEM'],
  ['S-1-5-19', 'NT AUTHORITY\\LOCAL SERVICE'],
  ['S-1-5-20', 'NT AUTHORITY\\NETWORK SERVICE'],
  ['S-1-5-32-544', 'BUILTIN\\Administrators'],
  ['S-1-5-32-545', 'BUILTIN\\Users'],
  ['S-1-5-32-546', 'BUILTIN\\Guests'],
  ['S-1-5-32-547', 'BUILTIN\\Power Users'],
  ['S-1-5-32-551', 'BUILTIN\\Backup Operators'],
  [
    'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464',
    'NT SERVICE\\TrustedInstaller',
  ],
])

/** The account name of a well-known SID, or null. */
export function wellKnownSidName(sid: string): string | null {
  return WELL_KNOWN.get(sid) ?? null
}

/** True for a SID string (`S-1-…`). */
export function isSid(text: string): boolean {
  return /^S-1-\d+(-\d+)*$/.test(text)
}
