import type { TlpLevel } from '../model/tlp'
import { tlpLabel } from '../model/tlp'
import type { ExportModel } from './export-model'
import type { VerifyInfo } from './report/verify-commands'
import {
  posixVerifyCommands,
  powerShellVerifyCommands,
  TRUST_CAUTION,
} from './report/verify-commands'

/**
 * What README.txt needs beyond the model: the zip's name, the public key and its file in `keys/`.
 *
 * `publicKeyBase64`, `keyId` and `fingerprint` are null for an unsigned bundle.
 */
export interface ReadmeVerifyInfo extends VerifyInfo {
  readonly keyFileName: string | null
}

const AMBER_DEFINITION =
  'Sources may use TLP:AMBER when information requires support to be effectively acted upon, yet carries risk to privacy, reputation, or operations if shared outside of the organizations involved. Recipients may share TLP:AMBER information with members of their own organization and its clients, but only on a need-to-know basis to protect their organization and its clients and prevent further harm. Note: if the source wants to restrict sharing to the organization only, they must specify TLP:AMBER+STRICT.'

/**
 * FIRST's TLP 2.0 definitions (https://www.first.org/tlp/), the short line then the full text,
 * as the MISP TLP taxonomy carries them (checked against it in test/corpus/tlp-text.test.ts).
 */
export const TLP_DEFINITIONS: Readonly<Record<TlpLevel, readonly string[]>> = {
  clear: [
    'TLP:CLEAR = Recipients can spread this to the world, there is no limit on disclosure.',
    'Sources may use TLP:CLEAR when information carries minimal or no foreseeable risk of misuse, in accordance with applicable rules and procedures for public release. Subject to standard copyright rules, TLP:CLEAR information may be shared without restriction.',
  ],
  green: [
    'TLP:GREEN = Limited disclosure, recipients can spread this within their community.',
    'Sources may use TLP:GREEN when information is useful to increase awareness within their wider community. Recipients may share TLP:GREEN information with peers and partner organizations within their community, but not via publicly accessible channels. TLP:GREEN information may not be shared outside of the community. Note: when "community" is not defined, assume the cybersecurity/defense community.',
  ],
  amber: [
    'TLP:AMBER = Limited disclosure, recipients can only spread this on a need-to-know basis within their organization and its clients. Note that TLP:AMBER+STRICT restricts sharing to the organization only.',
    AMBER_DEFINITION,
  ],
  'amber+strict': [
    'TLP:AMBER+STRICT = Limited disclosure, recipients can only spread this on a need-to-know basis within their organization.',
    'Sources may use TLP:AMBER+STRICT when information requires support to be effectively acted upon, yet carries risk to privacy, reputation, or operations if shared outside of the organizations involved. Recipients may share TLP:AMBER+STRICT information with members of their own organization.',
  ],
  red: [
    'TLP:RED = For the eyes and ears of individual recipients only, no further disclosure.',
    'Sources may use TLP:RED when information cannot be effectively acted upon without significant risk for the privacy, reputation, or operations of the organizations involved. Recipients may therefore not share TLP:RED information with anyone else. In the context of a meeting, for example, TLP:RED information is limited to those present at the meeting.',
  ],
}

/** The bundle's parts, as README.txt lists them. */
const CONTENTS: readonly (readonly [string, string])[] = [
  ['README.txt', 'this cover sheet'],
  [
    'manifest.json',
    'machine index: bundle id, producer, case, TLP, redaction, every file with its SHA-256, size and role',
  ],
  ['SHA256SUMS', 'SHA-256 of every other file (sha256sum format)'],
  ['SHA256SUMS.minisig', 'minisign (Ed25519) signature of SHA256SUMS: the integrity anchor'],
  ['keys/', "the producer's minisign public key (convenience only, see below)"],
  [
    'stix/bundle.json',
    'STIX 2.1 bundle: one report with indicators (YARA), files, sightings, notes; TLP marking on every object',
  ],
  [
    'misp/',
    'MISP feed folder (manifest.json, hashes.csv, <event-uuid>.json): add it as a local feed',
  ],
  ['rules/', 'the YARA rules that matched, one self-contained .yar each'],
  ['findings/findings.csv', 'one row per finding, for spreadsheets (RFC 4180, UTF-8, CRLF)'],
  ['report/report.html', 'human-readable report: offline, no scripts, printable'],
  ['audit/audit.jsonl', "the case's hash-chained audit entries relevant to this export"],
]

const WIDTH = 76

/**
 * Make text plain ASCII: every character outside printable ASCII (controls included) becomes
 * `\uXXXX`, its UTF-16 code unit in hex, as JSON writes it.
 *
 * Escaping rather than transliterating keeps the value exact and unambiguous ("é" would
 * otherwise collide with "e"); manifest.json and findings.csv carry the original text.
 */
