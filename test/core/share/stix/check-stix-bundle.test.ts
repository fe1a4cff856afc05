import { describe, expect, it } from 'vitest'
import { buildStixBundle } from '../../../../main/core/share/stix/build-stix-bundle'
import { checkStixBundle } from '../../../../main/core/share/stix/check-stix-bundle'
import type { StixBundle, StixObject } from '../../../../main/core/share/stix/stix-objects'
import { sampleExportModel } from '../../../helpers/export-model-fixture'

type Edit = (objects: StixObject[]) => StixObject[]

/** The fixture's bundle with `edit` applied to its objects. */
function edited(edit: Edit): StixBundle {
  const bundle = buildStixBundle(sampleExportModel())
  return { ...bundle, objects: edit(structuredClone([...bundle.objects])) }
}

const change =
  (type: string, patch: (o: StixObject) => StixObject, nth = 0): Edit =>
  (objects) => {
    let seen = -1
    return objects.map((o) => (o.type === type && ++seen === nth ? patch(o) : o))
  }

const check = (bundle: unknown): string[] => checkStixBundle(bundle, { expectedTlp: 'amber' })

describe('checkStixBundle finds', () => {
  it.each<[string, Edit, RegExp]>([
    [
      'a dangling ref',
      change('sighting', (o) => ({
        ...o,
        sighting_of_ref: 'indicator--00000000-0000-4000-8000-000000000000',
      })),
      /sighting_of_ref indicator--0+-0+-4000-8000-0+ does not resolve/,
    ],
    [
      'a missing marking',
      change('indicator', ({ object_marking_refs: _, ...o }) => o),
      /indicator--.*: object_marking_refs must be exactly/,
    ],
    [
      'a second marking',
      change('file', (o) => ({
        ...o,
        object_marking_refs: [
          'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
          'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
        ],
      })),
      /file--.*: object_marking_refs must be exactly/,
    ],
    [
      'modified before created',
      change('note', (o) => ({ ...o, modified: '2025-03-14T09:59:59.999Z' })),
      /note--.*: modified must be at or after created/,
    ],
    [
      'last_seen before first_seen',
      change('sighting', (o) => ({ ...o, last_seen: '2025-03-14T09:41:07.511Z' })),
      /last_seen must be at or after first_seen/,
    ],
    [
      'last_observed before first_observed',
      change('observed-data', (o) => ({ ...o, last_observed: '2024-01-01T00:00:00.000Z' })),
      /last_observed must be at or after first_observed/,
    ],
    [
      'a day that does not exist',
      change('indicator', (o) => ({ ...o, valid_from: '2025-02-30T00:00:00.000Z' })),
      /valid_from is not a real UTC timestamp/,
    ],
    [
      'a wrong hash key',
      change('file', (o) => ({ ...o, hashes: { SHA256: 'a'.repeat(64) } })),
      /hash key SHA256 is not one of/,
    ],
    [
      'a short hash',
      change('file', (o) => ({ ...o, hashes: { 'SHA-256': 'abcd' } }), 1),
      /SHA-256 is not 64 hex digits/,
    ],
    [
      'two reports',
      (objects) => [...objects, ...objects.filter((o) => o.type === 'report')],
      /exactly one report, not 2/,
    ],
    [
      'a grouping',
      (objects) => [
        ...objects,
        {
          type: 'grouping',
          id: 'grouping--11111111-1111-4111-8111-111111111111',
          spec_version: '2.1',
        },
      ],
      /must not hold a grouping/,
    ],
    [
      'a duplicate id',
      (objects) => [...objects, objects.find((o) => o.type === 'note')!],
      /note--.*: duplicate id/,
    ],
    [
      'an SCO id that is not the deterministic one',
      change('directory', (o) => ({ ...o, path: 'somewhere/else' })),
      /SCO id must be the deterministic directory--/,
    ],
    [
      'a custom property without x_',
      change('sighting', (o) => ({ ...o, case_id: 'x' })),
      /custom property case_id must start with x_/,
    ],
    [
      'an upper-case vocabulary value',
      change('indicator', (o) => ({ ...o, indicator_types: ['Malicious-Activity'] })),
      /indicator_types value "Malicious-Activity" is not lowercase-with-hyphens/,
    ],
    [
      'a parent_directory_ref to a file',
      change('file', (o) => ({ ...o, parent_directory_ref: o.id }), 2),
      /parent_directory_ref must point at a directory, not file/,
    ],
    [
      'where_sighted_refs to an indicator',
      (objects) => {
        const indicator = objects.find((o) => o.type === 'indicator')!
        return change('sighting', (o) => ({ ...o, where_sighted_refs: [indicator.id] }))(objects)
      },
      /where_sighted_refs must point at an identity or location, not indicator/,
    ],
    [
      'a sighting of a sighting',
      change('sighting', (o) => ({ ...o, sighting_of_ref: o.id })),
      /sighting_of_ref must point at an SDO, not sighting/,
    ],
    [
      'an object the report does not list',
      change('report', (o) => ({ ...o, object_refs: (o.object_refs as string[]).slice(1) })),
      /object_refs must list identity--/,
    ],
    [
      'a changed marking object',
      change('marking-definition', (o) => ({ ...o, name: 'TLP:AMBER ' })),
      /differs from the official TLP:AMBER object/,
    ],
    [
      'an id of the wrong type',
      change('note', (o) => ({ ...o, id: o.id.replace('note--', 'opinion--') })),
      /id must be note--<uuid>/,
    ],
  ])('%s', (_what, edit, expected) => {
    const problems = check(edited(edit))

    expect(
      problems.some((p) => expected.test(p)),
      problems.join('\n'),
    ).toBe(true)
  })

  it('a marking of the wrong level', () => {
    const bundle = buildStixBundle(sampleExportModel())

    expect(checkStixBundle(bundle, { expectedTlp: 'red' })).toContain(
      'bundle: the TLP marking marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1 is missing',
    )
  })

  it.each<[string, unknown, string]>([
    ['not an object', 'bundle', 'the bundle is not a JSON object'],
    ['a wrong type', { type: 'x', id: 'bundle--x', objects: [] }, 'bundle: type must be "bundle"'],
    [
      'no objects',
      { type: 'bundle', id: 'bundle--9cbbf322-a386-59e8-89f0-df985ca3539f', objects: [] },
      'bundle: objects must be a non-empty array',
    ],
    [
      'an object without an id',
      {
        type: 'bundle',
        id: 'bundle--9cbbf322-a386-59e8-89f0-df985ca3539f',
        objects: [{ type: 'report' }],
      },
      'objects[0]: not an object with a string type and id',
    ],
  ])('a broken envelope: %s', (_what, bundle, expected) => {
    expect(check(bundle)).toContain(expected)
  })
})
