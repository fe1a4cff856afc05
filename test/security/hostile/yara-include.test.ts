import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileSources, validateSource } from '../../../main/core/engine/yara-engine'
import { loadYaraBinding } from '../../../main/core/engine/yara-binding'
import { AppError } from '../../../main/core/model/errors'
import { loadRulePack } from '../../../main/core/rules/load-pack'
import { tempDir } from '../../helpers/temp-dir'

/**
 * Security-checks D4: a rule pack cannot make the app read a file outside it and show it. yara-x
 * would follow `include` to any path and echo the target's first line in its error; we compile
 * with includes off and refuse `include` before compiling. The secret's content is a unique
 * marker that must appear in no error message, detail or diagnostic.
 */
const MARKER = 'H6-SECRET-MARKER-7f3a'
const GOOD = 'rule Good { strings: $a = "good" condition: $a }\n'

interface Planted {
  readonly pack: string
  readonly secret: string
}

/** A secret file outside a fresh pack folder, whose first line yara-x would echo. */
function plant(): Planted {
  const root = tempDir('outpost-include-')
  const secret = join(root, 'secret.yar')
  // A YARA syntax error on line 1 that carries the marker: what an echo would show.
  writeFileSync(secret, `${MARKER} this is not YARA\nrule Secret { condition: true }\n`)
  const pack = join(root, 'a', 'pack')
  mkdirSync(pack, { recursive: true })
  return { pack, secret }
}

/** Everything a failure could show: the message, the details (diagnostics), the cause chain. */
function everythingShown(error: unknown): string {
  if (!(error instanceof AppError)) throw error
  return JSON.stringify({
    info: error.toInfo(),
    cause: error.cause instanceof Error ? error.cause.message : '',
  })
}

async function loadRefusal(pack: string): Promise<string> {
  try {
    await loadRulePack(pack, 'local')
  } catch (error: unknown) {
    return everythingShown(error)
  }
  return 'accepted'
}

function compileRefusal(source: string): string {
  try {
    compileSources([{ namespace: 'n', source, displayName: 'evil.yar' }])
  } catch (error: unknown) {
    return everythingShown(error)
  }
  return 'accepted'
}

describe('D4 YARA include traversal discloses nothing', () => {
  it('D4 include "/etc/hostname" (absolute): our error, at load and at compile', async () => {
    const { pack } = plant()
    writeFileSync(join(pack, 'evil.yar'), `include "/etc/hostname"\n${GOOD}`)

    const shown = await loadRefusal(pack)
    expect(shown).toMatch(/RULES_INVALID.*include \\"\/etc\/hostname\\" is not allowed/)
    expect(compileRefusal(`include "/etc/hostname"\n${GOOD}`)).toMatch(/RULES_INVALID/)
  })

  it('D4 include "../../secret.yar" (relative, outside the pack): refused, no content shown', async () => {
    const { pack, secret } = plant()
    writeFileSync(join(pack, 'evil.yar'), `include "../../secret.yar"\n${GOOD}`)

    const loaded = await loadRefusal(pack)
    const compiled = compileRefusal(`include "${secret}"\n${GOOD}`)
    const validated = JSON.stringify(
      validateSource({ namespace: 'n', source: `include "${secret}"\n`, displayName: 'e.yar' }, []),
    )
    expect(loaded).toMatch(/RULES_INVALID.*is not allowed/)
    expect(compiled).toMatch(/RULES_INVALID/)
    for (const shown of [loaded, compiled, validated]) expect(shown).not.toContain(MARKER)
  })

  it('D4 include through a symlink inside the pack: refused, no content shown', async () => {
    const { pack, secret } = plant()
    symlinkSync(secret, join(pack, 'inner.yar'))
    writeFileSync(join(pack, 'evil.yar'), `include "inner.yar"\n${GOOD}`)

    const shown = await loadRefusal(pack)
    expect(shown).toMatch(/RULES_INVALID/)
    expect(shown).not.toContain(MARKER)
  })

  it('D4 a rule file that IS a symlink to a file outside the pack: no content shown', async () => {
    const { pack, secret } = plant()
    symlinkSync(secret, join(pack, 'evil.yar'))

    const shown = await loadRefusal(pack)
    expect(shown).not.toContain(MARKER)
    expect(shown).not.toBe('accepted')
  })

  it('D4 control: the raw binding with includes ON echoes the secret, so the checks can fail', () => {
    const { secret } = plant()
    const { binding } = loadYaraBinding()
    const raw = JSON.stringify(binding.validate(`include "${secret}"\n`, { enableIncludes: true }))
    const ours = JSON.stringify(
      validateSource({ namespace: 'n', source: `${MARKER} not yara\n`, displayName: 'e.yar' }, []),
    )

    expect(raw).toContain(MARKER)
    // Our diagnostics keep the headline only: even a file's own bad line is not echoed.
    expect(ours).toContain('error')
    expect(ours).not.toContain(MARKER)
  })

  it('D4 a rule file that is a symlink out of the pack is refused as such', async () => {
    const { pack, secret } = plant()
    symlinkSync(secret, join(pack, 'evil.yar'))

    expect(await loadRefusal(pack)).toMatch(/RULES_INVALID.*resolves outside the pack/)
  })
})
