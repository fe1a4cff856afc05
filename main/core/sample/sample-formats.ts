import { crc32, deflateSync } from 'node:zlib'
import { ascii, le, padTo, wide } from './sample-kit'

/*
 * Minimal, structurally faithful files of the formats the default rules look at. They are
 * built for byte-level rules and parsers of headers: none of them runs or opens in an
 * application, and none contains code.
 */

/** The offset of the PE signature in every PE built here (`e_lfanew`). */
export const PE_HEADER_OFFSET = 0x80

/** Where the section table starts: PE signature, COFF header (20), PE32 optional header (0xE0). */
export const PE_SECTION_TABLE_OFFSET = PE_HEADER_OFFSET + 4 + 20 + 0xe0

const PE_HEADERS_SIZE = 0x400
const PE_FILE_ALIGNMENT = 0x200
const DOS_STUB = Buffer.concat([
  Buffer.from([0x0e, 0x1f, 0xba, 0x0e, 0x00, 0xb4, 0x09, 0xcd, 0x21, 0xb8, 0x01, 0x4c, 0xcd, 0x21]),
  ascii('This program cannot be run in DOS mode.\r\r\n$'),
])

/** One section of a PE: its name and raw data. */
export interface PeSection {
  readonly name: string
  readonly data: Buffer
}

/**
 * A 32-bit Windows PE: DOS header and stub, PE signature at {@link PE_HEADER_OFFSET}, COFF and
 * optional headers, a section table, then each section's data on a file-alignment boundary.
 * `headerNote` is written at the end of the header area (UPX keeps its `UPX!` block there).
 */
export function buildPe(sections: readonly PeSection[], headerNote?: Buffer): Buffer {
  const dos = padTo(Buffer.concat([ascii('MZ'), le([0x90, 2], [3, 2], [0, 2], [4, 2])]), 0x3c)
  const header = Buffer.alloc(PE_HEADERS_SIZE)
  Buffer.concat([dos, le([PE_HEADER_OFFSET, 4]), DOS_STUB]).copy(header, 0)
  let rawPointer = PE_HEADERS_SIZE
  const table = sections.map((section, index) => {
    const rawSize = Math.ceil(section.data.length / PE_FILE_ALIGNMENT) * PE_FILE_ALIGNMENT
    const entry = Buffer.concat([
      padTo(ascii(section.name), 8),
      le([Math.max(section.data.length, 0x1000), 4], [0x1000 * (index + 1), 4]),
      le([rawSize, 4], [rawSize === 0 ? 0 : rawPointer, 4], [0, 4], [0, 4], [0, 2], [0, 2]),
      le([0xe0000060, 4]),
    ])
    rawPointer += rawSize
    return entry
  })
  const coff = le([0x14c, 2], [sections.length, 2], [0x65f1a2b0, 4], [0, 4], [0, 4])
  const optional = padTo(
    Buffer.concat([
      le([0x10b, 2], [0x0e, 1], [0x00, 1], [0x1000, 4], [0, 4], [0, 4], [0x1000, 4]),
      le([0x1000, 4], [0x2000, 4], [0x400000, 4], [0x1000, 4], [PE_FILE_ALIGNMENT, 4]),
      le([6, 2], [0, 2], [0, 2], [0, 2], [6, 2], [0, 2], [0, 4]),
      le([0x1000 * (sections.length + 1), 4], [PE_HEADERS_SIZE, 4], [0, 4], [2, 2], [0x8140, 2]),
      le([0x100000, 4], [0x1000, 4], [0x100000, 4], [0x1000, 4], [0, 4], [16, 4]),
    ]),
    0xe0,
  )
  Buffer.concat([ascii('PE\0\0'), coff, le([0xe0, 2], [0x0102, 2]), optional, ...table]).copy(
    header,
    PE_HEADER_OFFSET,
  )
  if (headerNote) headerNote.copy(header, PE_HEADERS_SIZE - headerNote.length - 0x10)
  const bodies = sections.map((s) =>
    padTo(s.data, Math.ceil(s.data.length / PE_FILE_ALIGNMENT) * PE_FILE_ALIGNMENT),
  )
  return Buffer.concat([header, ...bodies])
}

