import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../main/core/model/errors'
import { MAX_EDITOR_SOURCE_BYTES } from '../../main/core/model/rule-editor'
import { AuthoringFolder } from '../../main/core/rules/authoring-folder'
import { asciiOf, tryRules } from '../../main/core/rules/rule-trial'
import {
  IN_PROCESS_VALIDATE_MAX_BYTES,
  RuleEditorService,
} from '../../main/services/rule-editor-service'
import { buildPackRelease } from '../../main/core/rules/pack-release'
import { resolveSigner } from '../../main/core/share/keys/trust-store'
import { workbench } from '../helpers/shared-case'
import { sourceLauncher } from '../helpers/launcher'
import { tempDir } from '../helpers/temp-dir'

const GOOD = `rule Planted_Marker
{
    strings:
        $m = "outpost-planted-marker"
    condition:
        $m
}
`

/** Line 6 names a pattern that is not declared: yara-x reports it at line 6, column 16. */
const BROKEN = `rule Broken
{
    strings:
        $a = "abc"
    condition:
        $a and $b
}
`

/** A service with no case: enough for validation and the authoring folder. */
function editor(dataDir = tempDir('outpost-data-')): RuleEditorService {
  return new RuleEditorService({
    cases: {
      require: () => {
        throw new AppError('NO_CASE_OPEN', 'no case in this test')
      },
    },
    scans: { start: () => Promise.reject(new Error('no scans in this test')) },
    dataDir,
  })
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error: unknown) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`
  }
  return undefined
}

describe('rules:validateSource (RuleEditorService.validate)', () => {
  it('reports nothing for a good rule', async () => {
    expect(await editor().validate(GOOD)).toEqual([])
  })

  it('locates an error of a broken rule: line, column, code, rule', async () => {
    const diagnostics = await editor().validate(BROKEN)
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({
      severity: 'error',
      file: 'editor.yar',
      line: 6,
      column: 16,
      rule: 'Broken',
    })
    expect(diagnostics[0]?.code).toMatch(/^E\d+$/)
    expect(diagnostics[0]?.message).toMatch(/\$b/)
  })

  it('keeps warnings apart from errors', async () => {
    const slow = `rule Slow { strings: $a = /a.*/ condition: $a }`
    const diagnostics = await editor().validate(slow)
    expect(diagnostics.length).toBeGreaterThan(0)
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true)
  })

  it('refuses includes: the text cannot read another file', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'secret.yar'), 'first line of a private file\n')
    const diagnostics = await editor().validate(`include "${join(dir, 'secret.yar')}"\n${GOOD}`)
    expect(diagnostics.some((d) => d.severity === 'error' && d.line === 1)).toBe(true)
    expect(JSON.stringify(diagnostics)).not.toContain('first line of a private file')
  })

  it('refuses a text above 1 MiB (UTF-8 bytes, not characters)', async () => {
    const big = `// ${'é'.repeat(MAX_EDITOR_SOURCE_BYTES / 2)}\n${GOOD}`
    expect(big.length).toBeLessThan(MAX_EDITOR_SOURCE_BYTES)
    await expect(editor().validate(big)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const justUnder = `//${' '.repeat(MAX_EDITOR_SOURCE_BYTES - GOOD.length - 3)}\n${GOOD}`
    expect(await editor().validate(justUnder)).toEqual([])
  })

  it('validates a large text in a scan process, with the same diagnostics', async () => {
    const padding = `// ${'x'.repeat(IN_PROCESS_VALIDATE_MAX_BYTES)}\n`
    const large = `${padding}${BROKEN}`
    const inProcess = await editor().validate(large)
    expect(inProcess).toHaveLength(1)
    expect(inProcess[0]?.line).toBe(7)
    const launcher = sourceLauncher()
    let launches = 0
    const counting = {
      launch: () => {
        launches += 1
        return launcher.launch()
      },
    }
    const withChild = new RuleEditorService({
      cases: { require: () => ({}) as never },
      scans: { start: () => Promise.reject(new Error('unused')) },
      dataDir: tempDir('outpost-data-'),
      launcher: counting,
    })
    expect(await withChild.validate(large)).toEqual(inProcess)
    expect(launches).toBe(1)
    expect(await withChild.validate(BROKEN)).toEqual(await editor().validate(BROKEN))
    expect(launches).toBe(1)
  })
})

