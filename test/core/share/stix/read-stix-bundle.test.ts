import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../main/core/model/errors'
import { buildStixBundle } from '../../../../main/core/share/stix/build-stix-bundle'
import { readStixBundle } from '../../../../main/core/share/stix/read-stix-bundle'
import type { StixObject } from '../../../../main/core/share/stix/stix-objects'
import { sampleExportModel } from '../../../helpers/export-model-fixture'
import { FOREIGN_BUNDLE } from './foreign-bundle'

const BUNDLE_INVALID = expect.objectContaining({ code: 'BUNDLE_INVALID' }) as unknown

function fixtureJson(edit: (objects: StixObject[]) => StixObject[] = (o) => o): unknown {
  const bundle = buildStixBundle(sampleExportModel())
  return JSON.parse(JSON.stringify({ ...bundle, objects: edit([...bundle.objects]) }))
}

describe('readStixBundle on an Outpost bundle', () => {
  // Every field of evidence, rules, findings and notes round-trips. What the STIX part does not
  // carry (case, redaction, scans, coverage, withheld, audit, producer tool/key/examiner) travels
  // in manifest.json and the other bundle files, not here.
  it('reads back the evidence, rules, findings and notes of the model exactly', () => {
    const model = sampleExportModel()

    const read = readStixBundle(JSON.stringify(buildStixBundle(model)))

    expect(read.evidence).toEqual(model.evidence)
    expect(read.rules).toEqual(model.rules)
    expect(read.findings).toEqual(model.findings)
    expect(read.notes).toEqual(model.notes)
  })

  it('reads the header: producer, time, TLP and report name', () => {
    const read = readStixBundle(fixtureJson())

    expect(read).toMatchObject({
      bundleId: '9cbbf322-a386-59e8-89f0-df985ca3539f',
      producer: {
        name: 'Example National CERT - Forensic Cell',
        identityId: 'identity--8b5e4410-e00e-5501-8569-80760d70b404',
      },
      created: '2025-03-14T10:02:00.000Z',
      tlp: 'amber',
      reportName: 'Case 2025-0042: YARA triage of EV-2025-0042-01, USB stick copy',
    })
  })

  it('round-trips a case note, a redacted author and a red export', () => {
    const model = sampleExportModel({ tlp: 'red' })
    const notes = [{ ...model.notes[0]!, findingUuid: null, author: null, tlp: 'red' as const }]

    const read = readStixBundle(buildStixBundle({ ...model, notes }))

    expect(read.notes).toEqual(notes)
    expect(read.tlp).toBe('red')
  })

  it('ignores object types it does not know', () => {
    const custom = { type: 'x-thing', id: 'x-thing--11111111-1111-4111-8111-111111111111' }

    const read = readStixBundle(fixtureJson((objects) => [...objects, custom]))

    expect(read.findings).toHaveLength(4)
  })
})

