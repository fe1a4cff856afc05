import { describe, expect, it } from 'vitest'
import { buildMispEvent } from '../../../../main/core/share/misp/build-misp-event'
import type { MispEvent } from '../../../../main/core/share/misp/misp-templates'
import { checkMispEvent } from '../../../../main/core/share/misp/check-misp-event'
import { sampleExportModel } from '../../../helpers/export-model-fixture'

type Body = MispEvent['Event']

const good = (): MispEvent => buildMispEvent(sampleExportModel())
const withEvent = (change: (e: Body) => Body): MispEvent => ({ Event: change(good().Event) })
const paths = (event: MispEvent): string[] => checkMispEvent(event).map((p) => p.path)

describe('checkMispEvent', () => {
  it('accepts the exporter output', () => {
    expect(checkMispEvent(good())).toEqual([])
  })

  it.each<[string, (e: Body) => Body, string]>([
    ['a bad event uuid', (e) => ({ ...e, uuid: 'nope' }), 'Event.uuid'],
    ['an empty info', (e) => ({ ...e, info: ' ' }), 'Event.info'],
    ['a multi-line info', (e) => ({ ...e, info: 'a\nb' }), 'Event.info'],
    ['an ISO timestamp', (e) => ({ ...e, timestamp: '2025-03-14T10:02:00Z' }), 'Event.timestamp'],
    ['a bad date', (e) => ({ ...e, date: '14/03/2025' }), 'Event.date'],
    ['distribution 5 on the event', (e) => ({ ...e, distribution: '5' }), 'Event.distribution'],
    ['a sharing group missing', (e) => ({ ...e, distribution: '4' }), 'Event.sharing_group_id'],
    ['threat level 0', (e) => ({ ...e, threat_level_id: '0' }), 'Event.threat_level_id'],
    ['analysis 3', (e) => ({ ...e, analysis: '3' }), 'Event.analysis'],
    ['no Orgc uuid', (e) => ({ ...e, Orgc: { name: 'x', uuid: '' } }), 'Event.Orgc.uuid'],
    ['no tlp tag', (e) => ({ ...e, Tag: [] }), 'Event.Tag'],
    [
      'two tlp tags',
      (e) => ({ ...e, Tag: [...e.Tag, { name: 'tlp:red', colour: '#FF2B2B', exportable: true }] }),
      'Event.Tag',
    ],
    [
      'an unknown tlp tag',
      (e) => ({ ...e, Tag: [{ name: 'tlp:purple', colour: '#000000', exportable: true }] }),
      'Event.Tag',
    ],
  ])('flags %s', (_what, change, path) => {
    expect(paths(withEvent(change))).toContain(path)
  })

  it('flags an unknown relationship type and a dangling reference', () => {
    const event = withEvent((e) => ({
      ...e,
      Object: e.Object.map((o) => ({
        ...o,
        ObjectReference: o.ObjectReference.map((r) => ({
          ...r,
          relationship_type: 'pwned-by',
          referenced_uuid: '00000000-0000-4000-8000-000000000000',
        })),
      })),
    }))

    const messages = checkMispEvent(event).map((p) => p.message)

    expect(messages).toContain('not in the vocabulary: pwned-by')
    expect(messages).toContain(
      'resolves to nothing in the event: 00000000-0000-4000-8000-000000000000',
    )
  })

  it('accepts a relationship type from a vocabulary passed in', () => {
    const event = withEvent((e) => ({
      ...e,
      Object: e.Object.map((o) => ({
        ...o,
        ObjectReference: o.ObjectReference.map((r) => ({ ...r, relationship_type: 'annotates' })),
      })),
    }))

    expect(checkMispEvent(event, { relationshipTypes: ['annotates'] })).toEqual([])
  })

  it('flags an object attribute without its relation and duplicate uuids', () => {
    const event = withEvent((e) => {
      const [first, ...rest] = e.Object
      if (first === undefined) throw new Error('no objects')
      const [attribute] = first.Attribute
      if (attribute === undefined) throw new Error('no attributes')
      const broken = { ...attribute, object_relation: '' }
      return { ...e, Object: [{ ...first, Attribute: [broken, broken] }, ...rest] }
    })

    expect(paths(event)).toEqual(
      expect.arrayContaining([
        'Event.Object[0].Attribute[0].object_relation',
        'Event.Object[0].Attribute[1].uuid',
      ]),
    )
  })
})
