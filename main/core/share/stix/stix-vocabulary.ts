/**
 * The STIX 2.1 properties of the object types Outpost emits or reads, by type.
 *
 * A top-level property of one of these types that is not listed must be custom, so it must start
 * with `x_` (§2.4, the validator's `custom-prefix` SHOULD that we enforce).
 */
const SDO_COMMON = [
  'type',
  'spec_version',
  'id',
  'created_by_ref',
  'created',
  'modified',
  'revoked',
  'labels',
  'confidence',
  'lang',
  'external_references',
  'object_marking_refs',
  'granular_markings',
  'extensions',
]
const SCO_COMMON = [
  'type',
  'spec_version',
  'id',
  'object_marking_refs',
  'granular_markings',
  'defanged',
  'extensions',
]
const SCO_TIMES = ['ctime', 'mtime', 'atime', 'contains_refs']

const BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  identity: [
    ...SDO_COMMON,
    ...['name', 'description', 'roles', 'identity_class', 'sectors', 'contact_information'],
  ],
  'marking-definition': [...SDO_COMMON, 'name', 'definition_type', 'definition'],
  indicator: [
    ...SDO_COMMON,
    ...['name', 'description', 'indicator_types', 'pattern', 'pattern_type', 'pattern_version'],
    ...['valid_from', 'valid_until', 'kill_chain_phases'],
  ],
  malware: [
    ...SDO_COMMON,
    ...['name', 'description', 'malware_types', 'is_family', 'aliases', 'kill_chain_phases'],
    ...['first_seen', 'last_seen', 'operating_system_refs', 'architecture_execution_envs'],
    ...['implementation_languages', 'capabilities', 'sample_refs'],
  ],
  relationship: [
    ...SDO_COMMON,
    ...['relationship_type', 'description', 'source_ref', 'target_ref', 'start_time', 'stop_time'],
  ],
  'observed-data': [
    ...SDO_COMMON,
    ...['first_observed', 'last_observed', 'number_observed', 'objects', 'object_refs'],
  ],
  sighting: [
    ...SDO_COMMON,
    ...['description', 'first_seen', 'last_seen', 'count', 'sighting_of_ref', 'summary'],
    ...['observed_data_refs', 'where_sighted_refs'],
  ],
  note: [...SDO_COMMON, 'abstract', 'content', 'authors', 'object_refs'],
  opinion: [...SDO_COMMON, 'explanation', 'authors', 'opinion', 'object_refs'],
  report: [...SDO_COMMON, 'name', 'description', 'report_types', 'published', 'object_refs'],
  grouping: [...SDO_COMMON, 'name', 'description', 'context', 'object_refs'],
  file: [
    ...SCO_COMMON,
    ...SCO_TIMES,
    ...['hashes', 'size', 'name', 'name_enc', 'magic_number_hex', 'mime_type'],
    ...['parent_directory_ref', 'content_ref'],
  ],
  directory: [...SCO_COMMON, ...SCO_TIMES, 'path', 'path_enc'],
}

/**
 * The spec-defined top-level properties of `type`, or null when we do not know the type (then
 * no custom-prefix check is made).
 */
export function knownProperties(type: string): ReadonlySet<string> | null {
  const list = BY_TYPE[type]
  return list === undefined ? null : new Set(list)
}

/**
 * The open-vocabulary properties whose values must be lowercase words joined by hyphens
 * (validator SHOULD `vocab-*`, enforced by us).
 */
export const VOCABULARY_PROPERTIES: readonly string[] = [
  'indicator_types',
  'report_types',
  'identity_class',
  'sectors',
  'malware_types',
  'pattern_type',
  'context',
  'relationship_type',
  'opinion',
]

/** Lowercase words joined by single hyphens (`malicious-activity`). */
export const VOCABULARY_VALUE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** The hash algorithms we emit and accept, with the hex length of each. */
export const HASH_LENGTHS: Readonly<Record<string, number>> = {
  MD5: 32,
  'SHA-1': 40,
  'SHA-256': 64,
  'SHA-512': 128,
}

/**
 * Which types a reference property may point at: a list of allowed types, or a test.
 *
 * From the spec and the validator's `observable_object_references`; refs not listed may point at
 * any object.
 */
export function refTargetProblem(
  property: string,
  holderType: string,
  targetType: string,
  isSco: (type: string) => boolean,
): string | null {
  const expect = (ok: boolean, what: string): string | null =>
    ok ? null : `${property} must point at ${what}, not ${targetType}`
  switch (property) {
    case 'created_by_ref':
      return expect(targetType === 'identity', 'an identity')
    case 'object_marking_refs':
      return expect(targetType === 'marking-definition', 'a marking-definition')
    case 'parent_directory_ref':
      return expect(targetType === 'directory', 'a directory')
    case 'where_sighted_refs':
      return expect(['identity', 'location'].includes(targetType), 'an identity or location')
    case 'observed_data_refs':
      return expect(targetType === 'observed-data', 'an observed-data')
    case 'sighting_of_ref':
      return expect(
        !['sighting', 'relationship', 'marking-definition', 'language-content', 'bundle'].includes(
          targetType,
        ),
        'an SDO',
      )
    case 'contains_refs':
      return expect(
        holderType === 'directory' ? ['file', 'directory'].includes(targetType) : isSco(targetType),
        holderType === 'directory' ? 'a file or directory' : 'an observable',
      )
    case 'object_refs':
      return holderType === 'observed-data'
        ? expect(
            isSco(targetType) || targetType === 'relationship',
            'an observable or relationship',
          )
        : null
    default:
      return null
  }
}
