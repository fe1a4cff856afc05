import { AppError } from '../../model/errors'
import { EWF_SIGNATURE } from './ewf-sections'
import type { ImageFile } from './image-file'
import { QCOW_MAGIC } from './qcow2-header'
import { VHD_COOKIE } from './vhd-structures'
import { VMDK_DESCRIPTOR_MAGIC } from './vmdk-descriptor'
import { VMDK_SPARSE_MAGIC } from './vmdk-sparse'

/** What the first and last bytes of a file say it is. */
export type DetectedFormat = 'ewf' | 'qcow2' | 'vmdk-sparse' | 'vmdk-descriptor' | 'vhd' | 'raw'

/** Formats recognised by their magic but not read: refused with advice instead of read as raw. */
const UNSUPPORTED: readonly {
  readonly magic: Buffer
  readonly at: number
  readonly name: string
  readonly advice: string
}[] = [
  {
    magic: Buffer.from('EVF2\r\n\x81\0', 'latin1'),
    at: 0,
    name: 'EWF2 (Ex01)',
    advice: 'export it to E01 or raw with ewfexport',
  },
  {
    magic: Buffer.from('LVF\t\r\n\xff\0', 'latin1'),
    at: 0,
    name: 'EWF logical evidence (L01)',
    advice: 'it holds files, not a disk; extract them with EnCase or ewfexport',
  },
  {
    magic: Buffer.from('LEF2\r\n\x81\0', 'latin1'),
    at: 0,
    name: 'EWF2 logical evidence (Lx01)',
    advice: 'it holds files, not a disk; extract them first',
  },
  {
    magic: Buffer.from('vhdxfile', 'latin1'),
    at: 0,
    name: 'VHDX',
    advice: 'convert it with `qemu-img convert -O raw` (or vpc)',
  },
  {
    magic: Buffer.from('COWD', 'latin1'),
    at: 0,
    name: 'VMware ESX COWD sparse disk',
    advice: 'convert it with `qemu-img convert -O raw`',
  },
  {
    magic: Buffer.from('7f10dabe', 'hex'),
    at: 64,
    name: 'VirtualBox VDI',
    advice: 'convert it with `qemu-img convert -O raw`',
  },
  {
    magic: Buffer.from('AFF10\r\n\0', 'latin1'),
    at: 0,
    name: 'AFF',
    advice: 'convert it with affconvert or export it to raw',
  },
]

/**
 * The format of `file` by its content (never by its name): EWF, QCOW, VMDK sparse extent or
 * descriptor, VHD (footer at the end, or its copy at the start), else raw.
 *
 * @throws AppError `EVIDENCE_FORMAT` for a known container format Outpost does not read
 * (Ex01, L01, VHDX, VDI, COWD, AFF), so it is not silently scanned as raw bytes.
 */
export async function detectFormat(file: ImageFile): Promise<DetectedFormat> {
  const head = await file.read(0, 512)
  const starts = (magic: Buffer, at = 0): boolean =>
    head.subarray(at, at + magic.length).equals(magic)
  for (const known of UNSUPPORTED)
    if (starts(known.magic, known.at))
      throw new AppError(
        'EVIDENCE_FORMAT',
        `${file.path} is a ${known.name} image, which Outpost does not read: ${known.advice}.`,
      )
  if (starts(EWF_SIGNATURE)) return 'ewf'
  if (starts(QCOW_MAGIC)) return 'qcow2'
  if (starts(VMDK_SPARSE_MAGIC)) return 'vmdk-sparse'
  if (
    head
      .toString('latin1')
      .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
      .trimStart()
      .startsWith(VMDK_DESCRIPTOR_MAGIC)
  )
    return 'vmdk-descriptor'
  if (starts(VHD_COOKIE)) return 'vhd'
  if (file.size >= 512) {
    const tail = await file.read(file.size - 512, 512)
    if (tail.subarray(0, 8).equals(VHD_COOKIE)) return 'vhd'
  }
  return 'raw'
}
