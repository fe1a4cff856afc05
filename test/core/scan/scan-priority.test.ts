import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { walkFolder } from '../../../main/core/evidence/folder-walker'
import {
  isOsVolume,
  osFlavour,
  ranksChildrenOf,
  scanPriority,
  tierOf,
} from '../../../main/core/scan/scan-priority'
import { walkEvidence } from '../../../main/core/scan/evidence-walk'
import type { Evidence } from '../../../main/core/model/evidence'
import { tempDir } from '../../helpers/temp-dir'

describe('osFlavour / isOsVolume', () => {
  it('recognises a Windows system drive, any case, Vista+ or XP', () => {
    expect(osFlavour(['$Recycle.Bin', 'Program Files', 'Users', 'Windows'])).toBe('windows')
    expect(osFlavour(['WINDOWS', 'Documents and Settings', 'pagefile.sys'])).toBe('windows')
    expect(osFlavour(['windows', 'users'])).toBe('windows')
    expect(osFlavour(['WINNT', 'Documents and Settings'])).toBe('windows')
  })

  it('recognises Linux and macOS roots; macOS before Unix', () => {
    expect(osFlavour(['bin', 'etc', 'home', 'usr', 'var'])).toBe('unix')
    expect(osFlavour(['etc', 'bin'])).toBe('unix')
    expect(osFlavour(['Applications', 'Library', 'System', 'Users', 'etc', 'usr', 'bin'])).toBe(
      'macos',
    )
  })

  it('leaves other folders alone', () => {
    expect(isOsVolume([])).toBe(false)
    expect(isOsVolume(['docs', 'Users', 'report.txt'])).toBe(false)
    expect(isOsVolume(['Windows'])).toBe(false) // a folder named Windows is not a system drive
    expect(isOsVolume(['Users', 'System'])).toBe(false) // macOS needs Library too
    expect(isOsVolume(['ETC', 'USR'])).toBe(false) // Unix names are case-sensitive
    expect(isOsVolume(['etc', 'var'])).toBe(false)
    expect(scanPriority(['a', 'b'])).toBeNull()
  })
})

describe('tierOf', () => {
  it('ranks Windows user content, then the rest, then the OS; any case', () => {
    for (const name of ['Users', 'USERS', 'ProgramData', '$RECYCLE.BIN', 'Recycler', 'inetpub'])
      expect(tierOf('windows', '/', name)).toBe(0)
    for (const name of ['Intel', 'autoexec.bat', 'tools', 'Config.Msi'])
      expect(tierOf('windows', '/', name)).toBe(1)
    for (const name of ['Windows', 'program files', 'Program Files (x86)', '$MFT', 'pagefile.sys'])
      expect(tierOf('windows', '.', name)).toBe(2)
    expect(tierOf('windows', '/System Volume Information', 'x')).toBe(1)
  })

  it('ranks inside profiles and inside the OS', () => {
    expect(tierOf('windows', '/Users/bob', 'Desktop')).toBe(0)
    expect(tierOf('windows', 'users/Alice', 'appdata')).toBe(0)
    expect(tierOf('windows', '/Users/bob', 'Music')).toBe(1)
    expect(tierOf('windows', '/Users/bob/AppData', 'Roaming')).toBe(0)
    expect(tierOf('windows', '/Users/bob/AppData', 'Local')).toBe(1)
    expect(tierOf('windows', '/Users/bob/AppData/Local', 'Temp')).toBe(0)
    expect(tierOf('windows', '/Windows', 'Temp')).toBe(0)
    expect(tierOf('windows', '/Windows', 'System32')).toBe(1)
    expect(tierOf('windows', '/Windows', 'WinSxS')).toBe(2)
    expect(tierOf('windows', '/Documents and Settings/bob/Local Settings', 'Temp')).toBe(0)
    // A nested "Users" is only a profile folder at the root.
    expect(tierOf('windows', '/data', 'Users')).toBe(1)
  })

  it('ranks an NTFS stream with its file', () => {
    expect(tierOf('windows', '/', 'pagefile.sys:stream')).toBe(2)
    expect(tierOf('windows', '/', 'Users:Zone.Identifier')).toBe(0)
  })

  it('ranks Unix and macOS names', () => {
    for (const name of ['home', 'root', 'tmp', 'srv', 'opt'])
      expect(tierOf('unix', '', name)).toBe(0)
    for (const name of ['usr', 'lib', 'lib64', 'bin', 'sbin', 'boot', 'proc', 'sys'])
      expect(tierOf('unix', '/', name)).toBe(2)
    for (const name of ['etc', 'var', 'mnt', 'HOME']) expect(tierOf('unix', '/', name)).toBe(1)
    expect(tierOf('unix', '/var', 'tmp')).toBe(0)
    expect(tierOf('unix', '/var', 'www')).toBe(0)
    expect(tierOf('unix', '/var', 'log')).toBe(1)
    expect(tierOf('unix', '/usr', 'local')).toBe(0)
    expect(tierOf('unix', '/dev', 'shm')).toBe(0)
    expect(tierOf('macos', '/', 'users')).toBe(0)
    expect(tierOf('macos', '/', 'System')).toBe(2)
    expect(tierOf('macos', '/', 'Library')).toBe(1)
    expect(tierOf('macos', '/Library', 'LaunchDaemons')).toBe(0)
    expect(tierOf('macos', '/private/var', 'folders')).toBe(0)
  })

  it('says which directories have children to rank (the others stream)', () => {
    expect(ranksChildrenOf('windows', '/')).toBe(true)
    expect(ranksChildrenOf('windows', '/Users/bob')).toBe(true)
    expect(ranksChildrenOf('windows', '/Users/bob/Desktop')).toBe(false)
    expect(ranksChildrenOf('windows', '/Windows/System32')).toBe(false)
    expect(ranksChildrenOf('unix', '/var')).toBe(true)
    expect(ranksChildrenOf('unix', '/home/alice')).toBe(false)
  })
})

