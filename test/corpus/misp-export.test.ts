import { describe, expect, it } from 'vitest'
import { buildMispEvent } from '../../main/core/share/misp/build-misp-event'
import { checkMispEvent } from '../../main/core/share/misp/check-misp-event'
import {
  MISP_RELATIONSHIP_TYPES,
  MISP_TEMPLATES,
  MISP_TLP_TAGS,
  type MispEvent,
} from '../../main/core/share/misp/misp-templates'
import { readMispEvent } from '../../main/core/share/misp/read-misp-event'
import { sampleExportModel } from '../helpers/export-model-fixture'
import { corpusProblems, loadMispCorpus } from '../helpers/misp-corpus'

/**
 * Our MISP export against the MISP reference material (sharing-formats §3.2): the 2.5 JSON
 * schema (draft-04), describeTypes.json, the object templates, the relationship vocabulary, the
 * TLP taxonomy; and the CIRCL example event through our reader.
 */
const corpus = loadMispCorpus()

const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const
const events: [string, MispEvent][] = TLPS.map((tlp) => [
  tlp,
  buildMispEvent(sampleExportModel({ tlp })),
])

describe('MISP export against the MISP corpus', () => {
  it.each(events)('validates against schema-2.5.json at TLP %s', (_tlp, event) => {
    const valid = corpus.validate(event)

    expect(corpus.validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it.each(events)('passes the type matrix and template checks at TLP %s', (_tlp, event) => {
    expect(corpusProblems(corpus, event)).toEqual([])
    expect(checkMispEvent(event, { relationshipTypes: corpus.relationships })).toEqual([])
  })

  it('copies each template uuid, version, meta-category, description and relation types', () => {
    for (const template of MISP_TEMPLATES) {
      const definition = corpus.template(template.name)

      expect([template.uuid, template.version]).toEqual([definition.uuid, definition.version])
      expect(template.metaCategory).toBe(definition['meta-category'])
      expect(template.description).toBe(definition.description)
      for (const [relation, spec] of Object.entries(template.relations))
        expect([relation, spec.type]).toEqual([
          relation,
          definition.attributes[relation]?.['misp-attribute'],
        ])
    }
  })

  it('uses only category/type pairs and relationship types the corpus allows', () => {
    const mappings = corpus.describeTypes.category_type_mappings
    for (const template of MISP_TEMPLATES)
      for (const spec of Object.values(template.relations))
        expect(mappings[spec.category]).toContain(spec.type)

    expect(corpus.relationships).toEqual(expect.arrayContaining([...MISP_RELATIONSHIP_TYPES]))
  })

  it('uses the TLP taxonomy names and colours', () => {
    for (const tag of Object.values(MISP_TLP_TAGS))
      expect([tag.name, corpus.tlpTags.get(tag.name)]).toEqual([tag.name, tag.colour])
  })

  it('rejects a numeric timestamp (the schema harness can fail)', () => {
    const [, event] = events[0]!
    const broken = { Event: { ...event.Event, timestamp: Number(event.Event.timestamp) } }

    expect(corpus.validate(broken)).toBe(false)
    expect(corpus.validate.errors?.map((e) => e.instancePath)).toContain('/Event/timestamp')
  })

  it('rejects a string to_ids and a missing Event wrapper', () => {
    const [, event] = events[0]!
    const [first, ...rest] = event.Event.Object
    const attributes = first?.Attribute.map((a) => ({ ...a, to_ids: 'true' })) ?? []
    const broken = {
      Event: { ...event.Event, Object: [{ ...first, Attribute: attributes }, ...rest] },
    }

    expect(corpus.validate(broken)).toBe(false)
    expect(corpus.validate(event.Event)).toBe(false)
  })

  it('validates the CIRCL example event and imports it through readMispEvent', () => {
    expect(corpus.validate(corpus.exampleEvent)).toBe(true)

    const partner = readMispEvent(corpus.exampleEvent)

    expect(partner).toMatchObject({
      uuid: '57c4445b-c548-4654-af0b-4be3950d210f',
      info: 'Ransomware - Xorist',
      org: { name: 'CIRCL', uuid: '55f6ea5e-2c60-40e5-964f-47a8950d210f' },
      date: '2016-08-29',
      tlp: 'clear',
      yaraRules: [],
      otherAttributeCount: 5,
    })
    expect(partner.fileIndicators).toEqual([
      { uuid: '57c4448a-fb04-457d-87e7-4127950d210f', filename: '3Z4wnG9603it23y.exe' },
      { uuid: '57c4448b-454c-4d17-90d1-4d2f950d210f', md5: '0749bae92ca336a02c83d126e04ec628' },
      {
        uuid: '57c4448a-bef0-4ba7-a071-444e950d210f',
        sha1: '77b0c41b7d340b8a3d903f21347bbf06aa766b5b',
      },
      {
        uuid: '57c4448b-3fa4-4d65-9ccc-4afa950d210f',
        sha256: 'b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68',
      },
    ])
    expect(partner.attributes.map((a) => a.type)).toEqual([
      'link',
      'link',
      'comment',
      'text',
      'regkey|value',
    ])
  })
})
