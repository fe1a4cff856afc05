import type { ByteSource } from '../evidence/byte-source'
import { sniffBootSector } from './boot-sniff'
import { openExfat } from './exfat/exfat-file-system'
import { openExt } from './ext/ext-file-system'
import { hasExtMagic } from './ext/ext-superblock'
import { openFat } from './fat/fat-file-system'
import { openNtfs } from './ntfs/ntfs-file-system'
import type { FileSystem } from './file-system'

/**
 * Open the file system on `source` (a volume), recognised by its boot sector: FAT12/16/32,
 * exFAT and NTFS; else by the ext superblock magic (ext2/3/4). Null when the volume holds no
 * file system Outpost reads.
 *
 * @throws AppError `FILESYSTEM_CORRUPT` when the boot sector (or ext superblock) names a file
 *   system whose geometry is impossible; `EVIDENCE_READ` (or another evidence error) when the source cannot be read.
 */
export async function openFileSystem(source: ByteSource): Promise<FileSystem | null> {
  if (source.size < 512) return null
  const sector = await source.read(0, 512)
  switch (sniffBootSector(sector)) {
    case 'fat':
      return openFat(source, sector)
    case 'exfat':
      return openExfat(source)
    case 'ntfs':
      return openNtfs(source)
    case null:
      return openExtIfThere(source)
  }
}

/**
 * ext has no boot-sector signature: its superblock's magic number (byte 1080) says so. Checked
 * only when no boot sector was recognised.
 */
async function openExtIfThere(source: ByteSource): Promise<FileSystem | null> {
  if (source.size < 2048) return null
  return hasExtMagic(await source.read(0, 2048)) ? openExt(source) : null
}
