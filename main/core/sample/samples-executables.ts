import {
  buildElf,
  buildPdf,
  buildPe,
  buildPng,
  PE_HEADER_OFFSET,
  PE_SECTION_TABLE_OFFSET,
} from './sample-formats'
import { ascii, fillerBytes, j, lf, negative, positive, wide } from './sample-kit'
import type { PlantedSample } from './sample-kit'

const DOWNLOADS = 'Users/alice/Downloads'
const TEMP = 'Users/alice/AppData/Local/Temp'

/** A harmless PE: code-like filler in `.text`, readable strings in `.rdata`. */
function plainPe(seed: number, strings: Buffer = ascii('Outpost planted sample\0')): Buffer {
  return buildPe([
    { name: '.text', data: fillerBytes(0x600, seed) },
    { name: '.rdata', data: strings },
    { name: '.data', data: fillerBytes(0x200, seed + 1) },
  ])
}

/** The EICAR test file, assembled from pieces (see {@link j}). */
function eicar(): string {
  return j('X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-', 'ANTIVIRUS-TEST-', 'FILE!$H+H*')
}

/** Samples for the EICAR rule. */
export function eicarSamples(): PlantedSample[] {
  const rule = 'TEST_EICAR_Antivirus_Test_File'
  const mail = lf(
    'From: helpdesk@example.org',
    'To: alice@example.org',
    'Subject: AV check',
    '',
    'Please save the following line as a file and check that the scanner reports it:',
    '',
    eicar(),
  )
  return [
    positive(rule, '$eicar', `${DOWNLOADS}/eicar.com`, ascii(eicar()), eicar()),
    // The string quoted inside a mail is not the test file: it must start the file.
    negative(rule, 'Users/alice/Documents/Mail/av-check.eml', mail),
    negative(
      rule,
      'Users/alice/Documents/av-test-notes.txt',
      lf(
        j(
          'The EICAR-STANDARD-',
          'ANTIVIRUS-TEST-FILE string starts with X5O!P%@AP and is 68 bytes.',
        ),
      ),
    ),
  ]
}

/** Samples for the PE and ELF masquerading and double-extension rules. */
export function masqueradingSamples(): PlantedSample[] {
  const asPdf = 'SUSP_PE_Masquerading_As_Document'
  const asImage = 'SUSP_ELF_Masquerading_As_Document'
  const doubled = 'SUSP_PE_Double_Extension'
  const peMarker = (pe: Buffer): Buffer => pe.subarray(PE_HEADER_OFFSET, PE_HEADER_OFFSET + 6)
  const fakeInvoice = plainPe(11)
  const fakeScan = plainPe(12)
  const elf = buildElf(fillerBytes(0x400, 13))
  return [
    positive(asPdf, '$pe', `${DOWNLOADS}/Invoice_2026-11.pdf`, fakeInvoice, peMarker(fakeInvoice)),
    negative(asPdf, `${DOWNLOADS}/Invoice_2026-10.pdf`, buildPdf('Invoice 2026-10: 1 234,00 EUR')),
    negative(asPdf, 'Program Files/Notepad++/notepad++.exe', plainPe(14)),
    positive(asImage, '$elf', 'var/tmp/.cache/update.png', elf, elf.subarray(0, 7)),
    negative(asImage, 'usr/local/bin/backup-agent', buildElf(fillerBytes(0x400, 15))),
    negative(asImage, 'home/bob/Pictures/holiday.png', buildPng()),
    positive(doubled, '$pe', `${DOWNLOADS}/Scan_0042.pdf.exe`, fakeScan, peMarker(fakeScan)),
    negative(doubled, `${DOWNLOADS}/python-3.12.1-amd64.exe`, plainPe(16)),
  ]
}

/** Samples for the UPX rule. */
export function upxSamples(): PlantedSample[] {
  const rule = 'PUA_UPX_Packed_PE'
  const packed = buildPe(
    [
      { name: j('UP', 'X0'), data: Buffer.alloc(0) },
      { name: j('UP', 'X1'), data: fillerBytes(0x800, 21) },
      { name: '.rsrc', data: fillerBytes(0x200, 22) },
    ],
    ascii(j('4.2.4\0', 'UP', 'X!\r\n')),
  )
  // An unpacking tool that carries the same names as data, far from its headers.
  const unpacker = plainPe(
    23,
    Buffer.concat([
      fillerBytes(0x1200, 24),
      ascii(j('UP', 'X0\0\0\0\0 ', 'UP', 'X1\0\0\0\0 ', 'UP', 'X! not found\0')),
    ]),
  )
  const readme = lf(
    j('UPX packs a program into sections named UP', 'X0 and UP', 'X1 and marks it with UP', 'X!.'),
    'Run "upx -d program.exe" to unpack it.',
  )
  return [
    positive(
      rule,
      '$upx0',
      `${TEMP}/svchost32.exe`,
      packed,
      packed.subarray(PE_SECTION_TABLE_OFFSET, PE_SECTION_TABLE_OFFSET + 8),
    ),
    negative(rule, 'Users/alice/Desktop/tools/unupx.exe', unpacker),
    negative(rule, 'Users/alice/Desktop/tools/upx-readme.txt', readme),
  ]
}

/** Samples for the Mimikatz rule. */
export function mimikatzSamples(): PlantedSample[] {
  const rule = 'HKTL_Mimikatz_Command_Strings'
  const logon = j('sekur', 'lsa::logon', 'passwords')
  const strings = Buffer.concat(
    [logon, j('lsa', 'dump::sam'), j('privi', 'lege::debug'), j('gentil', 'kiwi')].map((s) =>
      wide(`${s}\0`),
    ),
  )
  const tool = plainPe(31, strings)
  const report = lf(
    'Weekly IR summary',
    j('The actor used Mimi', 'katz (the tool by gentil', 'kiwi) on two hosts; see ticket 4411.'),
    'Passwords were reset on 2026-11-20.',
  )
  return [
    positive(rule, '$cmd1', `${TEMP}/m64.exe`, tool, wide(logon)),
    negative(rule, 'Users/alice/Documents/IR/weekly-report.txt', report),
  ]
}

/** Samples for the ransomware recovery-inhibition rule (wide strings in a binary). */
export function recoveryInhibitionSamples(): PlantedSample[] {
  const rule = 'SUSP_Recovery_Inhibition_Commands'
  const shadows = j('vssad', 'min.exe delete sha', 'dows /all /quiet')
  const locker = plainPe(
    41,
    Buffer.concat([
      wide(`${shadows}\0`),
      wide(`${j('bcd', 'edit /set {default} recovery', 'enabled no')}\0`),
    ]),
  )
  const check = lf(
    '@echo off',
    'rem Daily check of backups and boot configuration',
    'vssadmin list shadows',
    'bcdedit /enum {default}',
    'wbadmin get versions',
  )
  return [
    positive(rule, '$vssadmin', 'Users/Public/Music/locker.exe', locker, wide(shadows)),
    negative(rule, 'Users/alice/Documents/scripts/check-backups.bat', check),
  ]
}
