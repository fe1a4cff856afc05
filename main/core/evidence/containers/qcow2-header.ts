import { AppError } from '../../model/errors'
import { badField, ceilDiv, u64be } from './binary'
import type { ImageFile } from './image-file'

/** `QFI\xfb`: the QCOW magic (all versions). */
export const QCOW_MAGIC = Buffer.from('514649fb', 'hex')
const V2_HEADER = 72
const EXT_BACKING_FORMAT = 0xe2792aca
const EXT_ENCRYPTION = 0x0537be77
const EXT_DATA_FILE = 0x44415441
const INCOMPAT_DIRTY = 1n
const INCOMPAT_CORRUPT = 2n
const INCOMPAT_DATA_FILE = 4n
const INCOMPAT_COMPRESSION = 8n
const INCOMPAT_EXTENDED_L2 = 16n
const KNOWN_INCOMPAT =
  INCOMPAT_DIRTY | INCOMPAT_CORRUPT | INCOMPAT_COMPRESSION | INCOMPAT_EXTENDED_L2
/** Most header extensions walked. */
const MAX_EXTENSIONS = 64

/** A QCOW2 header, validated against the file. */
export interface Qcow2Header {
  readonly version: number
  readonly clusterBits: number
  readonly size: number
  readonly l1At: number
  /** L1 entries the media needs (the table may be longer; the rest is never read). */
  readonly l1Count: number
  readonly extendedL2: boolean
  readonly backingName: string | null
  readonly backingFormat: string | null
  readonly dirty: boolean
  readonly corrupt: boolean
  readonly snapshots: number
}

/**
 * Read and check the header of a QCOW2 (version 2 or 3) file.
 *
 * @throws AppError `EVIDENCE_ENCRYPTED` for AES or LUKS images (Outpost never asks for keys);
 * `EVIDENCE_FORMAT` for QCOW version 1, external data files, zstd compression, unknown
 * incompatible features and any out-of-range field.
 */
