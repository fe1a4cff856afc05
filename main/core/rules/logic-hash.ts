import { createHash } from 'node:crypto'
import type { Token } from './yara-tokenizer'

/**
 * The version tag hashed in front of every logic hash.
 *
 * Changing how tokens are normalised changes every hash; bumping this makes that visible
 * instead of making every rule of every pack look "logic changed" in a diff.
 */
export const LOGIC_HASH_VERSION = 'outpost-logic/1'

/**
 * The canonical text of one token for the logic hash.
 *
 * Hex patterns lose their comments and whitespace and are upper-cased (`{ 4d 5a }` and
 * `{4D5A}` are the same pattern). Text and regex literals are kept byte for byte: whitespace
 * inside them is part of what they match.
 */
export function normaliseToken(token: Token): string {
  if (token.kind !== 'hex') return token.text
  return token.text
    .replace(/\/\/[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, '')
    .toUpperCase()
}

/**
 * SHA-256 (hex) of a rule's logic: the given tokens, normalised, joined by single spaces.
 *
 * The caller passes the rule's tokens without its name, tags and meta section, so that
 * renames, retags and meta-only edits keep the hash, and any change to the modifiers, the
 * patterns (identifiers included: they are what findings report) or the condition changes it.
 * Comments and whitespace never reach here because they are not tokens.
 */
export function computeLogicHash(tokens: readonly Token[]): string {
  const canonical = tokens.map(normaliseToken).join(' ')
  return createHash('sha256').update(`${LOGIC_HASH_VERSION}\n${canonical}`).digest('hex')
}
