import { AppError } from './errors'

/** The most tags one call adds and removes together. */
export const MAX_TAGS_PER_CALL = 20
/** The longest tag (the `finding_tags.tag` check). */
export const MAX_TAG_CHARS = 64

const TAG_PATTERN = /^[a-z0-9._:-]+$/

/** A tag and how many findings carry it. */
export interface TagCount {
  readonly tag: string
  readonly count: number
}

/**
 * A tag as stored: trimmed, lower-case, runs of spaces as one `-` (`"Lateral Movement"` →
 * `lateral-movement`), 1–64 characters of `a-z 0-9 . _ : -`.
 *
 * @throws AppError INVALID_INPUT naming the tag and what is wrong with it.
 */
export function normaliseTag(raw: string): string {
  const tag = raw.trim().toLowerCase().replace(/\s+/g, '-')
  if (tag === '') throw new AppError('INVALID_INPUT', 'A tag cannot be empty.')
  if (tag.length > MAX_TAG_CHARS) {
    throw new AppError(
      'INVALID_INPUT',
      `The tag "${tag.slice(0, 20)}…" is ${tag.length} characters long: a tag holds at most ${MAX_TAG_CHARS}.`,
    )
  }
  if (!TAG_PATTERN.test(tag)) {
    throw new AppError(
      'INVALID_INPUT',
      `The tag "${tag}" has characters a tag cannot hold: use letters a-z, digits and . _ : - (spaces become -).`,
    )
  }
  return tag
}
