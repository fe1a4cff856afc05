import { describe, expect, it } from 'vitest'
import { OUTPOST_UUID_NAMESPACE, uuidV5 } from '../../../../main/core/crypto/uuid'
import {
  chooseOneHash,
  derivedSdoId,
  scoId,
  sdoId,
} from '../../../../main/core/share/stix/stix-ids'

/** python-stix2 test_deterministic_ids.py::test_id_gen_recursive_dict_conversion_1. */
const PYTHON_STIX2_FILE = {
  type: 'file',
  name: 'example.exe',
  size: 68 * 1000,
  magic_number_hex: '50000000',
  hashes: { 'SHA-256': '841a8921140aba50671ebb0770fecc4ee308c4952cfeff8de154ab14eeef4649' },
  extensions: {
    'windows-pebinary-ext': {
      pe_type: 'exe',
      machine_hex: '014c',
      sections: [
        {
          name: '.data',
          size: 4096,
          entropy: 7.980693,
          hashes: { 'SHA-256': '6e3b6f3978e5cd96ba7abee35c24e867b7e64072e2ecb22d0ee7a6e6af6894d0' },
        },
      ],
    },
  },
}

describe('scoId', () => {
  it('gives the python-stix2 id for its recursive-dict file vector', () => {
    expect(scoId('file', PYTHON_STIX2_FILE)).toBe('file--ced31cd4-bdcb-537d-aefa-92d291bfc11d')
  })

  it('gives the ids of the example bundle in sharing-formats §1.6', () => {
    const directory = 'directory--467ef160-bd20-5088-8b50-dda1eff3527f'
    expect(scoId('directory', { path: 'C:\\Users\\alice\\AppData\\Roaming\\Example' })).toBe(
      directory,
    )
    const file = scoId('file', {
      name: 'svc.dll',
      hashes: {
        MD5: 'bf14b79cf60cddebbc4f38490cf7964d',
        'SHA-1': '706fbca7c36d5be2ef3a464573dfaa3e6414abae',
        'SHA-256': '6772e86d45045ea7be6bb520882d368c62f3000503bf444c4e0d6eba30ad44bc',
      },
      parent_directory_ref: directory,
    })
    expect(file).toBe('file--0b7874ab-3810-573c-b130-425c2eae60a4')
  })

  it('ignores properties that do not contribute to the id', () => {
    const base = { name: 'a.exe', hashes: { MD5: 'a'.repeat(32) } }
    expect(scoId('file', { ...base, size: 1, mime_type: 'x/y' })).toBe(scoId('file', base))
  })

  it('uses only one hash, so adding a weaker-ranked hash keeps the id', () => {
    const md5 = { name: 'a', hashes: { MD5: 'a'.repeat(32) } }
    const more = { name: 'a', hashes: { 'SHA-256': 'b'.repeat(64), MD5: 'a'.repeat(32) } }
    expect(scoId('file', more)).toBe(scoId('file', md5))
  })

  it('returns null for unknown types and objects without contributing properties', () => {
    expect(scoId('process', { pid: 4 })).toBeNull()
    expect(scoId('file', { size: 3 })).toBeNull()
  })
})

describe('chooseOneHash', () => {
  it.each([
    [{ 'SHA-512': 'd', 'SHA-256': 'c', 'SHA-1': 'b', MD5: 'a' }, { MD5: 'a' }],
    [{ 'SHA-512': 'd', 'SHA-256': 'c', 'SHA-1': 'b' }, { 'SHA-1': 'b' }],
    [{ 'SHA-512': 'd', 'SHA-256': 'c' }, { 'SHA-256': 'c' }],
    [{ 'SHA-512': 'd' }, { 'SHA-512': 'd' }],
    [{ TLSH: 't', SSDEEP: 's' }, { TLSH: 't' }],
    [{}, null],
  ])('picks from %j: %j', (hashes, expected) => {
    expect(chooseOneHash(hashes)).toEqual(expected)
  })
})

describe('SDO ids', () => {
  it('prefix the model uuid with the type', () => {
    expect(sdoId('indicator', '5DBCF965-264B-5244-85F8-E0EC97DEA06B')).toBe(
      'indicator--5dbcf965-264b-5244-85f8-e0ec97dea06b',
    )
  })

  it('derive a v5 id from the type and a model uuid in the Outpost namespace', () => {
    const uuid = 'c68b21fc-287c-5f93-ac27-388e4269df20'
    const id = derivedSdoId('observed-data', uuid)
    expect(id).toBe(`observed-data--${uuidV5(`observed-data:${uuid}`, OUTPOST_UUID_NAMESPACE)}`)
    expect(id).toMatch(/^observed-data--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-/)
    expect(derivedSdoId('opinion', uuid)).not.toBe(`opinion--${uuidOfSame(id)}`)
  })
})

function uuidOfSame(id: string): string {
  return id.slice(id.indexOf('--') + 2)
}
