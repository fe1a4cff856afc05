/**
 * The deterministic material of a generated case (big-case.ts): a seeded random source, rule
 * packs with realistic names, meta and source, and Windows-like file paths with types and times.
 */
import { createHash } from 'node:crypto'

/** mulberry32: a small, fast, seeded generator in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One element of `items`, chosen by `random`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

/** A hex digest of `text` (stand-in content hashes, stable for a seed). */
export function digest(algorithm: 'md5' | 'sha1' | 'sha256', text: string): string {
  return createHash(algorithm).update(text).digest('hex')
}

/** A generated rule, as the `rules` table stores it. */
export interface GeneratedRule {
  readonly pack: number
  readonly name: string
  readonly namespace: string
  readonly score: number
  readonly tags: readonly string[]
  readonly meta: Record<string, string | number>
  /** The matched strings: identifier → text. */
  readonly strings: readonly (readonly [string, string])[]
  readonly source: string
}

/** The three packs: name, version, namespace. */
export const PACKS = [
  { name: 'corp-hunting', version: '2.3.0', namespace: 'corp' },
  { name: 'signature-base-lite', version: '2026.10.1', namespace: 'sigbase' },
  { name: 'community-webshells', version: '1.4.2', namespace: 'webshells' },
] as const

const PREFIXES = ['HKTL', 'MAL', 'APT', 'WEBSHELL', 'SUSP', 'PUA', 'EXPL', 'LOG']
const FAMILIES = [
  'Mimikatz',
  'CobaltStrike_Beacon',
  'Lockbit_Note',
  'PowerShell_Encoded',
  'ASP_Eval',
  'PHP_Obfuscated',
  'Rclone_Config',
  'PsExec_Service',
  'Emotet_Loader',
  'Qakbot_DLL',
  'SharpHound',
  'Ngrok_Tunnel',
  'AnyDesk_Portable',
  'JSP_Cmd',
  'Certutil_Download',
]
const AUTHORS = ['Florian R.', 'CERT Outpost', 'J. Analyst', 'DFIR Team', 'M. Reverser']
const STRINGS = [
  'sekurlsa::logonpasswords',
  'ReflectiveLoader',
  'All your files are encrypted',
  'powershell -nop -w hidden -enc',
  'eval(Request.Item[',
  'base64_decode(str_rot13(',
  '[remote]\ntype = mega',
  'PSEXESVC',
  'DllRegisterServer',
  'Invoke-BloodHound',
  'authtoken: ',
  'ad.anydesk.com',
  'Runtime.getRuntime().exec(',
  'certutil -urlcache -split -f',
  'MZ\u0090\u0000\u0003',
]

/** `count` rules spread over the three packs, scores spread evenly from 100 down to 0. */
export function generateRules(random: () => number, count: number): GeneratedRule[] {
  const rules: GeneratedRule[] = []
  for (let i = 0; i < count; i += 1) {
    const pack = i % PACKS.length
    const family = FAMILIES[i % FAMILIES.length] as string
    const prefix = pick(random, PREFIXES)
    const name = `${prefix}_${family}_${String(i).padStart(3, '0')}`
    const score = count === 1 ? 100 : Math.round(100 - (i * 100) / (count - 1))
    const strings = [1, 2, 3].map(
      (n) => [`$s${n}`, `${pick(random, STRINGS)}${n === 1 ? '' : ` #${n}`}`] as const,
    )
    const meta = {
      description: `Detects ${family.replaceAll('_', ' ')} artefacts (variant ${i})`,
      author: pick(random, AUTHORS),
      reference: `https://intel.example.org/reports/${family.toLowerCase()}-${i}`,
      date: `2026-0${1 + (i % 9)}-1${i % 10}`,
      score,
    }
    rules.push({
      pack,
      name,
      namespace: PACKS[pack]?.namespace ?? 'corp',
      score,
      tags: [prefix.toLowerCase(), family.split('_')[0]?.toLowerCase() ?? 'misc'],
      meta,
      strings,
      source: ruleSource(name, meta, strings),
    })
  }
  return rules
}

/** The YARA text of a rule (quotes and backslashes escaped as YARA wants). */
export function ruleSource(
  name: string,
  meta: Record<string, string | number>,
  strings: readonly (readonly [string, string])[],
): string {
  const quote = (text: string) =>
    `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`
  const metaLines = Object.entries(meta).map(
    ([key, value]) => `        ${key} = ${typeof value === 'number' ? value : quote(value)}`,
  )
  const stringLines = strings.map(([id, text]) => `        ${id} = ${quote(text)} ascii wide`)
  return [
    `rule ${name}`,
    '{',
    '    meta:',
    ...metaLines,
    '    strings:',
    ...stringLines,
    '    condition:',
    '        any of them',
    '}',
    '',
  ].join('\n')
}

const USERS = ['alice', 'bob', 'svc_backup', 'Administrator', 'j.doe']
const USER_DIRS = [
  'Downloads',
  'Documents',
  'Desktop',
  'AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup',
  'AppData/Local/Temp',
]
const SYSTEM_DIRS = [
  'Windows/System32',
  'Windows/Temp',
  'ProgramData/Microsoft/Crypto',
  'inetpub/wwwroot/app',
]
/** Extension → MIME type and the file type the scanner would record. */
const TYPES: readonly (readonly [string, string, string])[] = [
  ['exe', 'application/vnd.microsoft.portable-executable', 'pe'],
  ['dll', 'application/vnd.microsoft.portable-executable', 'pe'],
  ['ps1', 'text/plain', 'text'],
  ['aspx', 'text/plain', 'text'],
  ['php', 'text/x-php', 'text'],
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'zip'],
  ['zip', 'application/zip', 'zip'],
  ['txt', 'text/plain', 'text'],
  ['lnk', 'application/x-ms-shortcut', 'lnk'],
  ['conf', 'text/plain', 'text'],
]
const STEMS = ['update', 'invoice', 'report', 'svchost', 'backup', 'notes', 'setup', 'shell']

/** A generated file's path and type. */
export interface GeneratedPath {
  readonly path: string
  readonly name: string
  readonly mime: string
  readonly fileType: string
}

/** The `index`-th file's path (unique: the index is part of the name). */
export function generatePath(random: () => number, index: number): GeneratedPath {
  const folder =
    random() < 0.7
      ? `C/Users/${pick(random, USERS)}/${pick(random, USER_DIRS)}`
      : `C/${pick(random, SYSTEM_DIRS)}`
  const [ext, mime, fileType] = pick(random, TYPES)
  const name = `${pick(random, STEMS)}-${String(index).padStart(6, '0')}.${ext}`
  return { path: `${folder}/${name}`, name, mime, fileType }
}

/** A file size between 100 B and ~50 MB, log-uniform like real evidence. */
export function generateSize(random: () => number): number {
  return Math.round(100 * Math.pow(500_000, random()))
}

const DAY_MS = 86_400_000
const EPOCH = Date.UTC(2026, 2, 1)

/** An ISO time within `days` days after `epoch` (2026-03-01), with nanoseconds as NTFS gives them. */
export function generateTime(random: () => number, days = 200, epoch = EPOCH): string {
  const ms = epoch + Math.floor(random() * days * DAY_MS)
  return new Date(ms)
    .toISOString()
    .replace('Z', `${String(Math.floor(random() * 1e6)).padStart(6, '0')}Z`)
}
