import { hexDumpLines } from '../../lib/bytes'

/** Props of {@link HexDump}. */
export interface HexDumpProps {
  readonly bytes: Uint8Array
  /** Offset of the first byte in the file: the offset column counts from it. */
  readonly baseOffset: number
}

/**
 * A classic hex dump: offset column, 16 bytes a row in hex, and the ASCII gutter.
 */
export function HexDump({ bytes, baseOffset }: HexDumpProps) {
  return <pre className="hexdump">{hexDumpLines(bytes, baseOffset).join('\n')}</pre>
}
