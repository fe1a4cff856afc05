import { fileTypeFromBuffer } from 'file-type'

/**
 * The MIME type of content from its leading bytes (file-type), or `text/plain` for text, or null.
 *
 * file-type only knows binary formats; text is recognised here as valid UTF-8 without NUL bytes
 * in the first 8 KiB, which is enough to tell scripts and web shells from binary blobs.
 */
export async function detectMimeType(head: Uint8Array): Promise<string | null> {
  if (head.length === 0) return null
  const detected = await fileTypeFromBuffer(head)
  if (detected) return detected.mime
  return looksLikeText(head.subarray(0, 8192)) ? 'text/plain' : null
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false
  try {
    // `stream` lets a character cut at the 8 KiB edge pass; a fresh decoder keeps no state.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
    return true
  } catch {
    return false
  }
}
