import { describe, expect, it } from 'vitest'
import { validateSource } from '../../../../main/core/engine/yara-engine'
import { buildStixBundle } from '../../../../main/core/share/stix/build-stix-bundle'
import {
  checkStixBundle,
  checkYaraPatterns,
} from '../../../../main/core/share/stix/check-stix-bundle'
import type { StixObject } from '../../../../main/core/share/stix/stix-objects'
import { markingFor } from '../../../../main/core/share/stix/tlp-markings'
import { sampleExportModel } from '../../../helpers/export-model-fixture'

const compileAlone = (source: string): string[] =>
  validateSource({ source, namespace: 'x', displayName: 'pattern' }, [])
    .filter((d) => d.severity === 'error')
    .map((d) => d.message)

const ofType = (objects: readonly StixObject[], type: string): StixObject[] =>
  objects.filter((o) => o.type === type)

describe('buildStixBundle', () => {
  it('builds a bundle our MUST checks accept', () => {
    const bundle = buildStixBundle(sampleExportModel())

    expect(checkStixBundle(bundle, { expectedTlp: 'amber' })).toEqual([])
  })

  it('gives the same JSON text for the same model', () => {
    const once = JSON.stringify(buildStixBundle(sampleExportModel()))
    const twice = JSON.stringify(buildStixBundle(sampleExportModel()))

    expect(twice).toBe(once)
  })

  it('marks every object but the marking with the export TLP, at every level', () => {
    for (const tlp of ['clear', 'green', 'amber', 'amber+strict', 'red'] as const) {
      const bundle = buildStixBundle(sampleExportModel({ tlp }))
      const marking = markingFor(tlp)

      expect(bundle.objects.filter((o) => o.type === 'marking-definition')).toEqual([marking])
      for (const o of bundle.objects.filter((x) => x.type !== 'marking-definition'))
        expect(o.object_marking_refs).toEqual([marking.id])
      expect(checkStixBundle(bundle, { expectedTlp: tlp })).toEqual([])
    }
  })

  it('has one report over every other object but the marking', () => {
    const model = sampleExportModel()
    const bundle = buildStixBundle(model)
    const [report, ...others] = ofType(bundle.objects, 'report')

    expect(others).toEqual([])
    expect(report).toMatchObject({
      name: 'Case 2025-0042: YARA triage of EV-2025-0042-01, USB stick copy',
      published: model.created,
      report_types: ['threat-report'],
    })
    const expected = bundle.objects
      .filter((o) => o.type !== 'report' && o.type !== 'marking-definition')
      .map((o) => o.id)
    expect(report?.object_refs).toEqual(expected)
    expect(bundle.id).toBe(`bundle--${model.bundleId}`)
  })

  it('writes one yara indicator per rule with its pack and score', () => {
    const bundle = buildStixBundle(sampleExportModel())
    const [loader, hostile] = ofType(bundle.objects, 'indicator')

    expect(loader).toMatchObject({
      id: 'indicator--5dbcf965-264b-5244-85f8-e0ec97dea06b',
      pattern_type: 'yara',
      pattern_version: '4.5',
      valid_from: '2025-03-14T09:26:53.000Z',
      indicator_types: ['malicious-activity'],
      external_references: [
        {
          source_name: 'outpost-rule-pack',
          description: 'outpost-default 1.0.0',
          external_id: 'b'.repeat(64),
        },
      ],
      x_outpost_rule: { namespace: 'outpost_default', score: 80, tags: ['loader'] },
    })
    expect(hostile).toMatchObject({ indicator_types: ['anomalous-activity'] })
  })

  it('compiles every indicator pattern on its own with yara-x', () => {
    const bundle = buildStixBundle(sampleExportModel())

    expect(ofType(bundle.objects, 'indicator')).toHaveLength(2)
    expect(checkYaraPatterns(bundle, compileAlone)).toEqual([])
  })

  it('reports a pattern that needs something outside itself', () => {
    const model = sampleExportModel()
    const [first, second] = model.rules
    if (first === undefined || second === undefined) throw new Error('fixture changed')
    const broken = { ...second, source: 'rule Needs_Helper { condition: Helper_Private }' }
    const bundle = buildStixBundle({ ...model, rules: [first, broken] })

    const problems = checkYaraPatterns(bundle, compileAlone)

    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^indicator--6e0a1b2c-3d4e-5f60-8172-839405a6b7c8: /)
  })

  it('describes each finding with file, directory, observed-data and sighting', () => {
    const bundle = buildStixBundle(sampleExportModel())
    const byId = new Map(bundle.objects.map((o) => [o.id, o]))
    const sighting = ofType(bundle.objects, 'sighting')[0]
    const observed = byId.get(String((sighting?.observed_data_refs as string[])[0]))
    const [evidence, directory, file] = (observed?.object_refs as string[]).map((id) =>
      byId.get(id),
    )

    expect(sighting).toMatchObject({
      id: 'sighting--c68b21fc-287c-5f93-ac27-388e4269df20',
      first_seen: '2025-03-14T09:41:07.512Z',
      count: 1,
      x_outpost_finding: { finding_id: 1, triage_status: 'confirmed', tlp: 'amber' },
    })
    expect(evidence).toMatchObject({ type: 'file', name: 'EV-2025-0042-01.E01' })
    expect(evidence?.contains_refs).toContain(file?.id)
    expect(directory).toMatchObject({
      path: 'volume 2 (NTFS) › ntfs "OS"/Users/alice/AppData/Roaming/Example',
    })
    expect(file).toMatchObject({
      name: 'svc.dll',
      size: 44,
      hashes: {
        MD5: 'bf14b79cf60cddebbc4f38490cf7964d',
        'SHA-1': '706fbca7c36d5be2ef3a464573dfaa3e6414abae',
        'SHA-256': '6772e86d45045ea7be6bb520882d368c62f3000503bf444c4e0d6eba30ad44bc',
      },
      mime_type: 'application/vnd.microsoft.portable-executable',
      parent_directory_ref: directory?.id,
      mtime: '2025-03-10T08:00:00.123Z',
    })
  })

  it('names a block of unallocated space without hashes', () => {
    const bundle = buildStixBundle(sampleExportModel())
    const block = ofType(bundle.objects, 'file').find((o) => o.name === '0x00100000-0x01100000')

    expect(block).toBeDefined()
    expect(block).not.toHaveProperty('hashes')
    expect(block).not.toHaveProperty('mtime')
  })

  it('makes a folder evidence a directory and keeps its case facts', () => {
    const bundle = buildStixBundle(sampleExportModel())
    const folder = ofType(bundle.objects, 'directory').find((o) => o.path === 'USB stick copy')

    expect(folder).toMatchObject({
      x_outpost_evidence: { uuid: '7c1e3d5f-9b8a-4c6d-8e0f-1a2b3c4d5e6f', kind: 'folder' },
    })
    expect(folder?.contains_refs).toHaveLength(1)
  })

  it('turns the analyst note into a note on its sighting and the verdict into an opinion', () => {
    const bundle = buildStixBundle(sampleExportModel())

    expect(ofType(bundle.objects, 'note')).toEqual([
      expect.objectContaining({
        abstract: 'Rule matched svc.dll; loader config present. <b>not bold</b>',
        authors: ['Analyst A'],
        object_refs: ['sighting--c68b21fc-287c-5f93-ac27-388e4269df20'],
        created: '2025-03-14T10:00:00.000Z',
      }),
    ])
    expect(ofType(bundle.objects, 'opinion')).toEqual([
      expect.objectContaining({
        opinion: 'agree',
        object_refs: ['sighting--c68b21fc-287c-5f93-ac27-388e4269df20'],
      }),
    ])
  })

  it('points a case note at the report and leaves out a redacted author', () => {
    const model = sampleExportModel()
    const note = { ...model.notes[0]!, findingUuid: null, author: null }
    const bundle = buildStixBundle({ ...model, notes: [note] })
    const [report] = ofType(bundle.objects, 'report')

    expect(ofType(bundle.objects, 'note')[0]).toMatchObject({ object_refs: [report?.id] })
    expect(ofType(bundle.objects, 'note')[0]).not.toHaveProperty('authors')
    expect(checkStixBundle(bundle, { expectedTlp: 'amber' })).toEqual([])
  })

  it('writes one SCO for a file hit by two rules', () => {
    const model = sampleExportModel()
    const first = model.findings[0]!
    const again = { ...first, uuid: 'a1b2c3d4-e5f6-5a7b-8c9d-0e1f2a3b4c5d', findingId: 9 }
    const bundle = buildStixBundle({ ...model, findings: [...model.findings, again] })

    expect(ofType(bundle.objects, 'sighting')).toHaveLength(5)
    expect(checkStixBundle(bundle, { expectedTlp: 'amber' })).toEqual([])
  })

  it('builds an empty export (no evidence, rules or findings)', () => {
    const model = sampleExportModel({ evidence: [], rules: [], findings: [], notes: [] })
    const bundle = buildStixBundle(model)

    expect(bundle.objects.map((o) => o.type)).toEqual(['identity', 'marking-definition', 'report'])
    expect(checkStixBundle(bundle, { expectedTlp: 'amber' })).toEqual([])
  })
})
