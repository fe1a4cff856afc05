import type { ByteSource } from '../byte-source'

/** The image formats Outpost reads itself (no native library, no mounting). */
export const CONTAINER_FORMATS = ['raw', 'split-raw', 'ewf', 'vhd', 'vmdk', 'qcow2'] as const

/** One of {@link CONTAINER_FORMATS}. */
export type ContainerFormat = (typeof CONTAINER_FORMATS)[number]

/**
 * An opened disk image: the media it holds, as a {@link ByteSource}, plus what the format
 * itself says about it.
 */
export interface Container extends ByteSource {
  readonly format: ContainerFormat
  /** Every host file the image is made of, in order (segments, a differencing disk's parents…). */
  readonly files: readonly string[]
  /** Bytes per sector the format states, when it states one. */
  readonly sectorSize: number | null
  /** Hashes stored in the image at acquisition (EWF), lower-case hex. */
  readonly storedHashes: { readonly md5?: string; readonly sha1?: string }
  /** Format facts for `outpost inspect` and the evidence view (`{ "compression": "zlib", … }`). */
  readonly details: Readonly<Record<string, string | number | boolean>>
}
