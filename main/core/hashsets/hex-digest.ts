import type { HashAlgo } from './hash-set-types'

const ALGO_BY_HEX_LENGTH: ReadonlyMap<number, HashAlgo> = new Map([
  [32, 'md5'],
  [40, 'sha1'],
  [64, 'sha256'],
])

const HEX = /^[0-9a-fA-F]+$/

/** The algorithm a hex digest of this length belongs to, or null (MD5 32, SHA-1 40, SHA-256 64). */
export function algoOfHex(hex: string): HashAlgo | null {
  return HEX.test(hex) ? (ALGO_BY_HEX_LENGTH.get(hex.length) ?? null) : null
}

/** The raw bytes of a hex digest of `algo`, or null when it is not one. */
export function digestBytes(hex: string | null | undefined, algo: HashAlgo): Buffer | null {
  if (typeof hex !== 'string') return null
  const text = hex.trim()
  return algoOfHex(text) === algo ? Buffer.from(text, 'hex') : null
}

/**
 * The algorithm named by a column header or a STIX hash key: `MD5`, `SHA-1`, `sha_256`,
 * `SHA256`… (case, `-` and `_` ignored), or null.
 */
export function algoOfName(name: string): HashAlgo | null {
  switch (name.toLowerCase().replace(/[-_\s]/g, '')) {
    case 'md5':
      return 'md5'
    case 'sha1':
      return 'sha1'
    case 'sha256':
      return 'sha256'
    default:
      return null
  }
}
