import { canonicalJson } from '../../crypto/canonical-json'
import { OUTPOST_UUID_NAMESPACE, uuidV5 } from '../../crypto/uuid'

/**
 * The STIX 2.1 namespace for deterministic SCO ids (spec §2.9, python-stix2 `SCO_DET_ID_NAMESPACE`).
 *
 * Every producer uses the same one, so two tools that see the same file give it the same id.
 */
export const SCO_ID_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7'

/**
 * The id-contributing properties of the SCO types we emit or recompute (spec §6, python-stix2).
 *
 * An SCO type not listed here gets no recomputed id check.
 */
export const SCO_ID_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  directory: ['path'],
  artifact: ['hashes', 'payload_bin'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'domain-name': ['value'],
  url: ['value'],
  'mac-addr': ['value'],
  'email-addr': ['value'],
  mutex: ['name'],
}

const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'] as const

/**
 * The one hash that contributes to an SCO id: the first of MD5, SHA-1, SHA-256, SHA-512 present,
 * otherwise the first key (python-stix2 `_choose_one_hash`).
 *
 * Returns null for an empty dictionary.
 */
export function chooseOneHash(
  hashes: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> | null {
  for (const algorithm of HASH_PREFERENCE) {
    const value = hashes[algorithm]
    if (value !== undefined) return { [algorithm]: value }
  }
  const first = Object.keys(hashes)[0]
  return first === undefined ? null : { [first]: hashes[first] ?? '' }
}

/**
 * The deterministic id of an SCO: `<type>--` + UUIDv5 of the JCS text of its id-contributing
 * properties (only one hash), in the STIX namespace.
 *
 * Returns null when the type is not in {@link SCO_ID_PROPERTIES} or the object has none of its
 * properties (the spec then asks for a v4 id, which we never emit).
 */
export function scoId(type: string, properties: Readonly<Record<string, unknown>>): string | null {
  const contributing = SCO_ID_PROPERTIES[type]
  if (contributing === undefined) return null
  const streamlined: Record<string, unknown> = {}
  for (const key of contributing) {
    const value = properties[key]
    if (value === undefined || value === null) continue
    if (key === 'hashes') {
      const one = chooseOneHash(value as Record<string, string>)
      if (one !== null) streamlined[key] = one
    } else {
      streamlined[key] = value
    }
  }
  if (Object.keys(streamlined).length === 0) return null
  return `${type}--${uuidV5(canonicalJson(streamlined), SCO_ID_NAMESPACE)}`
}

/**
 * The id of an SDO/SRO from a UUID the export model already holds: `<type>--<uuid>`.
 *
 * The model's UUIDs are version 5 (derived from case facts), not the v4 the spec "should"s:
 * Outpost requires the same export twice to give the same bytes, and a partner's tools to see an
 * update (same id, later `modified`) rather than a new object. That is a SHOULD-level deviation
 * (`uuid-check` in the Python validator), chosen on purpose.
 */
export function sdoId(type: string, uuid: string): string {
  return `${type}--${uuid.toLowerCase()}`
}

/**
 * The id of an SDO the model has no UUID for, derived from one it has: `<type>--` +
 * UUIDv5(`<type>:<uuid>`) in the Outpost namespace.
 *
 * E.g. the observed-data of a finding is `derivedSdoId('observed-data', finding.uuid)`. Same
 * determinism trade-off as {@link sdoId}.
 */
export function derivedSdoId(type: string, fromUuid: string): string {
  return `${type}--${uuidV5(`${type}:${fromUuid.toLowerCase()}`, OUTPOST_UUID_NAMESPACE)}`
}
