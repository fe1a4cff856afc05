import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../main/core/model/errors'
import { buildMispEvent } from '../../../../main/core/share/misp/build-misp-event'
import {
  MAX_DISPLAY_ATTRIBUTES,
  MAX_MISP_ATTRIBUTES,
  MAX_MISP_VALUE_CHARS,
  readMispEvent,
} from '../../../../main/core/share/misp/read-misp-event'
import { sampleExportModel } from '../../../helpers/export-model-fixture'

const ORG = { name: 'Partner CERT', uuid: '11111111-2222-4333-8444-555555555555' }
const EVENT_UUID = '0a0b0c0d-0e0f-4a1b-8c2d-3e4f5a6b7c8d'

function attribute(n: number, type: string, value: string, extra: object = {}) {
  return {
    uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type,
    category: 'Payload delivery',
    value,
    to_ids: true,
    timestamp: '1700000000',
    ...extra,
  }
}

function partnerEvent(extra: object = {}) {
  return {
    Event: {
      uuid: EVENT_UUID,
      info: 'Partner triage',
      date: '2025-01-02',
      timestamp: '1700000000',
      Orgc: ORG,
      Tag: [{ name: 'tlp:green', colour: '#33FF00', exportable: true }],
      ...extra,
    },
  }
}

function expectInvalid(input: unknown, message: RegExp): void {
  let caught: unknown
  try {
    readMispEvent(input)
  } catch (error: unknown) {
    caught = error
  }
  expect(caught).toBeInstanceOf(AppError)
  expect((caught as AppError).code).toBe('BUNDLE_INVALID')
  expect((caught as AppError).message).toMatch(message)
}

describe('readMispEvent', () => {
  it('reads back our own export: rules, file hashes, org and TLP', () => {
    const model = sampleExportModel()

    const partner = readMispEvent(JSON.stringify(buildMispEvent(model)))

    expect(partner).toMatchObject({
      uuid: model.bundleId,
      org: { name: model.producer.org, uuid: model.producer.orgUuid },
      date: '2025-03-14',
      tlp: 'amber',
    })
    expect(partner.yaraRules).toEqual(
      model.rules.map((r) => ({ name: r.name, source: r.source, uuid: r.indicatorUuid })),
    )
    expect(
      partner.fileIndicators.map((f) => [f.filename, f.md5, f.sha1, f.sha256, f.size]),
    ).toEqual(
      model.findings.map((f) => [
        f.file.unallocated ? undefined : f.file.name,
        f.file.md5 ?? undefined,
        f.file.sha1 ?? undefined,
        f.file.sha256 ?? undefined,
        f.file.sizeBytes,
      ]),
    )
  })

  it('takes indicators from event-level attributes, composite ones included', () => {
    const rule = 'private rule H { condition: true }\nrule Partner_Rule { condition: H }'
    const input = partnerEvent({
      Attribute: [
        attribute(1, 'md5', 'BF14B79CF60CDDEBBC4F38490CF7964D'),
        attribute(2, 'filename|sha256', `evil.exe|${'a'.repeat(64)}`),
        attribute(3, 'yara', rule, { category: 'Payload installation' }),
        attribute(4, 'link', 'https://example.org/report', { category: 'External analysis' }),
        attribute(5, 'md5', 'not-a-hash'),
        attribute(6, 'sha1', 'b'.repeat(40), { deleted: true }),
      ],
    })

    const partner = readMispEvent(input)

    expect(partner.fileIndicators).toEqual([
      { uuid: '00000000-0000-4000-8000-000000000001', md5: 'bf14b79cf60cddebbc4f38490cf7964d' },
      {
        uuid: '00000000-0000-4000-8000-000000000002',
        filename: 'evil.exe',
        sha256: 'a'.repeat(64),
      },
    ])
    expect(partner.yaraRules).toEqual([
      { name: 'Partner_Rule', source: rule, uuid: '00000000-0000-4000-8000-000000000003' },
    ])
    expect(partner.attributes).toEqual([
      { type: 'link', category: 'External analysis', value: 'https://example.org/report' },
      { type: 'md5', category: 'Payload delivery', value: 'not-a-hash' },
    ])
    expect(partner.tlp).toBe('green')
  })

  it('takes the most restrictive of several TLP tags, and none as null', () => {
    const two = partnerEvent({ Tag: [{ name: 'tlp:clear' }, { name: 'TLP:RED' }] })

    expect(readMispEvent(two).tlp).toBe('red')
    expect(readMispEvent(partnerEvent({ Tag: [] })).tlp).toBeNull()
    expect(readMispEvent(partnerEvent({ Tag: [{ name: 'tlp:white' }] })).tlp).toBe('clear')
  })

  it('counts every other attribute but keeps only a capped number for display', () => {
    const many = Array.from({ length: MAX_DISPLAY_ATTRIBUTES + 5 }, (_, i) =>
      attribute(i, 'text', `t${i}`, { category: 'Other' }),
    )

    const partner = readMispEvent(partnerEvent({ Attribute: many }))

    expect(partner.otherAttributeCount).toBe(MAX_DISPLAY_ATTRIBUTES + 5)
    expect(partner.attributes).toHaveLength(MAX_DISPLAY_ATTRIBUTES)
  })

  it.each<[string, unknown, RegExp]>([
    ['text that is not JSON', '{"Event":', /not JSON/],
    ['no Event wrapper', { uuid: EVENT_UUID }, /Event/],
    [
      'a __proto__ key',
      JSON.parse(`{"Event":{"__proto__":{"polluted":1}}}`) as unknown,
      /forbidden key "__proto__"/,
    ],
    ['a __proto__ key in text', `{"Event":{"Attribute":[{"__proto__":{}}]}}`, /__proto__/],
    ['a constructor key', partnerEvent({ Orgc: { ...ORG, constructor: 'x' } }), /constructor/],
    ['a numeric timestamp', partnerEvent({ timestamp: 1700000000 }), /Event\.timestamp/],
    [
      'a numeric value',
      partnerEvent({ Attribute: [attribute(1, 'md5', 42 as unknown as string)] }),
      /value/,
    ],
    [
      'a string to_ids',
      partnerEvent({ Attribute: [attribute(1, 'md5', 'x', { to_ids: 'true' })] }),
      /to_ids/,
    ],
    ['a bad uuid', partnerEvent({ uuid: 'not-a-uuid' }), /uuid/],
    ['an array for Event', { Event: [] }, /Event/],
    [
      'a value over 1 MiB',
      partnerEvent({ Attribute: [attribute(1, 'text', 'x'.repeat(MAX_MISP_VALUE_CHARS + 1))] }),
      /value/,
    ],
    ['a non-JSON object', partnerEvent({ Orgc: new Map([['uuid', ORG.uuid]]) }), /not plain JSON/],
    [
      'deep nesting',
      partnerEvent({ Galaxy: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) as unknown }),
      /nesting/,
    ],
  ])('rejects %s', (_what, input, message) => {
    expectInvalid(input, message)
  })

  it('refuses more attributes than the cap before walking them', () => {
    const one = attribute(1, 'text', 'x')
    const objects = [{ uuid: EVENT_UUID, name: 'file', Attribute: new Array(10).fill(one) }]
    const input = partnerEvent({
      Attribute: new Array(MAX_MISP_ATTRIBUTES - 9).fill(one),
      Object: objects,
    })

    expectInvalid(input, new RegExp(`${MAX_MISP_ATTRIBUTES + 1} attributes`))
  })

  it('does not pollute Object.prototype', () => {
    expectInvalid('{"Event":{"__proto__":{"polluted":true}}}', /__proto__/)

    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
