import { createRequire } from 'node:module'
import { describe, expect, it, vi } from 'vitest'
import type { ExportFinding, ExportModel } from '../../../../main/core/share/export-model'
import { REPORT_CSP, renderReportHtml } from '../../../../main/core/share/report/report-html'
import { sampleExportModel } from '../../../helpers/export-model-fixture'

// jsdom ships no types and @types/jsdom is not installed: the little this test uses, typed here.
interface DomElement {
  readonly tagName: string
  readonly textContent: string | null
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>
  getAttribute(name: string): string | null
  querySelector(selector: string): DomElement | null
  querySelectorAll(selector: string): ArrayLike<DomElement>
}
interface DomWindow {
  readonly document: DomElement & { readonly body: DomElement }
  alert: (...args: unknown[]) => void
  close(): void
}
type JsdomOptions = { runScripts?: 'dangerously'; beforeParse?: (window: DomWindow) => void }
type JsdomConstructor = new (html: string, options?: JsdomOptions) => { readonly window: DomWindow }
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: JsdomConstructor }

const VERIFY = {
  zipName: 'case-2025-0042_EV-01_TLP-AMBER_20250314T1002Z.zip',
  publicKeyBase64: 'RWT+u5+pIQiaqs33mzGLG6/eChvfmQrkVp6OrDpF8GLwHX/BePVdeZq+',
  keyId: 'AA9A0821A99FBBFE',
  fingerprint: 'SHA256:3q2+7w0123456789abcdefABCDEF0123456789xyz=',
}

function parse(html: string): DomWindow {
  return new JSDOM(html).window
}

function all(root: DomElement, selector: string): DomElement[] {
  return Array.from(root.querySelectorAll(selector))
}

function text(window: DomWindow): string {
  return window.document.body.textContent ?? ''
}

function hostileModel(): ExportModel {
  const base = sampleExportModel()
  const [first, ...rest] = base.findings as [ExportFinding, ...ExportFinding[]]
  const firstMatch = first.matches[0]
  if (firstMatch === undefined) throw new Error('fixture changed')
  return {
    ...base,
    findings: [
      {
        ...first,
        file: { ...first.file, name: 'ctl\u0001bidi\u202Etxt.exe lone\ud800.dll' },
        matches: [{ ...firstMatch, excerptHex: null, excerptSha256: 'e'.repeat(64) }],
      },
      ...rest,
    ],
    notes: [
      ...base.notes,
      {
        ...base.notes[0]!,
        uuid: '11111111-2222-5333-8444-555555555555',
        text: 'line one\r\n<a href="javascript:alert(3)">link</a>\nline three',
      },
    ],
  }
}

