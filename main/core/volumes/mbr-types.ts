/**
 * Names of common MBR partition type bytes, worded as The Sleuth Kit's `mmls` words them (so a
 * layout compares with TSK's output); the byte itself is always appended, e.g.
 * `Win95 FAT32 (0x0c)`. Types not listed are `Unknown Type (0xNN)`, as in TSK.
 */
const NAMES: Readonly<Record<number, string>> = {
  0x00: 'Empty',
  0x01: 'DOS FAT12',
  0x04: 'DOS FAT16',
  0x05: 'DOS Extended',
  0x06: 'DOS FAT16',
  0x07: 'NTFS / exFAT',
  0x0b: 'Win95 FAT32',
  0x0c: 'Win95 FAT32',
  0x0e: 'Win95 FAT16',
  0x0f: 'Win95 Extended',
  0x11: 'DOS FAT12 Hidden',
  0x12: 'Hibernation',
  0x14: 'DOS FAT16 Hidden',
  0x16: 'DOS FAT16 Hidden',
  0x17: 'Hidden IFS/HPFS',
  0x1b: 'Win95 FAT32 Hidden',
  0x1c: 'Win95 FAT32 Hidden',
  0x1e: 'Win95 FAT16 Hidden',
  0x42: 'Win LVM / Secure FS',
  0x82: 'Linux Swap / Solaris x86',
  0x83: 'Linux',
  0x84: 'Hibernation',
  0x85: 'Linux Extended',
  0x86: 'NTFS Volume Set',
  0x87: 'NTFS Volume Set',
  0x8e: 'Linux Logical Volume Manager',
  0x93: 'Linux Hidden',
  0xa5: 'BSD/386, 386BSD, NetBSD, FreeBSD',
  0xa6: 'OpenBSD',
  0xa8: 'Mac OS X',
  0xa9: 'NetBSD',
  0xab: 'Mac OS X Boot Partition',
  0xaf: 'Mac OS X HFS',
  0xbe: 'Solaris 8 Boot',
  0xde: 'Dell Utilities FAT',
  0xeb: 'BeOS BFS',
  0xee: 'GPT Safety Partition',
  0xef: 'EFI File System',
  0xfb: 'VMWare File System',
  0xfc: 'VMWare Swap',
  0xfd: 'Linux RAID',
}

/** `Name (0xNN)` for an MBR partition type byte. */
export function mbrTypeName(type: number): string {
  const hex = `0x${type.toString(16).padStart(2, '0')}`
  return `${NAMES[type] ?? 'Unknown Type'} (${hex})`
}

/** Whether a type byte marks an extended partition (a chain of EBRs), as TSK counts them. */
export function isExtendedType(type: number): boolean {
  return type === 0x05 || type === 0x0f || type === 0x85
}
