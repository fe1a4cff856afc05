import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildManifest, serialiseManifest } from '../../../main/core/rules/build-manifest'
import type { PackHeader } from '../../../main/core/rules/build-manifest'
import { AppError } from '../../../main/core/model/errors'
import { loadRulePack } from '../../../main/core/rules/load-pack'
import { readPackContents } from '../../../main/core/rules/pack-files'
import { MAX_MANIFEST_BYTES } from '../../../main/core/rules/pack-manifest'

const lines = (...l: string[]): string => `${l.join('\n')}\n`
const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex')

const ALPHA = lines(
  'rule Alpha : t1 {',
  '  meta:',
  '    id = "TEST-0001"',
  '    author = "tester"',
  '    description = "Detects the alpha marker"',
  '    date = "2026-01-02"',
  '    score = 70',
  '    tags = "extra, t1"',
  '  strings:',
  '    $a = "alpha-marker"',
  '  condition:',
  '    $a and extension == ".txt"',
  '}',
)
const BETA = lines(
  'rule Beta {',
  '  meta:',
  '    author = "tester"',
  '    description = "Detects the beta marker"',
  '    date = "2026-01-03"',
  '    status = "testing"',
  '  strings:',
  '    $b = "beta-marker"',
  '  condition:',
  '    $b',
  '}',
)
const HEADER: PackHeader = {
  name: 'test-pack',
  version: '2.1.0',
  sequence: 3,
  created: '2026-01-04T10:00:00Z',
  publisher: { name: 'Test publisher', key_id: null },
  tlp: 'green',
  license: 'MIT',
  engine: { min_version: '1.0.0' },
  supersedes: null,
}
const PACK_FILES = { 'rules/alpha.yar': ALPHA, 'rules/beta.yar': BETA, LICENSE: 'MIT\n' }

let work: string
let pack: string

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'outpost-load-pack-'))
  pack = join(work, 'test-pack-2.1.0')
})
afterEach(async () => {
  await rm(work, { recursive: true, force: true })
})

async function writeTree(root: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), content)
  }
}

/** Write a valid pack; returns its manifest as plain, editable JSON. */
async function writeManifestPack(
  files: Readonly<Record<string, string>> = PACK_FILES,
): Promise<Record<string, unknown>> {
  await writeTree(pack, files)
  const manifest = buildManifest(HEADER, await readPackContents(pack))
  await writeFile(join(pack, 'pack.json'), serialiseManifest(manifest))
  return JSON.parse(serialiseManifest(manifest)) as Record<string, unknown>
}

async function rewriteManifest(edit: (m: Record<string, unknown>) => void): Promise<void> {
  const manifest = JSON.parse(await readFile(join(pack, 'pack.json'), 'utf8')) as Record<
    string,
    unknown
  >
  edit(manifest)
  await writeFile(join(pack, 'pack.json'), JSON.stringify(manifest))
}

function rulesOf(manifest: Record<string, unknown>): Record<string, unknown>[] {
  return manifest.rules as Record<string, unknown>[]
}

async function expectRefused(code: string, message: RegExp, path = pack): Promise<void> {
  const error = await loadRulePack(path, 'local').then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe(code)
  expect((error as AppError).message).toMatch(message)
}