describe('a trial scan of bytes', () => {
  it('finds a planted string at its offset, with hex and ASCII excerpts', () => {
    const bytes = Buffer.concat([
      Buffer.from([0, 1, 2, 0xff]),
      Buffer.from('xx outpost-planted-marker yy'),
    ])
    const outcome = tryRules(
      GOOD,
      bytes,
      { filename: 'a.bin', filepath: '/e', extension: '.bin', owner: '' },
      { engineTimeoutMs: 5_000, matchCapPerPattern: 10, excerptBytes: 8 },
    )
    expect(outcome.rules).toEqual(['Planted_Marker'])
    expect(outcome.matches).toEqual([
      {
        rule: 'Planted_Marker',
        identifier: '$m',
        offset: 7,
        length: 22,
        excerptHex: Buffer.from('outpost-').toString('hex'),
        excerptAscii: 'outpost-',
      },
    ])
  })

  it('shows non-printable bytes as dots', () => {
    expect(asciiOf(Buffer.from([0x41, 0x00, 0x7f, 0x0a, 0x7e]))).toBe('A...~')
  })

  it('refuses broken rules with their diagnostics', () => {
    const externals = { filename: '', filepath: '', extension: '', owner: '' }
    const limits = { engineTimeoutMs: 1_000, matchCapPerPattern: 1, excerptBytes: 1 }
    expect(codeOf(() => tryRules(BROKEN, Buffer.alloc(1), externals, limits))).toBe('RULES_INVALID')
  })
})

