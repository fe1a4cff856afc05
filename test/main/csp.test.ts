import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_CSP, APP_RESPONSE_HEADERS } from '../../main/security/csp'

const INDEX_HTML = join(import.meta.dirname, '..', '..', 'renderer', 'index.html')

function directives(policy: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) map.set(name, values.join(' '))
  }
  return map
}

describe('the CSP', () => {
  it('is the §2.3 policy: nothing remote, nothing inline, no frames, no plugins', () => {
    const policy = directives(APP_CSP)
    expect(policy.get('default-src')).toBe("'none'")
    expect(policy.get('script-src')).toBe("'self'")
    expect(policy.get('object-src')).toBe("'none'")
    expect(policy.get('frame-ancestors')).toBe("'none'")
    expect(APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
  })

  it('travels with every response, with nosniff', () => {
    expect(APP_RESPONSE_HEADERS['Content-Security-Policy']).toBe(APP_CSP)
    expect(APP_RESPONSE_HEADERS['X-Content-Type-Options']).toBe('nosniff')
  })

  it("renderer/index.html's <meta> copy is never looser than the header", () => {
    const html = readFileSync(INDEX_HTML, 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1]
    expect(meta, 'index.html keeps a <meta> CSP as a second layer').toBeDefined()
    const header = directives(APP_CSP)
    // Every directive the meta sets must be identical to the header's; one it leaves out falls
    // back to default-src 'none' (stricter), and frame-ancestors is ignored in a <meta> anyway.
    for (const [name, value] of directives(meta ?? '')) {
      expect(header.get(name), name).toBe(value)
    }
    expect(directives(meta ?? '').get('default-src')).toBe("'none'")
  })
})