describe('readStixBundle on another producer’s bundle', () => {
  it('takes what is there, with documented defaults', () => {
    const read = readStixBundle(FOREIGN_BUNDLE)

    expect(read.producer).toEqual({
      name: 'Example National CERT - Forensic Cell',
      identityId: 'identity--8b5e4410-e00e-4501-8569-80760d70b404',
    })
    expect(read.tlp).toBe('amber')
    expect(read.evidence).toEqual([
      {
        uuid: 'c7a5ab9c-ccda-5abb-bb9f-50c1914f723e',
        label: 'EV-2025-0042-01.E01',
        kind: 'file',
        format: null,
        fileName: 'EV-2025-0042-01.E01',
        sizeBytes: 64424509440,
        md5: null,
        sha1: null,
        sha256: '994a4b2bcefcb30244f70f8576528b41b1e04310dbee90dbadb7af52d6df3542',
      },
    ])
    expect(read.rules).toEqual([
      expect.objectContaining({
        key: 'partner:EXAMPLE_Loader_Config_String',
        namespace: 'partner',
        score: 0,
        tags: [],
        meta: {},
        ruleId: null,
        author: null,
        recordedAt: '2025-03-14T09:26:53.000Z',
        description: 'Example loader configuration marker',
      }),
    ])
    expect(read.rules[0]?.source).toMatch(/^rule EXAMPLE_Loader_Config_String/)
    expect(read.findings).toEqual([
      {
        uuid: 'c68b21fc-287c-4f93-ac27-388e4269df20',
        findingId: 1,
        ruleKey: 'partner:EXAMPLE_Loader_Config_String',
        evidenceUuid: 'c7a5ab9c-ccda-5abb-bb9f-50c1914f723e',
        tlp: 'amber',
        score: 0,
        triageStatus: 'new',
        seenAt: '2025-03-14T09:41:07.512Z',
        matchCount: 1,
        matches: [],
        file: {
          path: 'C:\\Users\\alice\\AppData\\Roaming\\Example/svc.dll',
          location: null,
          name: 'svc.dll',
          directory: 'C:\\Users\\alice\\AppData\\Roaming\\Example',
          sizeBytes: 44,
          md5: 'bf14b79cf60cddebbc4f38490cf7964d',
          sha1: '706fbca7c36d5be2ef3a464573dfaa3e6414abae',
          sha256: '6772e86d45045ea7be6bb520882d368c62f3000503bf444c4e0d6eba30ad44bc',
          mime: 'application/vnd.microsoft.portable-executable',
          deleted: false,
          unallocated: false,
          modified: null,
          accessed: null,
          changed: null,
          born: null,
        },
      },
    ])
    expect(read.notes).toEqual([
      {
        uuid: '052e8cfe-e912-4125-a2a3-04c645ee4da6',
        findingUuid: 'c68b21fc-287c-4f93-ac27-388e4269df20',
        author: 'Analyst A',
        created: '2025-03-14T10:02:00.000Z',
        modified: '2025-03-14T10:02:00.000Z',
        text: 'Rule matched svc.dll in evidence EV-2025-0042-01; file carved and hashed.',
        tlp: 'amber',
      },
    ])
  })

  it('reads a verdict from an opinion on the sighting', () => {
    const opinion = {
      type: 'opinion',
      spec_version: '2.1',
      id: 'opinion--22222222-2222-4222-8222-222222222222',
      created: '2025-03-14T10:02:00.000Z',
      modified: '2025-03-14T10:02:00.000Z',
      opinion: 'strongly-disagree',
      object_refs: ['sighting--c68b21fc-287c-4f93-ac27-388e4269df20'],
    }

    const read = readStixBundle({
      ...FOREIGN_BUNDLE,
      objects: [...FOREIGN_BUNDLE.objects, opinion],
    })

    expect(read.findings[0]?.triageStatus).toBe('false-positive')
  })
})

const without = (o: StixObject, key: string): StixObject =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== key)) as StixObject

describe('readStixBundle on partial or versioned bundles', () => {
  const objects = (): StixObject[] => [...FOREIGN_BUNDLE.objects]

  it('keeps the latest version of an object listed twice', () => {
    const note = objects().find((o) => o.type === 'note')!
    const newer = { ...note, modified: '2025-03-15T00:00:00.000Z', content: 'Updated.' }

    const read = readStixBundle({ ...FOREIGN_BUNDLE, objects: [...objects(), newer] })

    expect(read.notes).toEqual([expect.objectContaining({ text: 'Updated.' })])
  })

  it('skips sightings of indicators that are not YARA', () => {
    const edited = objects().map((o) =>
      o.type === 'indicator' ? { ...o, pattern_type: 'stix', pattern: "[file:name = 'a']" } : o,
    )

    const read = readStixBundle({ ...FOREIGN_BUNDLE, objects: edited })

    expect(read.rules).toEqual([])
    expect(read.findings).toEqual([])
  })

  it('files a sighting without observed-data under a placeholder evidence item', () => {
    const edited = objects().map((o) =>
      o.type === 'sighting' ? without(o, 'observed_data_refs') : o,
    )

    const read = readStixBundle({ ...FOREIGN_BUNDLE, objects: edited })
    const placeholder = read.evidence.find((e) => e.label === '(evidence not named in the bundle)')

    expect(placeholder).toBeDefined()
    expect(read.findings[0]).toMatchObject({
      evidenceUuid: placeholder?.uuid,
      file: { name: '', directory: '/', sizeBytes: 0 },
    })
  })

  it('reads a bundle without report or markings', () => {
    const edited = objects()
      .filter((o) => o.type !== 'report' && o.type !== 'marking-definition')
      .map((o) => without(o, 'object_marking_refs'))

    const read = readStixBundle({ ...FOREIGN_BUNDLE, objects: edited })

    expect(read).toMatchObject({ tlp: null, reportName: null, created: null })
    expect(read.findings[0]?.tlp).toBe('amber')
  })
})

