/** The most one `files:read` returns (the hex view asks for chunks of 4–16 KiB). */
export const MAX_FILE_READ_BYTES = 64 * 1024

/** A byte range of a case file, as `files:read` returns it. */
export interface FileBytes {
  readonly fileId: number
  readonly offset: number
  /** The bytes read, as lower-case hex; shorter than asked at the end of the file. */
  readonly bytesHex: string
  /** The file's size: offset + bytes never passes it. */
  readonly sizeBytes: number
}
