import { describe, expect, it } from 'vitest'
import { isSid, wellKnownSidName } from '../../../main/core/evidence/well-known-sids'
import type { FileEntry, FileSystem, WalkProblem } from '../../../main/core/filesystems/file-system'
import {
  NO_ACCOUNTS,
  ownerFacts,
  parseIdFile,
  readAccounts,
} from '../../../main/core/scan/image-accounts'
import { bufferSource } from '../../helpers/file-source'

const NO_TIMES = { modified: null, accessed: null, changed: null, born: null }

function entry(path: string, overrides: Partial<FileEntry> = {}): FileEntry {
  return {
    path,
    name: path.split('/').pop() ?? '',
    id: path,
    kind: 'file',
    size: 0,
    deleted: false,
    recoverable: true,
    times: NO_TIMES,
    timeNote: null,
    runs: [],
    flags: [],
    ...overrides,
  }
}

/** A file system of named entries whose content is the given text; counts how far it was walked. */
function fakeFileSystem(files: Record<string, string>, extra: readonly string[] = []) {
  const walked: string[] = []
  const entries = [
    entry('/bin', { kind: 'directory' }),
    entry('/etc', { kind: 'directory' }),
    ...Object.entries(files).map(([path, text]) =>
      entry(path, { size: Buffer.byteLength(text), contentAccess: 'reader' }),
    ),
    ...extra.map((path) => entry(path)),
  ]
  const fs: FileSystem = {
    kind: 'ext4',
    label: null,
    clusterSize: 4096,
    source: bufferSource(Buffer.alloc(0)),
    async *walk(): AsyncIterable<FileEntry | WalkProblem> {
      yield { kind: 'problem', path: '/lost', detail: 'a problem is skipped' }
      for (const item of entries) {
        walked.push(item.path)
        yield await Promise.resolve(item)
      }
    },
    open: () => {
      throw new Error('reader entries must be opened by id')
    },
    openById: (id) => Promise.resolve(bufferSource(Buffer.from(files[id] ?? '', 'utf8'))),
    unallocated: () => Promise.resolve([]),
    details: {},
  }
  return { fs, walked }
}

describe('readAccounts', () => {
  it("names uids and gids from the image's own /etc/passwd and /etc/group", async () => {
    const { fs, walked } = fakeFileSystem(
      {
        '/etc/group': 'root:x:0:\nshadow:x:42:\nstaff:x:50:alice\n',
        '/etc/passwd':
          'root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/bash\n# junk\n',
      },
      ['/etc/shadow', '/home', '/home/alice', '/usr'],
    )
    const accounts = await readAccounts(fs)
    expect([...accounts.users]).toEqual([
      [0, 'root'],
      [1000, 'alice'],
    ])
    expect(accounts.groups.get(42)).toBe('shadow')
    // The walk stops once /etc is behind it: a root file system is not walked twice over.
    expect(walked).not.toContain('/usr')
  })

  it('gives empty maps for a file system without account files', async () => {
    const { fs } = fakeFileSystem({}, ['/data.bin'])
    const accounts = await readAccounts(fs)
    expect(accounts.users.size + accounts.groups.size).toBe(0)
  })
})

describe('parseIdFile', () => {
  it('keeps the first name of an id and skips malformed lines', () => {
    const names = parseIdFile('a:x:1:\nb:x:1:\n:x:2:\nc:x:-3:\nd:x:99999999999:\ne::7\nf')
    expect([...names]).toEqual([
      [1, 'a'],
      [7, 'e'],
    ])
  })
})

describe('ownerFacts', () => {
  const accounts = { users: new Map([[1000, 'alice']]), groups: new Map([[50, 'staff']]) }

  it('names well-known SIDs and passes the name to rules; other SIDs stay SIDs', () => {
    expect(ownerFacts(entry('/a', { owner: 'S-1-5-18' }), NO_ACCOUNTS)).toEqual({
      owner: 'NT AUTHORITY\\SYSTEM (S-1-5-18)',
      group: null,
      external: 'NT AUTHORITY\\SYSTEM',
    })
    const user = 'S-1-5-21-1004336348-1177238915-682003330-1001'
    expect(ownerFacts(entry('/a', { owner: user }), NO_ACCOUNTS)).toEqual({
      owner: user,
      group: null,
      external: user,
    })
  })

  it('names uids and gids it knows, root always, and never passes a bare number to rules', () => {
    expect(ownerFacts(entry('/a', { owner: 'uid 1000', group: 'gid 50' }), accounts)).toEqual({
      owner: 'alice (uid 1000)',
      group: 'staff (gid 50)',
      external: 'alice',
    })
    expect(ownerFacts(entry('/a', { owner: 'uid 0', group: 'gid 0' }), NO_ACCOUNTS)).toEqual({
      owner: 'root (uid 0)',
      group: 'root (gid 0)',
      external: 'root',
    })
    expect(ownerFacts(entry('/a', { owner: 'uid 1001', group: 'gid 7' }), accounts)).toEqual({
      owner: 'uid 1001',
      group: 'gid 7',
      external: '',
    })
    expect(ownerFacts(entry('/a'), accounts)).toEqual({ owner: null, group: null, external: '' })
  })
})

describe('well-known SIDs', () => {
  it('names the shared ones and recognises SID strings', () => {
    expect(wellKnownSidName('S-1-5-32-544')).toBe('BUILTIN\\Administrators')
    expect(wellKnownSidName('S-1-5-21-1-2-3-500')).toBeNull()
    expect(isSid('S-1-5-21-1-2-3-500')).toBe(true)
    expect(isSid('S-1-5-')).toBe(false)
    expect(isSid('uid 0')).toBe(false)
  })
})
