import type { TlpLevel } from '../../model/tlp'

/**
 * How one object relation is written: its MISP attribute type, category and defaults.
 *
 * `type` is the template's `misp-attribute`; `category` is one the type allows in
 * `describeTypes.json`; `disableCorrelation` follows the template where it says so.
 */
export interface MispRelationSpec {
  readonly type: string
  readonly category: string
  readonly toIds: boolean
  readonly disableCorrelation: boolean
}

/**
 * The part of a MISP object template (`misp-objects/objects/<name>/definition.json`) we write.
 *
 * Copied, not read at run time: the corpus test (`test/corpus/misp-export.test.ts`) checks the
 * uuid, version, meta-category, description and every relation against the real definitions.
 */
export interface MispObjectTemplate {
  readonly name: string
  readonly uuid: string
  readonly version: number
  readonly metaCategory: string
  readonly description: string
  readonly relations: Readonly<Record<string, MispRelationSpec>>
}

const OTHER_TEXT: MispRelationSpec = {
  type: 'text',
  category: 'Other',
  toIds: false,
  disableCorrelation: false,
}
const OTHER_TEXT_UNCORRELATED: MispRelationSpec = { ...OTHER_TEXT, disableCorrelation: true }
const PAYLOAD_HASH = (type: string): MispRelationSpec => ({
  type,
  category: 'Payload delivery',
  toIds: true,
  disableCorrelation: false,
})

/** The `file` template (v25): the file a finding is about. */
export const MISP_FILE_TEMPLATE: MispObjectTemplate = {
  name: 'file',
  uuid: '688c46fb-5edb-40a3-8273-1af7923e2215',
  version: 25,
  metaCategory: 'file',
  description: 'File object describing a file with meta-information',
  relations: {
    // A file name alone is a weak indicator (svc.dll…): shared for correlation, not for IDS.
    filename: { ...PAYLOAD_HASH('filename'), toIds: false },
    md5: PAYLOAD_HASH('md5'),
    sha1: PAYLOAD_HASH('sha1'),
    sha256: PAYLOAD_HASH('sha256'),
    'size-in-bytes': {
      type: 'size-in-bytes',
      category: 'Other',
      toIds: false,
      disableCorrelation: true,
    },
    mimetype: {
      type: 'mime-type',
      category: 'Artifacts dropped',
      toIds: false,
      disableCorrelation: true,
    },
    fullpath: OTHER_TEXT,
    // Analyst notes on the finding: the template's free-text relation (`multiple: true`).
    text: OTHER_TEXT_UNCORRELATED,
  },
}

/** The `yara` template (v9): one matching rule, with its full source. */
export const MISP_YARA_TEMPLATE: MispObjectTemplate = {
  name: 'yara',
  uuid: 'b5acf82e-ecca-4868-82fe-9dbdf4d808c3',
  version: 9,
  metaCategory: 'misc',
  description:
    'An object describing a YARA rule (or a YARA rule name), its supported YARA version, and optional test-sample hashes. Test samples are true-positive by default; set false-positive=true when needed.',
  relations: {
    yara: {
      type: 'yara',
      category: 'Payload installation',
      toIds: true,
      disableCorrelation: false,
    },
    'yara-rule-name': OTHER_TEXT,
    version: OTHER_TEXT_UNCORRELATED,
    comment: { type: 'comment', category: 'Other', toIds: false, disableCorrelation: false },
    reference: {
      type: 'link',
      category: 'External analysis',
      toIds: false,
      disableCorrelation: false,
    },
  },
}

/** The `forensic-evidence` template (v2): an evidence item the findings come from. */
export const MISP_FORENSIC_EVIDENCE_TEMPLATE: MispObjectTemplate = {
  name: 'forensic-evidence',
  uuid: 'fe44c648-63ef-43fc-b3de-af71a2e023e4',
  version: 2,
  metaCategory: 'misc',
  description: 'An object template to describe a digital forensic evidence.',
  relations: {
    'case-number': OTHER_TEXT,
    'evidence-number': OTHER_TEXT,
    name: OTHER_TEXT,
    // The template has no hash relations: format, size and hashes go here as text.
    'additional-comments': OTHER_TEXT_UNCORRELATED,
  },
}

