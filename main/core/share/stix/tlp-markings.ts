import type { TlpLevel } from '../../model/tlp'
import { tlpLabel } from '../../model/tlp'

/** The OASIS TLP 2.0 extension-definition every TLP 2.0 marking carries. */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d'

/** The official marking-definition ids (cti-stix-common-objects), per level. */
export const TLP2_MARKING_IDS: Readonly<Record<TlpLevel, string>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
}

/**
 * The TLP 1.0 marking ids predefined in STIX 2.1, mapped to the TLP 2.0 level a reader uses.
 *
 * We never emit them; a partner's older tool may. WHITE became CLEAR.
 */
export const TLP1_MARKING_LEVELS: Readonly<Record<string, TlpLevel>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
}

/** A TLP 2.0 marking-definition object, key for key as the official one. */
export interface TlpMarking {
  readonly type: 'marking-definition'
  readonly spec_version: '2.1'
  readonly id: string
  readonly created: '2022-10-01T00:00:00.000Z'
  readonly name: string
  readonly extensions: {
    readonly [TLP2_EXTENSION_ID]: {
      readonly extension_type: 'property-extension'
      readonly tlp_2_0: TlpLevel
    }
  }
}

/**
 * The official TLP 2.0 marking-definition for a level, exactly as OASIS publishes it.
 *
 * misp-stix derives the MISP tag by lower-casing `name`, so it must be exact (`TLP:AMBER+STRICT`).
 */
export function markingFor(level: TlpLevel): TlpMarking {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: tlpLabel(level),
    extensions: {
      [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level },
    },
  }
}

/**
 * The TLP 2.0 level of an official marking-definition id, or null for any other id.
 *
 * TLP 1.0 ids are not TLP 2.0 markings (see {@link TLP1_MARKING_LEVELS}).
 */
export function levelOfMarking(id: string): TlpLevel | null {
  for (const [level, markingId] of Object.entries(TLP2_MARKING_IDS)) {
    if (markingId === id) return level as TlpLevel
  }
  return null
}
