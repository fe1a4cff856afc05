/** File systems recognised from their boot sector. */
export type BootKind = 'fat' | 'exfat' | 'ntfs'

/**
 * What file system the boot sector `sector` (at least 512 bytes) starts, if any: exFAT and NTFS
 * by their OEM name, FAT by a plausible BIOS parameter block. Used to open file systems and to
 * tell a volume boot record (which also ends in 0x55AA) from a partition table.
 */
export function sniffBootSector(sector: Buffer): BootKind | null {
  if (sector.length < 512) return null
  const oem = sector.toString('latin1', 3, 11)
  if (oem === 'EXFAT   ') return 'exfat'
  if (oem === 'NTFS    ') return 'ntfs'
  return isFatBpb(sector) ? 'fat' : null
}

/**
 * True when the sector holds a FAT BIOS parameter block whose fields are each possible: the
 * boot signature, a power-of-two sector size of 512–4096, a power-of-two cluster of 1–128
 * sectors, reserved sectors, 1–4 FATs, a media byte, a sector count and a FAT size.
 */
export function isFatBpb(sector: Buffer): boolean {
  if (sector.length < 512 || sector.readUInt16LE(510) !== 0xaa55) return false
  const bytesPerSector = sector.readUInt16LE(11)
  const sectorsPerCluster = sector[13] ?? 0
  const reserved = sector.readUInt16LE(14)
  const fats = sector[16] ?? 0
  const media = sector[21] ?? 0
  const total = sector.readUInt16LE(19) || sector.readUInt32LE(32)
  const fatSize = sector.readUInt16LE(22) || sector.readUInt32LE(36)
  return (
    [512, 1024, 2048, 4096].includes(bytesPerSector) &&
    isPowerOfTwo(sectorsPerCluster) &&
    sectorsPerCluster <= 128 &&
    reserved >= 1 &&
    fats >= 1 &&
    fats <= 4 &&
    (media === 0xf0 || media >= 0xf8) &&
    total > 0 &&
    fatSize > 0
  )
}

function isPowerOfTwo(value: number): boolean {
  return value > 0 && (value & (value - 1)) === 0
}