describe('renderReportHtml: safety', () => {
  const html = renderReportHtml(sampleExportModel(), VERIFY)
  const window = parse(html)
  const elements = all(window.document, '*')

  it('has no script, no event handler attribute and no javascript: URL', () => {
    expect(all(window.document, 'script')).toHaveLength(0)
    const attributes = elements.flatMap((el) => Array.from(el.attributes))
    expect(attributes.filter((a) => a.name.toLowerCase().startsWith('on'))).toEqual([])
    expect(attributes.filter((a) => /javascript:/i.test(a.value))).toEqual([])
  })

  it('loads no external resource: no URL in src, href or style, no @import', () => {
    const urlAttributes = elements.flatMap((el) =>
      Array.from(el.attributes).filter((a) =>
        /^(src|href|xlink:href|action|srcset|poster)$/i.test(a.name),
      ),
    )
    expect(urlAttributes).toEqual([])
    const styles = [
      ...all(window.document, 'style').map((el) => el.textContent ?? ''),
      ...elements.map((el) => el.getAttribute('style') ?? ''),
    ].join('\n')
    expect(styles).not.toMatch(/url\(|@import|@font-face|https?:/i)
    expect(html).not.toMatch(/https?:\/\//i)
    expect(all(window.document, 'link, iframe, object, embed, img, image, base')).toHaveLength(0)
  })

  it('declares utf-8 and the exact content security policy', () => {
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true)
    expect(window.document.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8')
    const csp = window.document.querySelector('meta[http-equiv="Content-Security-Policy"]')
    expect(csp?.getAttribute('content')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    )
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
  })

  it('shows hostile file names and rule meta as text', () => {
    expect(text(window)).toContain('<img src=x onerror=alert(1)>.html')
    expect(text(window)).toContain('</title><script>alert(2)</script>')
    expect(text(window)).toContain('<img src=x onerror=alert(1)> & "quotes"')
    expect(all(window.document, 'img')).toHaveLength(0)
    expect(window.document.querySelector('title')?.textContent).toBe(
      'TLP:AMBER Case 2025-0042: triage report',
    )
  })

  it('keeps note text as plain text', () => {
    const note = window.document.querySelector('#finding-1 .note-text')
    expect(note?.textContent).toBe('Rule matched svc.dll; loader config present. <b>not bold</b>')
    expect(all(window.document, '.note b')).toHaveLength(0)
  })

  it('never calls alert even with scripts enabled', () => {
    const alert = vi.fn()
    const live = new JSDOM(renderReportHtml(hostileModel(), VERIFY), {
      runScripts: 'dangerously',
      beforeParse: (w) => {
        w.alert = alert
      },
    }).window
    expect(alert).not.toHaveBeenCalled()
    expect(all(live.document, 'script, img, a')).toHaveLength(0)
    live.close()
  })

  it('shows control characters, bidi controls and lone surrogates visibly', () => {
    const hostile = parse(renderReportHtml(hostileModel(), VERIFY))
    const heading = hostile.document.querySelector('#finding-1 h4 .path')
    expect(heading?.textContent).toBe('ctl\\x01bidi\\u202etxt.exe lone\ufffd.dll')
    const note = all(hostile.document, '#finding-1 .note-text')[1]
    expect(note?.textContent).toBe('line one\n<a href="javascript:alert(3)">link</a>\nline three')
  })
})

describe('renderReportHtml: content', () => {
  const model = sampleExportModel()
  const window = parse(renderReportHtml(model, VERIFY))
  const body = text(window)

  it('shows the TLP banner', () => {
    expect(window.document.querySelector('#tlp-label')?.textContent).toBe('TLP:AMBER')
    expect(window.document.querySelector('.tlp-banner')?.textContent).toContain(
      'need-to-know basis',
    )
  })

  it('shows every finding with its file facts, every evidence hash and every rule', () => {
    for (const finding of model.findings) {
      const article = window.document.querySelector(`#finding-${finding.findingId}`)
      expect(article?.textContent).toContain(finding.file.path)
      expect(article?.textContent).toContain(finding.file.sha256 ?? '—')
      expect(article?.textContent).toContain(finding.triageStatus)
    }
    for (const item of model.evidence) {
      for (const hash of [item.md5, item.sha1, item.sha256])
        if (hash !== null) expect(body).toContain(hash)
    }
    for (const rule of model.rules) {
      expect(body).toContain(`Rule ${rule.name}`)
      expect(body).toContain(`${rule.packName} ${rule.packVersion}`)
    }
    expect(window.document.querySelector('#finding-3')?.textContent).toContain('deleted')
    expect(window.document.querySelector('#finding-4')?.textContent).toContain('unallocated')
    const finding4 = window.document.querySelector('#finding-4')?.textContent ?? ''
    // The markup is Prettier-formatted, so text may be wrapped: compare with whitespace collapsed.
    expect(finding4.replace(/\s+/g, ' ')).toContain('1 of 3 shown')
  })

  it('shows matched strings as offset hex and decimal, and a hex + ASCII excerpt', () => {
    const finding1 = window.document.querySelector('#finding-1')?.textContent ?? ''
    expect(finding1).toContain('0x0000000c (12)')
    expect(finding1).toContain('65 78 61 6d 70 6c 65 2d')
    expect(finding1).toContain('|example-loader-c|')
  })

  it('shows the hash of a redacted excerpt', () => {
    const hostile = parse(renderReportHtml(hostileModel(), VERIFY))
    expect(hostile.document.querySelector('#finding-1 .redacted')?.textContent).toBe(
      `redacted (SHA-256 ${'e'.repeat(64)})`,
    )
  })

  it('says what was withheld', () => {
    expect(window.document.querySelector('#withheld-findings-tlp')?.textContent).toBe('1')
    expect(window.document.querySelector('#withheld-filtered')?.textContent).toBe('0')
    expect(window.document.querySelector('.partial')?.textContent).toContain(
      'This report is partial.',
    )
    const complete = parse(
      renderReportHtml(
        sampleExportModel({
          withheld: { findingsAboveTlp: 0, notesAboveTlp: 0, findingsFiltered: 0 },
        }),
        VERIFY,
      ),
    )
    expect(complete.document.querySelector('.partial')).toBeNull()
    expect(text(complete)).toContain('Nothing was withheld')
  })

  it('explains coverage gaps, with a fallback for an unknown reason', () => {
    const coverage = window.document.querySelector('#coverage')?.textContent ?? ''
    expect(coverage).toContain('encrypted')
    expect(coverage).toContain('never decrypted')
    expect(coverage).toContain('one block at a time')
    const unknown = sampleExportModel({
      coverage: [{ evidenceUuid: 'x', reason: 'from-the-future', count: 3 }],
    })
    expect(text(parse(renderReportHtml(unknown, VERIFY)))).toContain('does not describe')
  })

  it('gives the verification commands, key id, fingerprint and the trust caution', () => {
    const verify = window.document.querySelector('#verify')?.textContent ?? ''
    expect(verify).toContain(`minisign -Vm ${VERIFY.zipName} -P ${VERIFY.publicKeyBase64}`)
    expect(verify).toContain(`unzip ${VERIFY.zipName}`)
    expect(verify).toContain('minisign -Vm SHA256SUMS')
    expect(verify).toContain('sha256sum -c SHA256SUMS')
    expect(verify).toContain('Get-FileHash -Algorithm SHA256')
    expect(verify).toContain(VERIFY.keyId)
    expect(verify).toContain(VERIFY.fingerprint)
    expect(verify).toContain('out-of-band copy of the key')
  })

  it('summarises the audit trail and hides a redacted examiner', () => {
    expect(window.document.querySelector('#audit')?.textContent).toContain(
      `seq 1, hash ${'1'.repeat(64)}`,
    )
    expect(body).toContain('Analyst A')
    const redacted = sampleExportModel({
      producer: { ...model.producer, examiner: null },
      notes: model.notes.map((note) => ({ ...note, author: null })),
      audit: { ...model.audit, entries: [] },
    })
    expect(text(parse(renderReportHtml(redacted, VERIFY)))).not.toContain('Analyst A')
  })

  it('is deterministic', () => {
    expect(renderReportHtml(sampleExportModel(), VERIFY)).toBe(
      renderReportHtml(sampleExportModel(), VERIFY),
    )
  })
})

describe('renderReportHtml: large cases', () => {
  it('renders 10,000 findings in linear size, printing the time (a hang guard, not a benchmark)', () => {
    const base = sampleExportModel()
    const template = base.findings[0]!
    const rules = Array.from({ length: 50 }, (_, r) => ({
      ...base.rules[0]!,
      key: `ns:Rule_${r}`,
      name: `Rule_${r}`,
      score: r * 2,
    }))
    const findings = Array.from({ length: 10_000 }, (_, i) => ({
      ...template,
      uuid: `00000000-0000-5000-8000-${String(i).padStart(12, '0')}`,
      findingId: i + 1,
      ruleKey: `ns:Rule_${i % 50}`,
      score: (i % 50) * 2,
      file: { ...template.file, path: `Users/alice/data/file-${i}.bin`, name: `file-${i}.bin` },
    }))
    const model = { ...base, rules, findings, notes: [] }

    // Best of three: the machine may be shared with other jobs, and the first run pays for JIT.
    const times: number[] = []
    let html = ''
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now()
      html = renderReportHtml(model, VERIFY)
      times.push(performance.now() - started)
    }
    const elapsed = Math.min(...times)

    const bytes = Buffer.byteLength(html)
    console.info(
      `10,000 findings: ${elapsed.toFixed(0)} ms (best of ${times.map((t) => t.toFixed(0)).join(', ')}), ${(bytes / 1024 / 1024).toFixed(1)} MiB (${Math.round(bytes / 10_000)} bytes per finding)`,
    )
    // ≈300 ms idle; only a blow-up (quadratic work) reaches this. The time is `npm run bench`'s.
    expect(elapsed).toBeLessThan(15_000)
    expect(bytes / 10_000).toBeLessThan(3000)
    expect(html).not.toMatch(/ style="/)
  })
})