describe('the authoring folder', () => {
  it('saves, lists and reads back rule files in <dataDir>/authoring/rules', () => {
    const dataDir = tempDir('outpost-data-')
    const service = editor(dataDir)
    expect(service.list().files).toEqual([])
    expect(codeOf(() => service.save('web_shells', GOOD))).toBe('INVALID_INPUT')
    const saved = service.save('my-rules_1.yar', GOOD)
    expect(saved).toMatchObject({ file: 'my-rules_1.yar', sizeBytes: Buffer.byteLength(GOOD) })
    expect(readFileSync(join(dataDir, 'authoring/rules/my-rules_1.yar'), 'utf8')).toBe(GOOD)
    expect(service.read('my-rules_1.yar')).toBe(GOOD)
    const listing = service.list()
    expect(listing.files.map((f) => f.file)).toEqual(['my-rules_1.yar'])
    expect(listing.folder).toBe(join(dataDir, 'authoring'))
    expect(listing.releaseCommand).toBe(
      `outpost rules pack ${join(dataDir, 'authoring')} --sign --data-dir ${dataDir}`,
    )
  })

  it('refuses names that leave the folder or are odd, and writes nothing', () => {
    const dataDir = tempDir('outpost-data-')
    const folder = new AuthoringFolder(dataDir)
    for (const name of [
      '../x.yar',
      '..',
      'a/b.yar',
      'a\\b.yar',
      '/etc/x.yar',
      '.hidden.yar',
      'x.yara',
      'x.yar\0',
      'x .yar',
      `${'a'.repeat(65)}.yar`,
      '',
      'rule.txt',
    ]) {
      expect(codeOf(() => folder.save(name, GOOD))).toBe('INVALID_INPUT')
      expect(codeOf(() => folder.read(name))).toBe('INVALID_INPUT')
    }
    expect(existsSync(join(dataDir, 'x.yar'))).toBe(false)
    expect(existsSync(join(dataDir, 'authoring/x.yar'))).toBe(false)
  })

  it('replaces a file atomically and leaves no temporary file behind', () => {
    const dataDir = tempDir('outpost-data-')
    const folder = new AuthoringFolder(dataDir)
    folder.save('a.yar', 'rule A { condition: true }')
    folder.save('a.yar', GOOD)
    expect(folder.read('a.yar')).toBe(GOOD)
    expect(readdirSync(folder.rulesDir)).toEqual(['a.yar'])
  })

  it('neither follows nor replaces a link', () => {
    const dataDir = tempDir('outpost-data-')
    const outside = join(tempDir(), 'outside.yar')
    writeFileSync(outside, 'outside')
    const folder = new AuthoringFolder(dataDir)
    mkdirSync(folder.rulesDir, { recursive: true })
    symlinkSync(outside, join(folder.rulesDir, 'link.yar'))
    expect(codeOf(() => folder.read('link.yar'))).toBe('INVALID_INPUT')
    expect(codeOf(() => folder.save('link.yar', GOOD))).toBe('INVALID_INPUT')
    expect(readFileSync(outside, 'utf8')).toBe('outside')
    expect(folder.list()).toEqual([])
  })

  it('refuses a rules folder that is a link elsewhere', () => {
    const dataDir = tempDir('outpost-data-')
    const elsewhere = tempDir()
    mkdirSync(join(dataDir, 'authoring'))
    symlinkSync(elsewhere, join(dataDir, 'authoring/rules'))
    const folder = new AuthoringFolder(dataDir)
    expect(codeOf(() => folder.save('a.yar', GOOD))).toBe('INVALID_INPUT')
    expect(readdirSync(elsewhere)).toEqual([])
  })

  it('refuses a missing file, a non-UTF-8 file and an oversized save', () => {
    const dataDir = tempDir('outpost-data-')
    const folder = new AuthoringFolder(dataDir)
    expect(codeOf(() => folder.read('none.yar'))).toBe('NOT_FOUND')
    mkdirSync(folder.rulesDir, { recursive: true })
    writeFileSync(join(folder.rulesDir, 'bin.yar'), Buffer.from([0xff, 0xfe, 0x00]))
    expect(codeOf(() => folder.read('bin.yar'))).toBe('INVALID_INPUT')
    const big = 'x'.repeat(MAX_EDITOR_SOURCE_BYTES + 1)
    expect(codeOf(() => editor(dataDir).save('big.yar', big))).toBe('INVALID_INPUT')
    expect(existsSync(join(folder.rulesDir, 'big.yar'))).toBe(false)
  })

  it('quotes the release command for a shell when paths need it', () => {
    const dataDir = join(tempDir(), "it's data")
    expect(editor(dataDir).list().releaseCommand).toBe(
      `outpost rules pack '${dataDir.replace("'", "'\\''")}/authoring' --sign --data-dir '${dataDir.replace("'", "'\\''")}'`,
    )
  })

  it('holds what `outpost rules pack --sign` releases as a signed pack', async () => {
    const bench = workbench('Editor CERT')
    const service = editor(bench.dataDir)
    // A release needs author, description and date meta (the editor's new-rule template has them).
    const published = GOOD.replace(
      '{\n    strings:',
      '{\n    meta:\n        author = "ana"\n        description = "Detects the marker"\n        date = "2026-11-26"\n    strings:',
    )
    expect(published).toContain('author = "ana"')
    service.save('planted.yar', published)
    const release = await buildPackRelease(service.list().folder, {
      signer: bench.signer,
      resolveKey: (keyId) => resolveSigner(keyId, bench.stores),
      name: 'editor-pack',
      version: '1.0.0',
      tlp: 'amber',
      license: 'MIT',
      out: join(tempDir(), 'editor-pack-1.0.0'),
    })
    expect(release.manifest.rules.map((r) => r.name)).toEqual(['Planted_Marker'])
    expect(release.manifest.files.map((f) => f.path)).toContain('rules/planted.yar')
    expect(release.manifest.publisher.key_id).toBe(bench.signer.keyId)
  })
})
