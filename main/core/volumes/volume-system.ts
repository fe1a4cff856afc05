import type { ByteSource, ByteRange } from '../evidence/byte-source'

/** How the media is divided. `none`: no partition table, the whole media is one volume. */
export type VolumeScheme = 'mbr' | 'gpt' | 'none'

/** One partition (or the whole media), as its own source. */
export interface Volume {
  /** 0-based position in the table order Outpost lists (stable, used in paths). */
  readonly index: number
  /**
   * The slot as The Sleuth Kit's `mmls` names it: MBR `000:000`… (table:entry; logical
   * partitions `001:000`…), GPT `000`…; '' for `none`.
   */
  readonly slot: string
  readonly scheme: VolumeScheme
  /** Byte offset of the volume in its parent (the container). */
  readonly start: number
  readonly length: number
  /** Human type: `FAT32 LBA (0x0c)`, GPT type name or GUID, … */
  readonly type: string
  /** MBR type byte, when MBR. */
  readonly mbrType: number | null
  /** GPT partition name and GUIDs, when GPT. */
  readonly name: string | null
  readonly typeGuid: string | null
  readonly guid: string | null
  readonly source: ByteSource
}

/** The volume layout of a source. */
export interface VolumeLayout {
  readonly scheme: VolumeScheme
  readonly sectorSize: number
  readonly volumes: readonly Volume[]
  /** Parts of the media no volume covers (scanned as unallocated). */
  readonly unpartitioned: readonly ByteRange[]
  /** Problems that did not stop the reading (e.g. "primary GPT header damaged; backup used"). */
  readonly warnings: readonly string[]
  /** Disk GUID (GPT) or disk signature (MBR), when present. */
  readonly diskId: string | null
}