/** A 64-bit little-endian x86-64 ELF executable header, one PT_LOAD segment, then `body`. */
export function buildElf(body: Buffer): Buffer {
  const ident = Buffer.concat([ascii('\x7fELF'), Buffer.from([2, 1, 1, 0]), Buffer.alloc(8)])
  const header = Buffer.concat([
    ident,
    le([2, 2], [0x3e, 2], [1, 4], [0x401000, 8], [64, 8], [0, 8], [0, 4]),
    le([64, 2], [56, 2], [1, 2], [64, 2], [0, 2], [0, 2]),
  ])
  const fileSize = 64 + 56 + body.length
  const segment = le([1, 4], [5, 4], [0, 8], [0x400000, 8], [0x400000, 8])
  const sizes = le([fileSize, 8], [fileSize, 8], [0x1000, 8])
  return Buffer.concat([header, segment, sizes, body])
}

/** What a shortcut points to and how it opens its window. */
export interface LnkOptions {
  readonly relativePath: string
  readonly workingDir: string
  readonly arguments: string
  readonly iconLocation: string
  /** 1 = normal window, 3 = maximised, 7 = minimised without activation. */
  readonly showCommand: number
}

/**
 * A Windows shortcut ([MS-SHLLINK]): the 76-byte ShellLinkHeader, then the Unicode StringData
 * (relative path, working directory, arguments, icon location) and the terminal block.
 */
export function buildLnk(options: LnkOptions): Buffer {
  // HasRelativePath | HasWorkingDir | HasArguments | HasIconLocation | IsUnicode
  const flags = 0x08 | 0x10 | 0x20 | 0x40 | 0x80
  const fileTime = 0x01d9f0c2a1b3c000
  const header = Buffer.concat([
    le([0x4c, 4]),
    Buffer.from('0114020000000000c000000000000046', 'hex'),
    le([flags, 4], [0x20, 4], [fileTime, 8], [fileTime, 8], [fileTime, 8]),
    le([0, 4], [0, 4], [options.showCommand, 4], [0, 2], [0, 2], [0, 4], [0, 4]),
  ])
  const text = (value: string): Buffer => Buffer.concat([le([value.length, 2]), wide(value)])
  return Buffer.concat([
    header,
    text(options.relativePath),
    text(options.workingDir),
    text(options.arguments),
    text(options.iconLocation),
    le([0, 4]),
  ])
}

const OLE_SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex')
const OLE_SECTOR = 512

/**
 * An OLE compound file as byte rules see it: the 512-byte header (signature, version 3,
 * 512-byte sectors), one directory sector with an entry per stream name (UTF-16LE names, as
 * in real files), then `body` on sector boundaries. The FAT is not filled in.
 */
export function buildOle(streamNames: readonly string[], body: Buffer): Buffer {
  const header = padTo(
    Buffer.concat([
      OLE_SIGNATURE,
      Buffer.alloc(16),
      le([0x3e, 2], [3, 2], [0xfffe, 2], [9, 2], [6, 2]),
      Buffer.alloc(6),
      le([0, 4], [1, 4], [1, 4], [0, 4], [0x1000, 4], [0xfffffffe, 4], [0, 4]),
    ]),
    OLE_SECTOR,
  )
  const entries = ['Root Entry', ...streamNames].map((name, index) =>
    padTo(
      Buffer.concat([
        padTo(wide(name), 64),
        le([(name.length + 1) * 2, 2], [index === 0 ? 5 : 2, 1], [1, 1]),
      ]),
      128,
    ),
  )
  const directory = Buffer.concat(entries)
  const directorySize = Math.ceil(directory.length / OLE_SECTOR) * OLE_SECTOR
  const bodySize = Math.ceil(Math.max(body.length, 1) / OLE_SECTOR) * OLE_SECTOR
  return Buffer.concat([header, padTo(directory, directorySize), padTo(body, bodySize)])
}

/**
 * The identifier table VBA keeps uncompressed in `_VBA_PROJECT`: each name as a 16-bit
 * length and its ASCII bytes.
 */
export function vbaIdentifierTable(names: readonly string[]): Buffer {
  return Buffer.concat(names.map((name) => Buffer.concat([le([name.length, 2]), ascii(name)])))
}

/** A small, valid one-page PDF showing `text`. */
export function buildPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let pdf = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'))
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = Buffer.byteLength(pdf, 'latin1')
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}

/** A valid PNG image: `width`×1 grey pixels, with real chunk CRCs. */
export function buildPng(width = 4): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const typed = Buffer.concat([ascii(type), data])
    return Buffer.concat([be32(data.length), typed, be32(crc32(typed))])
  }
  const header = Buffer.concat([be32(width), be32(1), Buffer.from([8, 0, 0, 0, 0])])
  const pixels = Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 0x80)])
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function be32(value: number): Buffer {
  const buffer = Buffer.alloc(4)
  buffer.writeUInt32BE(value >>> 0)
  return buffer
}