describe('readStixBundle refuses hostile input with BUNDLE_INVALID', () => {
  const sightingOf = (ref: string) => (objects: StixObject[]) =>
    objects.map((o) => (o.type === 'sighting' ? { ...o, sighting_of_ref: ref } : o))

  it.each<[string, () => unknown]>([
    ['text that is not JSON', () => '{"type":"bundle",'],
    ['a value that is not a bundle', () => ({ type: 'report' })],
    ['objects that are not a list', () => ({ ...(fixtureJson() as object), objects: {} })],
    [
      'a __proto__ key',
      (): unknown =>
        JSON.parse(
          JSON.stringify(fixtureJson()).replace(
            '"type":"identity"',
            '"__proto__":{"polluted":1},"type":"identity"',
          ),
        ),
    ],
    [
      'a 10 MB string',
      () => fixtureJson((o) => [...o, { ...o[0]!, name: 'a'.repeat(10 * 1024 * 1024) }]),
    ],
    [
      'a dangling sighting_of_ref',
      () => fixtureJson(sightingOf('indicator--00000000-0000-4000-8000-000000000000')),
    ],
    [
      'a dangling observed-data ref',
      () =>
        fixtureJson((objects) =>
          objects.filter((o) => o.type !== 'directory' || !String(o.path).startsWith('docs')),
        ),
    ],
    [
      'a dangling note ref',
      () =>
        fixtureJson((objects) =>
          objects.map((o) =>
            o.type === 'note'
              ? { ...o, object_refs: ['sighting--00000000-0000-4000-8000-000000000000'] }
              : o,
          ),
        ),
    ],
    [
      'an unknown key in x_outpost_finding',
      () =>
        fixtureJson((objects) =>
          objects.map((o) =>
            o.type === 'sighting'
              ? { ...o, x_outpost_finding: { ...(o.x_outpost_finding as object), extra: 1 } }
              : o,
          ),
        ),
    ],
    [
      'a finding naming evidence the bundle lacks',
      () =>
        fixtureJson((objects) =>
          objects.map((o) =>
            o.type === 'sighting'
              ? {
                  ...o,
                  x_outpost_finding: {
                    ...(o.x_outpost_finding as object),
                    evidence_uuid: '00000000-0000-4000-8000-000000000000',
                  },
                }
              : o,
          ),
        ),
    ],
    [
      'a timestamp that is not one',
      () =>
        fixtureJson((objects) =>
          objects.map((o) => (o.type === 'note' ? { ...o, created: 'yesterday' } : o)),
        ),
    ],
    [
      'nesting 100,000 levels deep',
      () => {
        let deep: unknown = 'x'
        for (let i = 0; i < 100_000; i++) deep = [deep]
        const bundle = fixtureJson() as { objects: unknown[] }
        const id = 'x-deep--11111111-1111-4111-8111-111111111111'
        return { ...bundle, objects: [...bundle.objects, { type: 'x-deep', id, x_deep: deep }] }
      },
    ],
    [
      'JSON text nesting 100,000 levels deep',
      () => `[${'['.repeat(100_000)}${']'.repeat(100_000)}]`,
    ],
  ])('%s', (_what, input) => {
    const value = input()

    expect(() => readStixBundle(value)).toThrow(AppError)
    expect(() => readStixBundle(value)).toThrow(BUNDLE_INVALID)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
