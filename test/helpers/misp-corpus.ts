import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv from 'ajv-draft-04'
import type { ValidateFunction } from 'ajv-draft-04'
import type { MispEvent } from '../../main/core/share/misp/misp-templates'
import { requireCorpus } from '../corpus/corpus-paths'

/** A template definition as `misp-objects/objects/<name>/definition.json` has it. */
export interface TemplateDefinition {
  readonly name: string
  readonly uuid: string
  readonly version: number
  readonly description: string
  readonly 'meta-category': string
  readonly required?: readonly string[]
  readonly requiredOneOf?: readonly string[]
  readonly attributes: Readonly<
    Record<string, { readonly 'misp-attribute': string; readonly disable_correlation?: boolean }>
  >
}

interface DescribeTypes {
  readonly result: {
    readonly types: readonly string[]
    readonly category_type_mappings: Readonly<Record<string, readonly string[]>>
  }
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown

/**
 * The MISP reference material in `../shared/corpus/misp` (tests only), with the checks of
 * sharing-formats §3.2 that need it: the 2.5 schema, (b) the type/category matrix, (c) the
 * object templates, the full relationship vocabulary and the TLP taxonomy.
 */
export function loadMispCorpus() {
  const dir = requireCorpus('misp')
  const schema = readJson(join(dir, 'MISP', 'schema-2.5.json')) as object
  const ajv = new Ajv({ allErrors: true, strict: false })
  const validate: ValidateFunction = ajv.compile(schema)
  const describeTypes = (readJson(join(dir, 'PyMISP', 'describeTypes.json')) as DescribeTypes)
    .result
  const template = (name: string): TemplateDefinition =>
    readJson(join(dir, 'misp-objects', 'objects', name, 'definition.json')) as TemplateDefinition
  const relationships = (
    readJson(join(dir, 'misp-objects', 'relationships', 'definition.json')) as {
      values: { name: string }[]
    }
  ).values.map((v) => v.name)
  const tlp = readJson(join(dir, 'misp-taxonomies', 'tlp', 'machinetag.json')) as {
    namespace: string
    predicates: { value: string; colour?: string }[]
  }
  const tlpTags = new Map(tlp.predicates.map((p) => [`${tlp.namespace}:${p.value}`, p.colour]))
  const exampleEvent = readJson(
    join(dir, 'PyMISP', 'example-event-57c4445b-c548-4654-af0b-4be3950d210f.json'),
  )
  return { validate, describeTypes, template, relationships, tlpTags, exampleEvent }
}

/** What {@link loadMispCorpus} returns. */
export type MispCorpus = ReturnType<typeof loadMispCorpus>

/** Problems with (b) attribute types and categories and (c) objects against their templates. */
export function corpusProblems(corpus: MispCorpus, event: MispEvent): string[] {
  const problems: string[] = []
  const { types, category_type_mappings: byCategory } = corpus.describeTypes
  const attributes = [...event.Event.Attribute, ...event.Event.Object.flatMap((o) => o.Attribute)]
  for (const a of attributes) {
    if (!types.includes(a.type)) problems.push(`${a.uuid}: unknown type ${a.type}`)
    if (!(byCategory[a.category] ?? []).includes(a.type))
      problems.push(`${a.uuid}: type ${a.type} not allowed in category ${a.category}`)
  }
  for (const object of event.Event.Object) {
    const t = corpus.template(object.name)
    if (object.template_uuid !== t.uuid) problems.push(`${object.name}: template uuid`)
    if (object.template_version !== String(t.version)) problems.push(`${object.name}: version`)
    const relations = object.Attribute.map((a) => a.object_relation ?? '')
    for (const a of object.Attribute) {
      const spec = t.attributes[a.object_relation ?? '']
      if (spec === undefined) problems.push(`${object.name}: no relation ${a.object_relation}`)
      else if (spec['misp-attribute'] !== a.type)
        problems.push(
          `${object.name}.${a.object_relation}: ${a.type} is not ${spec['misp-attribute']}`,
        )
    }
    for (const required of t.required ?? [])
      if (!relations.includes(required)) problems.push(`${object.name}: ${required} missing`)
    if (t.requiredOneOf && !t.requiredOneOf.some((r) => relations.includes(r)))
      problems.push(`${object.name}: none of requiredOneOf`)
  }
  return problems
}
