const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
// eslint-disable-next-line no-control-regex -- control characters are exactly what it matches
const UNPRINTABLE = /[\u0000-\u001f\u007f/]/g

/**
 * UTF-16LE code units (as stored in FAT long names and exFAT names) as a string: cut at the
 * first NUL, unpaired surrogates replaced by U+FFFD, then made safe as a path component.
 */
export function utf16Name(units: Buffer): string {
  let text = units.toString('utf16le')
  const nul = text.indexOf('\u0000')
  if (nul >= 0) text = text.slice(0, nul)
  return safeName(text.replace(LONE_SURROGATE, '\uFFFD'))
}

/**
 * A name made safe as one path component: control characters and `/` become `^` (TSK shows
 * control characters so), so a hostile name can neither hide characters nor invent a level.
 */
export function safeName(name: string): string {
  return name.replace(UNPRINTABLE, '^')
}

/** `parent` + `/` + `name`, for paths that start with `/`. */
export function joinPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`
}
