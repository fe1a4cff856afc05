import type { ByteSource } from '../evidence/byte-source'
import { sniffBootSector } from './boot-sniff'
import { openExfat } from './exfat/exfat-file-system'
import { openFat } from './fat/fat-file-system'
import type { FileSystem } from './file-system'

/**
 * Open the file system on `source` (a volume), recognised by its boot sector: FAT12/16/32 and
 * exFAT. Null when the volume holds no file system Outpost reads (NTFS and ext arrive with the
 * next readers; anything else is unknown).
 *
 * @throws AppError `FILESYSTEM_CORRUPT` when the boot sector names a file system whose geometry
 *   is impossible; `EVIDENCE_READ` (or another evidence error) when the source cannot be read.
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
    case null:
      return null
  }
}
