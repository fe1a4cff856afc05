import { createReadStream } from 'node:fs'

/** One line of a text file: its 1-based number and text without the line ending. */
export interface TextLine {
  readonly number: number
  readonly text: string
  /** The line was longer than the cap; its text was dropped to keep memory bounded. */
  readonly tooLong: boolean
}

/** Longest line kept, in bytes; longer ones are reported as bad, not buffered. */
export const MAX_LINE_BYTES = 64 * 1024

const CHUNK_BYTES = 1024 * 1024
const NEWLINE = 0x0a

/**
 * The lines of a file, a chunk's worth at a time, in bounded memory.
 *
 * Lines end at LF (a trailing CR is dropped, so CRLF files read the same); the text is UTF-8
 * (splitting on the LF byte is safe: it never occurs inside a multi-byte sequence), and a
 * leading byte-order mark is removed. At most one chunk plus one line is held at a time.
 */
export async function* readLineBatches(path: string): AsyncGenerator<TextLine[]> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES })
  let rest = Buffer.alloc(0)
  let number = 0
  let skipping = false
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk
    const lines: TextLine[] = []
    let start = 0
    for (let nl = data.indexOf(NEWLINE, start); nl >= 0; nl = data.indexOf(NEWLINE, start)) {
      number += 1
      lines.push(skipping ? tooLongLine(number) : toLine(number, data, start, nl))
      skipping = false
      start = nl + 1
    }
    // Copy the tail so the chunk it came from can be freed.
    rest = Buffer.from(data.subarray(start))
    if (rest.length > MAX_LINE_BYTES) {
      skipping = true
      rest = Buffer.alloc(0)
    }
    if (lines.length > 0) yield lines
  }
  if (rest.length > 0 || skipping) {
    number += 1
    yield [skipping ? tooLongLine(number) : toLine(number, rest, 0, rest.length)]
  }
}

function toLine(number: number, data: Buffer, start: number, end: number): TextLine {
  const stop = end > start && data[end - 1] === 0x0d ? end - 1 : end
  let text = data.toString('utf8', start, stop)
  if (number === 1 && text.startsWith('\uFEFF')) text = text.slice(1)
  if (text.length > MAX_LINE_BYTES) return tooLongLine(number)
  return { number, text, tooLong: false }
}

function tooLongLine(number: number): TextLine {
  return { number, text: '', tooLong: true }
}
