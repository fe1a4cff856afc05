/** The longest tag (main's `MAX_TAG_CHARS`). */
export const MAX_TAG_CHARS = 64

/** A typed tag, normalised as main stores it, or why it cannot be one. */
export type TagInput = { readonly tag: string } | { readonly error: string }

/**
 * Normalise what the analyst typed like main's `normaliseTag` does (trim, lower-case, spaces
 * → `-`, 1–64 of `a-z 0-9 . _ : -`), so a bad tag is refused before any call. Main checks again.
 */
export function normaliseTagInput(raw: string): TagInput {
  const tag = raw.trim().toLowerCase().replace(/\s+/g, '-')
  if (tag === '') return { error: 'Type a tag first.' }
  if (tag.length > MAX_TAG_CHARS) {
    return {
      error: `A tag holds at most ${MAX_TAG_CHARS} characters (this one has ${tag.length}).`,
    }
  }
  if (!/^[a-z0-9._:-]+$/.test(tag)) {
    return {
      error:
        'A tag holds letters a-z, digits and . _ : - only (spaces become -). Change it and press Enter.',
    }
  }
  return { tag }
}