/** Every template the exporter writes, by name. */
export const MISP_TEMPLATES: readonly MispObjectTemplate[] = [
  MISP_FILE_TEMPLATE,
  MISP_YARA_TEMPLATE,
  MISP_FORENSIC_EVIDENCE_TEMPLATE,
]

/**
 * The `yara` object's `version` value: the YARA language level the rules are written for.
 *
 * yara-x accepts the YARA 4.x language, so partners running libyara 4.5 can use the rules.
 */
export const MISP_YARA_VERSION = '4.5'

/** A MISP tag as it appears in `Tag[]`. */
export interface MispTag {
  readonly name: string
  readonly colour: string
  readonly exportable: boolean
}

/** One MISP attribute (RFC "Attribute"): every scalar a string except the booleans. */
export interface MispAttribute {
  readonly uuid: string
  readonly type: string
  readonly category: string
  readonly value: string
  readonly to_ids: boolean
  readonly object_relation?: string
  readonly distribution: string
  readonly timestamp: string
  readonly comment: string
  readonly deleted: boolean
  readonly disable_correlation: boolean
}

/** A typed link from one object to another (RFC "ObjectReference"). */
export interface MispObjectReference {
  readonly uuid: string
  readonly object_uuid: string
  readonly referenced_uuid: string
  readonly relationship_type: string
  readonly timestamp: string
  readonly comment: string
  readonly deleted: boolean
}

/** One MISP object built from a template (RFC "Object"). */
export interface MispObject {
  readonly uuid: string
  readonly name: string
  readonly 'meta-category': string
  readonly description: string
  readonly template_uuid: string
  readonly template_version: string
  readonly distribution: string
  readonly sharing_group_id: string
  readonly timestamp: string
  readonly comment: string
  readonly deleted: boolean
  readonly Attribute: readonly MispAttribute[]
  readonly ObjectReference: readonly MispObjectReference[]
}

/** The body of a MISP core-format event, without instance-local ids (`org_id`, `orgc_id`). */
export interface MispEventBody {
  readonly uuid: string
  readonly info: string
  readonly date: string
  readonly threat_level_id: string
  readonly analysis: string
  readonly distribution: string
  readonly sharing_group_id: string
  readonly published: boolean
  readonly timestamp: string
  readonly publish_timestamp: string
  readonly Orgc: { readonly name: string; readonly uuid: string }
  readonly Tag: readonly MispTag[]
  readonly Attribute: readonly MispAttribute[]
  readonly Object: readonly MispObject[]
}

/** A MISP core-format event: `{ "Event": { … } }`. */
export interface MispEvent {
  readonly Event: MispEventBody
}

/**
 * The `tlp` taxonomy tag for each TLP 2.0 level (`misp-taxonomies/tlp/machinetag.json`, v10).
 *
 * Colours are the taxonomy's own; the taxonomy is exclusive, so an event carries exactly one.
 */
export const MISP_TLP_TAGS: Readonly<Record<TlpLevel, MispTag>> = {
  clear: { name: 'tlp:clear', colour: '#ffffff', exportable: true },
  green: { name: 'tlp:green', colour: '#33FF00', exportable: true },
  amber: { name: 'tlp:amber', colour: '#FFC000', exportable: true },
  'amber+strict': { name: 'tlp:amber+strict', colour: '#FFC000', exportable: true },
  red: { name: 'tlp:red', colour: '#FF2B2B', exportable: true },
}

/**
 * The TLP level of a `tlp:` tag name, or null when it is not a TLP 2.0 (or legacy) label.
 *
 * Legacy `tlp:white` reads as clear, as the taxonomy itself suggests; case is ignored.
 */
export function tlpOfMispTag(name: string): TlpLevel | null {
  const lower = name.trim().toLowerCase()
  if (lower === 'tlp:white') return 'clear'
  for (const [level, tag] of Object.entries(MISP_TLP_TAGS)) {
    if (tag.name === lower) return level as TlpLevel
  }
  return null
}

/**
 * The relationship types the exporter uses and the checker accepts without the full vocabulary.
 *
 * All are in `misp-objects/relationships/definition.json` (checked by the corpus test).
 */
export const MISP_RELATIONSHIP_TYPES = [
  'detected-by',
  'detects',
  'extracted-from',
  'found-in',
  'included-in',
  'contains',
  'related-to',
  'annotates',
] as const
