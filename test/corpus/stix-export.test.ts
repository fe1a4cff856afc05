import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import type { ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { TLP_LEVELS } from '../../main/core/model/tlp'
import { buildStixBundle } from '../../main/core/share/stix/build-stix-bundle'
import { checkStixBundle } from '../../main/core/share/stix/check-stix-bundle'
import type { StixObject } from '../../main/core/share/stix/stix-objects'
import { markingFor, TLP2_EXTENSION_ID } from '../../main/core/share/stix/tlp-markings'
import { sampleExportModel } from '../helpers/export-model-fixture'
import { CORPUS, requireCorpus } from './corpus-paths'

/**
 * Our STIX export against the OASIS material in `../shared/corpus` (sharing-formats §2.2): every
 * object validated on its own against its type's 2.1 JSON schema (ajv draft 2020-12), the TLP
 * markings equal to the official objects and valid for the TLP 2.0 extension schema.
 */
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown

function loadValidators() {
  const schemas = requireCorpus('stix2-json-schemas/schemas')
  const ajv = new Ajv2020({ strict: false, unicodeRegExp: false, allErrors: true })
  addFormats(ajv)
  ajv.addFormat('idn-hostname', true)
  const idFor = new Map<string, string>()
  const files = readdirSync(schemas, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort()
  for (const file of files) {
    const schema = readJson(join(schemas, file)) as { $id: string }
    ajv.addSchema(schema)
    idFor.set(basename(file, '.json'), schema.$id)
  }
  const tlpSchema = readJson(
    join(requireCorpus('stix-tlp2/cti-stix-validator'), `${TLP2_EXTENSION_ID}.json`),
  ) as object
  const tlp = ajv.compile(tlpSchema)
  const validatorFor = (o: StixObject): ValidateFunction => {
    const fallback = 'created' in o ? 'core' : 'cyber-observable-core'
    const id = idFor.get(o.type) ?? idFor.get(fallback) ?? ''
    const validate = ajv.getSchema(id)
    if (validate === undefined) throw new Error(`no schema for ${o.type}`)
    return validate
  }
  return { files: files.length, validatorFor, tlp }
}

const ajv = loadValidators()

/** The schema errors of every object, as `<id>: <path> <message>` lines. */
function schemaProblems(objects: readonly StixObject[]): string[] {
  return objects.flatMap((o) => {
    const { id } = o
    const validate = ajv.validatorFor(o)
    if (validate(o)) return []
    return (validate.errors ?? []).map((e) => `${id}: ${e.instancePath} ${e.message ?? ''}`)
  })
}

/** The JSON block of sharing-formats §1.6 (the example bundle). */
function exampleBundle(): { objects: StixObject[] } {
  const doc = readFileSync(join(CORPUS, '..', 'design', 'reference', 'sharing-formats.md'), 'utf8')
  const section = doc.slice(doc.indexOf('### 1.6'), doc.indexOf('## 2. JSON schemas'))
  const start = section.indexOf('```json') + '```json'.length
  return JSON.parse(section.slice(start, section.indexOf('```', start))) as {
    objects: StixObject[]
  }
}

describe('the STIX harness (sharing-formats §2.2)', () => {
  it('loads all 57 schema files', () => {
    expect(ajv.files).toBe(57)
  })

  it('accepts every object of the §1.6 example bundle', () => {
    const example = exampleBundle()

    expect(example.objects).toHaveLength(12)
    expect(schemaProblems(example.objects)).toEqual([])
  })

  it('rejects created without milliseconds', () => {
    const [identity] = buildStixBundle(sampleExportModel()).objects
    const broken = { ...identity!, created: '2025-03-14T10:02:00Z' }

    expect(schemaProblems([broken]).length).toBeGreaterThan(0)
  })

  it('rejects a custom property that is not lower-case', () => {
    const [identity] = buildStixBundle(sampleExportModel()).objects

    expect(schemaProblems([{ ...identity!, CaseId: 'x' }]).length).toBeGreaterThan(0)
  })
})

describe('buildStixBundle against the OASIS schemas', () => {
  it.each(TLP_LEVELS)('validates every object at TLP %s', (tlp) => {
    const bundle = buildStixBundle(sampleExportModel({ tlp }))

    expect(schemaProblems(bundle.objects)).toEqual([])
    expect(checkStixBundle(bundle, { expectedTlp: tlp })).toEqual([])
  })

  it('validates the bundle as written (after a JSON round trip)', () => {
    const text = JSON.stringify(buildStixBundle(sampleExportModel()))
    const parsed = JSON.parse(text) as { objects: StixObject[] }

    expect(parsed.objects.length).toBeGreaterThan(20)
    expect(schemaProblems(parsed.objects)).toEqual([])
  })
})

describe('TLP 2.0 markings against cti-stix-common-objects', () => {
  const official = requireCorpus('stix-tlp2/cti-stix-common-objects')

  it.each(TLP_LEVELS)('TLP:%s equals objects[0] of the official file', (level) => {
    const bundle = readJson(join(official, `tlp-${level}.json`)) as { objects: unknown[] }

    expect(markingFor(level)).toStrictEqual(bundle.objects[0])
  })

  it.each(TLP_LEVELS)('TLP:%s passes the TLP 2.0 extension schema', (level) => {
    const valid = ajv.tlp(markingFor(level))

    expect(ajv.tlp.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it('the extension schema rejects a name with a trailing space', () => {
    expect(ajv.tlp({ ...markingFor('amber'), name: 'TLP:AMBER ' })).toBe(false)
  })
})