describe('loadRulePack: a folder with pack.json', () => {
  it('loads a valid pack with its summary, namespace, sources and rules', async () => {
    await writeManifestPack()

    const loaded = await loadRulePack(pack, 'bundled')

    const manifestBytes = await readFile(join(pack, 'pack.json'))
    expect(loaded.summary).toMatchObject({
      name: 'test-pack',
      version: '2.1.0',
      origin: 'bundled',
      signed: false,
      ruleCount: 2,
      manifestSha256: sha256(manifestBytes),
    })
    expect(loaded.manifestSha256).toBe(sha256(manifestBytes))
    expect(loaded.namespace).toBe('test_pack')
    expect(loaded.sources.map((s) => [s.displayName, s.namespace])).toEqual([
      ['rules/alpha.yar', 'test_pack'],
      ['rules/beta.yar', 'test_pack'],
    ])
    expect(loaded.sources[0]!.path).toMatch(/alpha\.yar$/)
    expect(loaded.rules).toEqual([
      expect.objectContaining({
        id: 'TEST-0001',
        name: 'Alpha',
        file: 'rules/alpha.yar',
        status: 'active',
        score: 70,
        tags: ['t1', 'extra'],
      }),
      expect.objectContaining({ id: null, name: 'Beta', status: 'testing', score: 50, tags: [] }),
    ])
    expect(loaded.rules[0]!.meta).toMatchObject({ id: 'TEST-0001', author: 'tester', score: 70 })
  })

  it.each([
    {
      what: 'a file whose content was changed (same size)',
      tamper: () =>
        writeFile(join(pack, 'rules/beta.yar'), BETA.replace('beta-marker', 'beta-mark3r')),
      message: /rules\/beta\.yar does not match its SHA-256/,
    },
    {
      what: 'a file whose size changed',
      tamper: () => writeFile(join(pack, 'rules/beta.yar'), `${BETA}// more\n`),
      message: /rules\/beta\.yar is \d+ bytes but pack\.json says \d+/,
    },
    {
      what: 'an unlisted rule file',
      tamper: () => writeFile(join(pack, 'rules/extra.yar'), 'rule Extra { condition: false }\n'),
      message: /rules\/extra\.yar is in the pack folder but not listed/,
    },
    {
      what: 'an unlisted hidden file',
      tamper: () => writeFile(join(pack, '.hidden'), 'x'),
      message: /\.hidden is in the pack folder but not listed/,
    },
    {
      what: 'a listed file that is missing',
      tamper: () => rm(join(pack, 'LICENSE')),
      message: /LICENSE is missing/,
    },
  ])('refuses $what', async ({ tamper, message }) => {
    await writeManifestPack()
    await tamper()

    await expectRefused('RULES_INVALID', message)
  })

  it.each([
    { what: 'a parent-directory path', path: '../outside.yar' },
    { what: 'an absolute path', path: '/etc/passwd' },
    { what: 'a backslash path', path: 'rules\\..\\..\\x.yar' },
    { what: 'a dot segment', path: 'rules/./alpha.yar' },
  ])('refuses a listed path that escapes the pack: $what', async ({ path }) => {
    await writeManifestPack()
    await rewriteManifest((m) => {
      ;(m.files as unknown[]).push({ path, sha256: sha256(''), size: 0 })
    })

    await expectRefused('RULES_INVALID', /escapes the pack/)
  })

  it('refuses a listed symlink that resolves outside the pack', async () => {
    await writeFile(join(work, 'outside.yar'), BETA)
    await writeManifestPack({ 'rules/alpha.yar': ALPHA, LICENSE: 'MIT\n' })
    await symlink(join(work, 'outside.yar'), join(pack, 'rules/beta.yar'))
    await rewriteManifest((m) => {
      ;(m.files as unknown[]).push({
        path: 'rules/beta.yar',
        sha256: sha256(BETA),
        size: Buffer.byteLength(BETA),
      })
    })

    await expectRefused('RULES_INVALID', /"rules\/beta\.yar" resolves outside the pack/)
  })

  it.each([
    {
      what: 'a logic hash that does not match the source',
      edit: (m: Record<string, unknown>) => {
        rulesOf(m)[0]!.logic_hash = '0'.repeat(64)
      },
      message: /rule Alpha: its logic hash is [0-9a-f]{64}, pack\.json says 0{64}/,
    },
    {
      what: 'a rule in a file that the manifest does not list',
      edit: (m: Record<string, unknown>) => {
        m.rules = rulesOf(m).slice(0, 1)
      },
      message: /rule Beta is not listed in pack\.json/,
    },
    {
      what: 'a listed rule that no file defines',
      edit: (m: Record<string, unknown>) => {
        rulesOf(m)[1]!.name = 'Gamma'
      },
      message: /rule Gamma is listed in pack\.json but not in any rule file/,
    },
    {
      what: 'a rule in another namespace',
      edit: (m: Record<string, unknown>) => {
        rulesOf(m)[1]!.namespace = 'other'
      },
      message: /rule Beta has namespace other, not test_pack/,
    },
  ])(
    'refuses a manifest whose rule list disagrees with the files: $what',
    async ({ edit, message }) => {
      await writeManifestPack()
      await rewriteManifest(edit)

      await expectRefused('RULES_INVALID', message)
    },
  )

  it.each([
    { what: 'another format', edit: (m: Record<string, unknown>) => (m.format = 'outpost-pack/2') },
    {
      what: 'an unknown key',
      edit: (m: Record<string, unknown>) => (m.homepage = 'https://example.org'),
    },
    { what: 'a negative sequence', edit: (m: Record<string, unknown>) => (m.sequence = -1) },
    { what: 'an unknown TLP', edit: (m: Record<string, unknown>) => (m.tlp = 'white') },
    {
      what: 'an unknown external',
      edit: (m: Record<string, unknown>) =>
        ((m.engine as Record<string, unknown>).externals = ['hostname']),
    },
    {
      what: 'a score above 100',
      edit: (m: Record<string, unknown>) =>
        ((rulesOf(m)[0]!.meta as Record<string, unknown>).score = 101),
    },
  ])('refuses a manifest that breaks the schema: $what', async ({ edit }) => {
    await writeManifestPack()
    await rewriteManifest(edit)

    await expectRefused('RULES_INVALID', /not a valid outpost-pack\/1 manifest/)
  })

  it('refuses a __proto__ key instead of merging it into an object', async () => {
    await writeManifestPack()
    const text = await readFile(join(pack, 'pack.json'), 'utf8')
    await writeFile(join(pack, 'pack.json'), text.replace('{', '{"__proto__": {"polluted": true},'))

    await expectRefused('RULES_INVALID', /Unrecognized key/)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses a manifest that is not JSON, or too big to be one', async () => {
    await writeManifestPack()
    await writeFile(join(pack, 'pack.json'), '{ "format": ')
    await expectRefused('RULES_INVALID', /not valid UTF-8 JSON/)

    await writeFile(join(pack, 'pack.json'), Buffer.alloc(MAX_MANIFEST_BYTES + 1, 0x20))
    await expectRefused('RULES_INVALID', /the limit is/)
  })

  it('refuses a rule file with an include, naming it in the diagnostics', async () => {
    await writeTree(pack, { 'rules/alpha.yar': `include "../../secret.yar"\n${ALPHA}` })

    await expect(loadRulePack(pack, 'local')).rejects.toMatchObject({
      code: 'RULES_INVALID',
      details: [expect.objectContaining({ file: 'rules/alpha.yar', line: 1, code: 'include' })],
    })
  })
})