/** Create files (and their folders) under root. */
function plant(root: string, paths: readonly string[]): void {
  for (const path of paths) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), path)
  }
}

async function walkedFiles(root: string): Promise<string[]> {
  const evidence = { kind: 'folder', sourcePath: root } as Evidence
  const files: string[] = []
  for await (const entry of walkEvidence(evidence))
    if (entry.kind === 'file') files.push(entry.relPath)
  return files
}

describe('folder evidence', () => {
  it('scans a Windows-shaped folder user content first, the OS last', async () => {
    const root = tempDir()
    plant(root, [
      'Windows/System32/x.dll',
      'Windows/Temp/t.tmp',
      'Program Files/App/app.exe',
      'ProgramData/evil/payload.bin',
      'Users/bob/Desktop/a.txt',
      'Users/bob/Music/song.mp3',
      'Users/bob/AppData/Local/cache.db',
      'Users/bob/AppData/Local/Temp/drop.exe',
      'Users/bob/AppData/Roaming/run.exe',
      'Intel/tool.exe',
      'pagefile.sys',
      'bootmgr',
      'notes.txt',
    ])
    expect(await walkedFiles(root)).toEqual([
      // Tier 0 subtrees, in name order: ProgramData, then Users (profile: AppData, Desktop;
      // AppData: Roaming, then Local with Temp first; Music last).
      'ProgramData/evil/payload.bin',
      'Users/bob/AppData/Roaming/run.exe',
      'Users/bob/AppData/Local/Temp/drop.exe',
      'Users/bob/AppData/Local/cache.db',
      'Users/bob/Desktop/a.txt',
      'Users/bob/Music/song.mp3',
      // Tier 1: an unknown folder and a file at the root.
      'Intel/tool.exe',
      'notes.txt',
      // The OS (its Temp first), then the boot and memory files: a ranked folder's files wait
      // for their turn too.
      'Program Files/App/app.exe',
      'Windows/Temp/t.tmp',
      'Windows/System32/x.dll',
      'bootmgr',
      'pagefile.sys',
    ])
    // Every entry (folders included) is still there, once.
    const all = async (walk: AsyncGenerator<{ relPath: string }>): Promise<string[]> => {
      const out: string[] = []
      for await (const entry of walk) out.push(entry.relPath)
      return out.sort()
    }
    const evidence = { kind: 'folder', sourcePath: root } as Evidence
    expect(await all(walkEvidence(evidence))).toEqual(await all(walkFolder(root)))
  })

  it('keeps name order for a folder that is not an OS volume', async () => {
    const root = tempDir()
    // Profiles and programs but no Windows folder: a copied-out tree, not a system drive.
    const paths = ['Users/bob/a.txt', 'Program Files/p.exe', 'pagefile.sys', 'tmp/t', 'z.txt']
    plant(root, paths)
    const plain: string[] = []
    for await (const entry of walkFolder(root)) if (entry.kind === 'file') plain.push(entry.relPath)
    expect(await walkedFiles(root)).toEqual(plain)
    expect(plain).toEqual([
      'pagefile.sys',
      'z.txt',
      'Program Files/p.exe',
      'Users/bob/a.txt',
      'tmp/t',
    ])
  })
})