export function toAscii(text: string): string {
  return text.replace(
    /[^\u0020-\u007e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

function wrap(text: string, indent = ''): string[] {
  const lines: string[] = []
  let line = indent
  for (const word of text.split(' ')) {
    if (line.length > indent.length && line.length + 1 + word.length > WIDTH) {
      lines.push(line)
      line = indent + word
    } else {
      line = line.length > indent.length ? `${line} ${word}` : indent + word
    }
  }
  lines.push(line)
  return lines
}

function heading(title: string): string[] {
  return ['', title, '-'.repeat(title.length)]
}

function field(name: string, value: string): string {
  return `${`${name}:`.padEnd(16)}${toAscii(value)}`
}

function headerLines(model: ExportModel): string[] {
  const { producer, case: kase } = model
  const banner = '='.repeat(WIDTH)
  return [
    banner,
    `${tlpLabel(model.tlp)}    ${tlpLabel(model.tlp)}    ${tlpLabel(model.tlp)}`,
    banner,
    ...TLP_DEFINITIONS[model.tlp].flatMap((paragraph) => ['', ...wrap(paragraph)]),
    '',
    banner,
    '',
    'Outpost report bundle',
    '',
    field('Sender', producer.org),
    ...(producer.examiner === null ? [] : [field('Examiner', producer.examiner)]),
    field('Case', kase.caseNumber === null ? kase.name : `${kase.name} (${kase.caseNumber})`),
    field('Created', model.created),
    field('Bundle id', model.bundleId),
    field('Tool', `${producer.tool} ${producer.toolVersion}`),
    field('Signing key id', producer.keyId ?? 'unsigned'),
  ]
}

function contentLines(model: ExportModel): string[] {
  const { findingsAboveTlp, notesAboveTlp, findingsFiltered } = model.withheld
  const withheld = findingsAboveTlp + notesAboveTlp + findingsFiltered
  return [
    ...heading('Contents'),
    ...CONTENTS.flatMap(([path, what]) =>
      wrap(`${path.padEnd(23)}${what}`).map((l, i) => (i === 0 ? l : `${' '.repeat(23)}${l}`)),
    ),
    ...heading('Counts'),
    field('Evidence items', String(model.evidence.length)),
    field('Findings', String(model.findings.length)),
    field('Rules', String(model.rules.length)),
    field('Notes', String(model.notes.length)),
    field(
      'Withheld',
      `${findingsAboveTlp} finding(s) and ${notesAboveTlp} note(s) above ${tlpLabel(model.tlp)}, ${findingsFiltered} finding(s) filtered out`,
    ),
    ...(withheld === 0
      ? []
      : [
          '',
          ...wrap(
            'THIS EXPORT IS PARTIAL: items above were withheld. Ask the sender if you need them.',
          ),
        ]),
    ...heading('Evidence'),
    ...model.evidence.flatMap((item) => [
      `  ${toAscii(item.label)}${item.fileName === null ? '' : ` (${toAscii(item.fileName)})`}`,
      `    SHA-256: ${item.sha256 ?? 'none (folder or not hashed)'}`,
    ]),
  ]
}

function verifyLines(verify: ReadmeVerifyInfo): string[] {
  const signed = verify.publicKeyBase64 !== null
  return [
    ...heading('How to verify'),
    ...(signed
      ? [
          field('Key id', verify.keyId ?? 'unknown'),
          field('Fingerprint', verify.fingerprint ?? 'unknown'),
          field('Public key', verify.publicKeyBase64),
          '',
          ...wrap(TRUST_CAUTION),
        ]
      : wrap(
          'This bundle is NOT signed: the checksums show the files are intact, not who made them.',
        )),
    '',
    'Linux / macOS (minisign from your package manager):',
    '',
    ...posixVerifyCommands(verify).map((line) => `    ${line}`),
    '',
    'Windows PowerShell (minisign from scoop or choco):',
    '',
    ...powerShellVerifyCommands(verify).map((line) => `    ${line}`),
    '',
    ...wrap(
      'minisign prints "Signature and comment signature verified" for a good signature and "Signature verification failed" (exit status 1) otherwise; sha256sum -c must print OK for every file.',
    ),
    ...heading('Character set'),
    ...wrap(
      'This file is plain ASCII. Any other character in a name above is written as \\uXXXX (its UTF-16 code unit in hex, as in JSON); manifest.json and findings/findings.csv hold the exact UTF-8 text.',
    ),
  ]
}

/**
 * Render README.txt: the bundle's cover sheet, plain ASCII with CRLF line ends.
 *
 * A TLP banner and FIRST's TLP 2.0 definition of the level, sender (examiner unless redacted),
 * case, created time, bundle id, the list of the bundle's parts, counts (withheld included), and
 * the verification runbook of sharing-formats §4.3 with the key id, fingerprint and the reminder
 * that trust comes from an out-of-band copy of the key. Deterministic.
 */
export function renderReadme(model: ExportModel, verify: ReadmeVerifyInfo): string {
  const lines = [...headerLines(model), ...contentLines(model), ...verifyLines(verify), '']
  return lines.map((line) => toAscii(line).trimEnd()).join('\r\n')
}
