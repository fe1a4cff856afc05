import { isAppError } from '../../model/errors'
import type { NtfsFile } from './ntfs-attributes'
import { attributeContent } from './ntfs-content'
import { parseStandardInformation } from './ntfs-names'
import { ATTR } from './ntfs-record'
import { dataAttribute, MFT_ENTRY, readFile } from './ntfs-volume'
import type { NtfsVolume } from './ntfs-volume'

/** A file's owner SID (`S-1-5-…`), or null when it has no security id or $Secure lacks it. */
export type OwnerLookup = (file: NtfsFile) => string | null

/** $SDS is written in 256 KiB blocks, each followed by a mirror copy of itself. */
const SDS_BLOCK = 256 * 1024
/** Most $SDS read (a volume with this many distinct descriptors is already unusual). */
const MAX_SDS_BYTES = 64 * 1024 * 1024
/** Most descriptors kept. */
const MAX_DESCRIPTORS = 100_000

/**
 * A file's owner: from its own $SECURITY_DESCRIPTOR when it has one (NTFS 1.x, ntfs-3g), else
 * through its $STANDARD_INFORMATION security id into $Secure:$SDS (NTFS 3.0+). A $Secure that
 * cannot be read gives no owners.
 */
export async function securityOwners(volume: NtfsVolume): Promise<OwnerLookup> {
  let owners: Map<number, string>
  try {
    owners = await readSds(volume)
  } catch (error: unknown) {
    if (!isAppError(error)) throw error
    owners = new Map()
  }
  return (file) => {
    // Older volumes (and ntfs-3g) keep a descriptor in the file itself.
    const own = file.attributes.find((a) => a.type === ATTR.securityDescriptor)?.value
    if (own !== null && own !== undefined) return ownerSid(own)
    const value = file.attributes.find((a) => a.type === ATTR.standardInformation)?.value
    const id = value === null || value === undefined ? null : parseStandardInformation(value)
    return id?.securityId === null || id?.securityId === undefined
      ? null
      : (owners.get(id.securityId) ?? null)
  }
}

async function readSds(volume: NtfsVolume): Promise<Map<number, string>> {
  const owners = new Map<number, string>()
  const file = await readFile(volume, MFT_ENTRY.secure)
  const sds = file === null ? undefined : dataAttribute(file, '$SDS')
  if (sds === undefined) return owners
  const content = attributeContent(volume.source, volume.boot.clusterSize, sds)
  const size = Math.min(content.size, MAX_SDS_BYTES)
  // Even blocks only: each odd block mirrors the one before it.
  for (let block = 0; block < size && owners.size < MAX_DESCRIPTORS; block += 2 * SDS_BLOCK) {
    const bytes = await content.read(block, Math.min(SDS_BLOCK, size - block))
    let at = 0
    while (at + 40 <= bytes.length && owners.size < MAX_DESCRIPTORS) {
      const id = bytes.readUInt32LE(at + 4)
      const length = bytes.readUInt32LE(at + 16)
      if (length < 40 || at + length > bytes.length) break
      const owner = ownerSid(bytes.subarray(at + 20, at + length))
      if (owner !== null && !owners.has(id)) owners.set(id, owner)
      at += Math.ceil(length / 16) * 16
    }
  }
  return owners
}

/** The owner SID of a self-relative security descriptor. */
function ownerSid(descriptor: Buffer): string | null {
  if (descriptor.length < 20) return null
  const at = descriptor.readUInt32LE(4)
  return at === 0 ? null : sidString(descriptor, at)
}

/** A binary SID at `at` as `S-R-A-S1-S2-…`, or null when it does not fit. */
export function sidString(bytes: Buffer, at: number): string | null {
  if (at + 8 > bytes.length) return null
  const count = bytes[at + 1] ?? 0
  if (count > 15 || at + 8 + 4 * count > bytes.length) return null
  const authority = bytes.readUIntBE(at + 2, 6)
  const parts = [`S-${bytes[at] ?? 0}-${authority}`]
  for (let i = 0; i < count; i += 1) parts.push(String(bytes.readUInt32LE(at + 8 + 4 * i)))
  return parts.join('-')
}