export async function readQcow2Header(file: ImageFile): Promise<Qcow2Header> {
  const path = file.path
  const head = await file.read(0, 4096)
  if (head.length < V2_HEADER || !head.subarray(0, 4).equals(QCOW_MAGIC))
    throw new AppError('EVIDENCE_FORMAT', `${path} is not a QCOW2 image (or is truncated).`)
  const version = head.readUInt32BE(4)
  if (version === 3 && head.length < 104)
    throw new AppError('EVIDENCE_FORMAT', `${path} is truncated inside its QCOW2 header.`)
  if (version !== 2 && version !== 3)
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${path} is a QCOW version ${version} image; Outpost reads versions 2 and 3. ` +
        'Convert it with `qemu-img convert -O raw`.',
    )
  const extensions = readExtensions(head, version, path)
  checkEncryption(head.readUInt32BE(32), extensions.has(EXT_ENCRYPTION), path)
  const features = checkFeatures(head, version, extensions.has(EXT_DATA_FILE), path)
  const names = await backing(head, file, extensions)
  return { version, ...layout(head, file, features.extendedL2), ...features, ...names }
}

function checkEncryption(method: number, hasLuksHeader: boolean, path: string): void {
  if (method === 0 && !hasLuksHeader) return
  const kind = method === 1 ? 'AES' : method === 2 || hasLuksHeader ? 'LUKS' : `method ${method}`
  throw new AppError(
    'EVIDENCE_ENCRYPTED',
    `${path} is an encrypted QCOW2 image (${kind}). Outpost does not decrypt images: decrypt it ` +
      'with qemu-img (`qemu-img convert --object secret,… -O raw`) and open the result.',
  )
}

function checkFeatures(
  head: Buffer,
  version: number,
  hasDataFile: boolean,
  path: string,
): { dirty: boolean; corrupt: boolean; extendedL2: boolean } {
  const bits = version === 3 ? head.readBigUInt64BE(72) : 0n
  const unknown = bits & ~KNOWN_INCOMPAT
  if ((bits & INCOMPAT_DATA_FILE) !== 0n || hasDataFile)
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${path} keeps its data in an external data file, which Outpost does not follow.`,
    )
  if (unknown !== 0n)
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${path} uses QCOW2 features Outpost does not know (incompatible bits 0x${unknown.toString(16)}); ` +
        'it cannot be read safely. Convert it with a current qemu-img.',
    )
  const compression = version === 3 && head.readUInt32BE(100) > 104 ? (head[104] ?? 0) : 0
  if ((bits & INCOMPAT_COMPRESSION) !== 0n && compression !== 0)
    throw new AppError(
      'EVIDENCE_FORMAT',
      `${path} uses zstd compression, which Outpost cannot inflate. Convert it with ` +
        '`qemu-img convert -O raw` (or `-o compression_type=zlib`).',
    )
  return {
    dirty: (bits & INCOMPAT_DIRTY) !== 0n,
    corrupt: (bits & INCOMPAT_CORRUPT) !== 0n,
    extendedL2: (bits & INCOMPAT_EXTENDED_L2) !== 0n,
  }
}

function layout(
  head: Buffer,
  file: ImageFile,
  extendedL2: boolean,
): { clusterBits: number; size: number; l1At: number; l1Count: number; snapshots: number } {
  const path = file.path
  const clusterBits = head.readUInt32BE(20)
  if (clusterBits < 9 || clusterBits > 21) throw badField(path, 'cluster bits', clusterBits)
  const size = u64be(head, 24, 'disk size', path)
  if (size === 0)
    throw new AppError('EVIDENCE_FORMAT', `${path} is a QCOW2 image of 0 bytes: no media.`)
  const clusterSize = 2 ** clusterBits
  const l2Entries = clusterSize / (extendedL2 ? 16 : 8)
  const l1Count = ceilDiv(size, clusterSize * l2Entries)
  const l1At = u64be(head, 40, 'L1 table offset', path)
  if (head.readUInt32BE(36) < l1Count) throw badField(path, 'L1 table size', head.readUInt32BE(36))
  if (l1At % clusterSize !== 0 || l1At + l1Count * 8 > file.size)
    throw badField(path, 'L1 table offset', l1At)
  return { clusterBits, size, l1At, l1Count, snapshots: head.readUInt32BE(60) }
}

async function backing(
  head: Buffer,
  file: ImageFile,
  extensions: ReadonlyMap<number, Buffer>,
): Promise<{ backingName: string | null; backingFormat: string | null }> {
  const at = head.readBigUInt64BE(8)
  const length = head.readUInt32BE(16)
  if (at === 0n) return { backingName: null, backingFormat: null }
  // The name lives in the first cluster (at most 2 MiB in).
  if (length < 1 || length > 1023 || at + BigInt(length) > BigInt(Math.min(file.size, 2 ** 21)))
    throw badField(file.path, 'backing file name', `${length} bytes at ${at.toString()}`)
  const name = (await file.readExact(Number(at), length, 'backing file name')).toString('utf8')
  const format =
    extensions.get(EXT_BACKING_FORMAT)?.toString('latin1').replace(/\0.*$/s, '') ?? null
  return { backingName: name, backingFormat: format }
}

/** Header extensions by type (v3 after `header_length`, v2 after the 72-byte header). */
function readExtensions(head: Buffer, version: number, path: string): Map<number, Buffer> {
  const found = new Map<number, Buffer>()
  let at = version === 3 ? head.readUInt32BE(100) : V2_HEADER
  if (version === 3 && (at < 104 || at % 8 !== 0)) throw badField(path, 'header length', at)
  for (let i = 0; i < MAX_EXTENSIONS && at + 8 <= head.length; i++) {
    const type = head.readUInt32BE(at)
    const length = head.readUInt32BE(at + 4)
    if (type === 0 || at + 8 + length > head.length) break
    found.set(type, head.subarray(at + 8, at + 8 + length))
    at += 8 + Math.ceil(length / 8) * 8
  }
  return found
}