describe('loadRulePack: local rules without a manifest', () => {
  it('loads a folder as an unsigned pack named after it, walking sub-folders', async () => {
    const folder = join(work, 'My Rules (v2)')
    await writeTree(folder, {
      'alpha.yar': ALPHA,
      'more/beta.yara': BETA,
      'notes.txt': 'not a rule',
      '.git/HEAD.yar': 'this is not read',
    })

    const loaded = await loadRulePack(folder, 'local')

    expect(loaded.summary).toMatchObject({
      name: 'My Rules (v2)',
      version: 'local',
      signed: false,
      origin: 'local',
      ruleCount: 2,
    })
    expect(loaded.namespace).toBe('My_Rules__v2_')
    expect(loaded.sources.map((s) => s.displayName)).toEqual(['alpha.yar', 'more/beta.yara'])
    const listing = JSON.stringify([
      { path: 'alpha.yar', sha256: sha256(ALPHA) },
      { path: 'more/beta.yara', sha256: sha256(BETA) },
    ])
    expect(loaded.manifestSha256).toBe(sha256(listing))
  })

  it('loads a single rule file, named after the file', async () => {
    await writeTree(work, { 'web-shells.yara': BETA })

    const loaded = await loadRulePack(join(work, 'web-shells.yara'), 'local')

    expect(loaded.summary).toMatchObject({ name: 'web-shells', version: 'local', ruleCount: 1 })
    expect(loaded.namespace).toBe('web_shells')
    expect(loaded.rules.map((r) => r.name)).toEqual(['Beta'])
  })

  it.each([
    { score: '150', expected: 100 },
    { score: '-3', expected: 0 },
    { score: '"80"', expected: 80 },
    { score: '"high"', expected: 50 },
    { score: '42', expected: 42 },
  ])('turns score = $score into $expected', async ({ score, expected }) => {
    await writeTree(work, { 'one.yar': `rule One { meta: score = ${score} condition: true }\n` })

    const loaded = await loadRulePack(join(work, 'one.yar'), 'local')

    expect(loaded.rules[0]!.score).toBe(expected)
  })

  it('refuses two rules with the same name', async () => {
    await writeTree(pack, { 'a.yar': BETA, 'b.yar': BETA })

    await expectRefused('RULES_INVALID', /rule Beta is defined twice \(first at a\.yar:1\)/)
  })

  it('refuses a symlinked rule file that points outside the folder', async () => {
    await writeTree(work, { 'elsewhere/beta.yar': BETA, 'local/alpha.yar': ALPHA })
    await symlink(join(work, 'elsewhere/beta.yar'), join(work, 'local/beta.yar'))

    await expectRefused('RULES_INVALID', /resolves outside the pack/, join(work, 'local'))
  })

  it.skipIf(process.platform === 'win32')(
    'refuses a FIFO named like a rule file without hanging',
    async () => {
      await writeTree(pack, { 'alpha.yar': ALPHA })
      execFileSync('mkfifo', [join(pack, 'zeta.yar')])

      await expectRefused('RULES_INVALID', /zeta\.yar is not a regular file/)
    },
  )
})

describe('loadRulePack: what is not a pack', () => {
  it('reports a missing path as RULES_NOT_FOUND', async () => {
    await expectRefused('RULES_NOT_FOUND', /No rule pack at/, join(work, 'nope'))
  })

  it('reports a folder without rule files as RULES_NOT_FOUND', async () => {
    await writeTree(pack, { 'README.md': '# nothing here' })

    await expectRefused('RULES_NOT_FOUND', /No \.yar or \.yara rule file/)
  })

  it('refuses a file that is not a .yar or .yara file', async () => {
    await writeTree(work, { 'rules.txt': BETA })

    await expectRefused(
      'RULES_INVALID',
      /neither a rule pack folder nor a \.yar\/\.yara rule file/,
      join(work, 'rules.txt'),
    )
  })
})
