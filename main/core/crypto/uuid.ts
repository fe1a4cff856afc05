import { createHash } from 'node:crypto'

/** The RFC 4122 / 9562 form of a UUID, lower-case. */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** True when `value` is a lower-case UUID of any version. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value)
}

/**
 * A name-based UUID (version 5: SHA-1 of the namespace bytes and the UTF-8 name).
 *
 * What makes exports deterministic: the same namespace and name always give the same id, so the
 * same case state exported twice carries the same STIX and MISP ids, and a partner's tools see an
 * update rather than a new object.
 */
export function uuidV5(name: string, namespace: string): string {
  if (!isUuid(namespace.toLowerCase())) throw new TypeError(`uuidV5: bad namespace ${namespace}`)
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6)
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8)
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Namespace of every id Outpost derives for its exports (a fixed random v4 UUID). */
export const OUTPOST_UUID_NAMESPACE = '6f1c2b7e-4d3a-4c59-9e8b-2a7d5f0c3e91'
