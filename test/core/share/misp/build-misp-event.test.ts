import { describe, expect, it } from 'vitest'
import { buildMispEvent, fileObjectUuid } from '../../../../main/core/share/misp/build-misp-event'
import type { MispAttribute, MispEvent } from '../../../../main/core/share/misp/misp-templates'
import { checkMispEvent } from '../../../../main/core/share/misp/check-misp-event'
import { sampleExportModel } from '../../../helpers/export-model-fixture'

const allAttributes = (event: MispEvent): MispAttribute[] => [
  ...event.Event.Attribute,
  ...event.Event.Object.flatMap((o) => o.Attribute),
]

const objectsNamed = (event: MispEvent, name: string) =>
  event.Event.Object.filter((o) => o.name === name)

describe('buildMispEvent', () => {
  it('gives identical JSON for the same model', () => {
    const first = JSON.stringify(buildMispEvent(sampleExportModel()))
    const second = JSON.stringify(buildMispEvent(sampleExportModel()))

    expect(second).toBe(first)
  })

  it('writes the event header from the model', () => {
    const model = sampleExportModel()

    const { Event } = buildMispEvent(model)

    expect(Event).toMatchObject({
      uuid: model.bundleId,
      info: 'Case 2025-0042: YARA triage of EV-2025-0042-01, USB stick copy',
      date: '2025-03-14',
      threat_level_id: '1',
      analysis: '1',
      distribution: '0',
      sharing_group_id: '0',
      published: false,
      timestamp: String(Date.parse('2025-03-14T10:02:00.000Z') / 1000),
      publish_timestamp: '0',
      Orgc: { name: model.producer.org, uuid: model.producer.orgUuid },
    })
    expect(Event).not.toHaveProperty('org_id')
    expect(Event).not.toHaveProperty('orgc_id')
  })

  it.each([
    ['clear', 'tlp:clear'],
    ['green', 'tlp:green'],
    ['amber', 'tlp:amber'],
    ['amber+strict', 'tlp:amber+strict'],
    ['red', 'tlp:red'],
  ] as const)('carries exactly one tlp tag at TLP %s', (tlp, name) => {
    const { Event } = buildMispEvent(sampleExportModel({ tlp }))

    expect(Event.Tag.filter((t) => t.name.startsWith('tlp:'))).toEqual([
      expect.objectContaining({ name, exportable: true }),
    ])
  })

  it.each([
    [85, '1'],
    [80, '1'],
    [79, '2'],
    [60, '2'],
    [59, '3'],
  ])('maps a top score of %i to threat level %s', (score, level) => {
    const base = sampleExportModel()
    const findings = base.findings.map((f) => ({ ...f, score }))

    expect(buildMispEvent({ ...base, findings }).Event.threat_level_id).toBe(level)
  })

  it('marks the analysis complete when every finding is triaged', () => {
    const base = sampleExportModel()
    const findings = base.findings.map((f) => ({ ...f, triageStatus: 'benign' as const }))

    expect(buildMispEvent({ ...base, findings }).Event.analysis).toBe('2')
  })

  it('keeps info on one line and within 256 characters', () => {
    const base = sampleExportModel()
    const model = { ...base, case: { ...base.case, name: `Bad\nname\r\t${'x'.repeat(400)}` } }

    const { info } = buildMispEvent(model).Event

    expect(info).not.toMatch(/[\r\n\t]/)
    expect(info.length).toBeLessThanOrEqual(256)
    expect(info.startsWith('Bad name ')).toBe(true)
  })

  it('correlates ids with the STIX export', () => {
    const model = sampleExportModel()

    const event = buildMispEvent(model)

    expect(objectsNamed(event, 'yara').map((o) => o.uuid)).toEqual(
      model.rules.map((r) => r.indicatorUuid),
    )
    expect(objectsNamed(event, 'file').map((o) => o.uuid)).toEqual(
      model.findings.map((f) => fileObjectUuid(f.uuid)),
    )
  })

  it('writes one yara object per rule with source, name, version and pack', () => {
    const model = sampleExportModel()

    const yara = objectsNamed(buildMispEvent(model), 'yara')

    expect(yara).toHaveLength(model.rules.length)
    const relations = yara[0]?.Attribute.map((a) => [a.object_relation, a.value, a.to_ids])
    expect(relations).toEqual([
      ['yara', model.rules[0]?.source, true],
      ['yara-rule-name', 'EXAMPLE_Loader_Config_String', false],
      ['version', '4.5', false],
      ['comment', 'outpost-default 1.0.0', false],
    ])
    expect(yara[0]?.Attribute[0]?.category).toBe('Payload installation')
  })

  it('writes one forensic-evidence object per evidence item', () => {
    const event = buildMispEvent(sampleExportModel())

    const evidence = objectsNamed(event, 'forensic-evidence')

    expect(evidence.map((o) => o.Attribute.map((a) => [a.object_relation, a.value]))).toEqual([
      [
        ['case-number', '2025-0042'],
        ['evidence-number', 'EV-2025-0042-01'],
        ['name', 'EV-2025-0042-01.E01'],
        [
          'additional-comments',
          'kind: file; format: ewf; size: 64424509440 bytes; MD5: d41d8cd98f00b204e9800998ecf8427e; ' +
            'SHA-1: da39a3ee5e6b4b0d3255bfef95601890afd80709; ' +
            'SHA-256: 994a4b2bcefcb30244f70f8576528b41b1e04310dbee90dbadb7af52d6df3542; ' +
            'not fully scanned (encrypted): 2; not fully scanned (block-mode): 1',
        ],
      ],
      [
        ['case-number', '2025-0042'],
        ['evidence-number', 'USB stick copy'],
        ['additional-comments', 'kind: folder; size: 2048 bytes'],
      ],
    ])
  })

  it('falls back to the case name when the case number is redacted', () => {
    const base = sampleExportModel()
    const model = { ...base, case: { ...base.case, caseNumber: null } }

    const evidence = objectsNamed(buildMispEvent(model), 'forensic-evidence')[0]

    expect(evidence?.Attribute[0]).toMatchObject({
      object_relation: 'case-number',
      value: 'Case 2025-0042',
    })
  })

  it('writes file objects with only the facts present, linked to rule and evidence', () => {
    const event = buildMispEvent(sampleExportModel())
    const [svc, , , unallocated] = objectsNamed(event, 'file')
    const evidence = objectsNamed(event, 'forensic-evidence')[0]

    expect(svc?.Attribute.map((a) => a.object_relation)).toEqual([
      'filename',
      'md5',
      'sha1',
      'sha256',
      'size-in-bytes',
      'mimetype',
      'fullpath',
      'text',
    ])
    expect(unallocated?.Attribute.map((a) => a.object_relation)).toEqual([
      'size-in-bytes',
      'fullpath',
    ])
    expect(svc?.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid])).toEqual([
      ['detected-by', '5dbcf965-264b-5244-85f8-e0ec97dea06b'],
      ['extracted-from', evidence?.uuid],
    ])
  })

  it('puts a finding note on its file object and a case note on the event', () => {
    const base = sampleExportModel()
    const caseNote = {
      ...base.notes[0]!,
      uuid: 'a'.repeat(8) + '-0000-5000-8000-' + '0'.repeat(12),
    }
    const model = {
      ...base,
      notes: [...base.notes, { ...caseNote, findingUuid: null, text: 'Case note' }],
    }

    const event = buildMispEvent(model)

    const svc = objectsNamed(event, 'file')[0]
    expect(svc?.Attribute.find((a) => a.object_relation === 'text')).toMatchObject({
      type: 'text',
      value: base.notes[0]?.text,
      comment: 'Analyst note by Analyst A, 2025-03-14T10:00:00.000Z',
    })
    expect(event.Event.Attribute).toEqual([
      expect.objectContaining({ type: 'comment', category: 'Other', value: 'Case note' }),
    ])
  })

  it('never marks a dismissed finding for IDS', () => {
    const base = sampleExportModel()
    const findings = base.findings.map((f) => ({ ...f, triageStatus: 'false-positive' as const }))

    const files = objectsNamed(buildMispEvent({ ...base, findings }), 'file')

    expect(files.flatMap((o) => o.Attribute).some((a) => a.to_ids)).toBe(false)
  })

  it('writes every scalar the RFC calls a string as a string', () => {
    const event = buildMispEvent(sampleExportModel())
    const { Event } = event

    const stringFields = [
      Event.uuid,
      Event.date,
      Event.timestamp,
      Event.publish_timestamp,
      Event.distribution,
      Event.sharing_group_id,
      Event.threat_level_id,
      Event.analysis,
      ...Event.Object.flatMap((o) => [
        o.template_version,
        o.timestamp,
        o.distribution,
        o.sharing_group_id,
        ...o.ObjectReference.map((r) => r.timestamp),
      ]),
      ...allAttributes(event).flatMap((a) => [a.value, a.timestamp, a.distribution, a.uuid]),
    ]
    expect(stringFields.every((v) => typeof v === 'string')).toBe(true)
    expect(typeof Event.published).toBe('boolean')
    expect(allAttributes(event).every((a) => typeof a.to_ids === 'boolean')).toBe(true)
    expect(Event.Object.every((o) => o.distribution === '5')).toBe(true)
    expect(allAttributes(event).every((a) => a.distribution === '5')).toBe(true)
  })

  it('keeps hostile values as data', () => {
    const event = buildMispEvent(sampleExportModel())

    const values = allAttributes(event).map((a) => a.value)

    expect(values).toContain('<img src=x onerror=alert(1)>.html')
    expect(values).toContain('Users/alice/Downloads/=cmd|calc!A1.txt')
    expect(objectsNamed(event, 'yara')[1]?.comment).toBe('<img src=x onerror=alert(1)> & "quotes"')
  })

  it('gives every attribute a deterministic, unique uuid', () => {
    const event = buildMispEvent(sampleExportModel())

    const uuids = [
      ...allAttributes(event).map((a) => a.uuid),
      ...event.Event.Object.map((o) => o.uuid),
      ...event.Event.Object.flatMap((o) => o.ObjectReference.map((r) => r.uuid)),
    ]

    expect(new Set(uuids).size).toBe(uuids.length)
  })

  it('passes its own semantic checks', () => {
    expect(checkMispEvent(buildMispEvent(sampleExportModel()))).toEqual([])
  })
})
