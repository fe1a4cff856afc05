import type { Responder } from '../fake-bridge'
import { fail, ok } from '../fake-bridge'

/** A fake file for the hex view: byte `i` is `i & 0xff`, except where `planted` says. */
export function fakeFile(
  sizeBytes: number,
  planted: Readonly<Record<number, readonly number[]>> = {},
): { byteAt: (offset: number) => number; read: Responder<'files:read'> } {
  const byteAt = (offset: number): number => {
    for (const [at, bytes] of Object.entries(planted)) {
      const index = offset - Number(at)
      const byte = bytes[index]
      if (index >= 0 && byte !== undefined) return byte
    }
    return offset & 0xff
  }
  const read: Responder<'files:read'> = (input) => {
    const { fileId, offset, length } = input as { fileId: number; offset: number; length: number }
    if (length < 1 || length > 65_536) return fail('INVALID_INPUT', `bad length ${length}`)
    const end = Math.min(sizeBytes, offset + length)
    const bytes = Array.from({ length: Math.max(0, end - offset) }, (_, i) => byteAt(offset + i))
    return ok({
      fileId,
      offset,
      bytesHex: bytes.map((b) => b.toString(16).padStart(2, '0')).join(''),
      sizeBytes,
    })
  }
  return { byteAt, read }
}
