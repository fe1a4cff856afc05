import { describe, expect, it } from 'vitest'
import { TLP_LEVELS } from '../../../../main/core/model/tlp'
import {
  levelOfMarking,
  markingFor,
  TLP2_EXTENSION_ID,
} from '../../../../main/core/share/stix/tlp-markings'

describe('TLP 2.0 markings', () => {
  it.each([
    ['clear', 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', 'TLP:CLEAR'],
    ['green', 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', 'TLP:GREEN'],
    ['amber', 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', 'TLP:AMBER'],
    [
      'amber+strict',
      'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      'TLP:AMBER+STRICT',
    ],
    ['red', 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', 'TLP:RED'],
  ] as const)('%s is the official object %s named %s', (level, id, name) => {
    expect(JSON.stringify(markingFor(level))).toBe(
      JSON.stringify({
        type: 'marking-definition',
        spec_version: '2.1',
        id,
        created: '2022-10-01T00:00:00.000Z',
        name,
        extensions: {
          [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level },
        },
      }),
    )
  })

  it('maps every official id back to its level', () => {
    for (const level of TLP_LEVELS) expect(levelOfMarking(markingFor(level).id)).toBe(level)
  })

  it('knows no other id, TLP 1.0 included', () => {
    expect(levelOfMarking('marking-definition--f88d31f6-486f-44da-b317-01333bde0b82')).toBeNull()
    expect(levelOfMarking('identity--8b5e4410-e00e-5501-8569-80760d70b404')).toBeNull()
  })
})
