import { describe, expect, it } from 'vitest'
import { TLP_LEVELS } from '../../../main/core/model/tlp'
import { renderReadme, TLP_DEFINITIONS, toAscii } from '../../../main/core/share/readme-text'
import { sampleExportModel } from '../../helpers/export-model-fixture'

const VERIFY = {
  zipName: 'case-2025-0042_EV-01_TLP-AMBER_20250314T1002Z.zip',
  publicKeyBase64: 'RWT+u5+pIQiaqs33mzGLG6/eChvfmQrkVp6OrDpF8GLwHX/BePVdeZq+',
  keyId: 'AA9A0821A99FBBFE',
  fingerprint: 'SHA256:3q2+7w0123456789abcdefABCDEF0123456789xyz=',
  keyFileName: 'example-cert.pub',
}

/** The README with its lines joined by spaces, so wrapped sentences read as one. */
function flat(readme: string): string {
  return readme.split('\r\n').join(' ').replace(/ +/g, ' ')
}

describe('renderReadme', () => {
  const model = sampleExportModel({
    case: { ...sampleExportModel().case, name: 'Café Ω \u0007 case' },
  })
  const readme = renderReadme(model, VERIFY)

  it('is plain ASCII with CRLF line ends only', () => {
    expect(readme).toMatch(/^[\x20-\x7e\r\n]*$/)
    expect(readme.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(readme.endsWith('\r\n')).toBe(true)
  })

  it('escapes non-ASCII and control characters as \\uXXXX', () => {
    expect(readme).toContain('Caf\\u00e9 \\u03a9 \\u0007 case (2025-0042)')
    expect(toAscii('a\u{1F600}b')).toBe('a\\ud83d\\ude00b')
    expect(readme).toContain('\\uXXXX')
  })

  it('opens with the TLP banner and FIRST definition of the export level', () => {
    expect(readme.split('\r\n')[1]).toMatch(/^TLP:AMBER\b/)
    expect(flat(readme)).toContain(
      'TLP:AMBER = Limited disclosure, recipients can only spread this on a need-to-know basis within their organization and its clients.',
    )
  })

  it.each(TLP_LEVELS)('carries the definition text for %s', (level) => {
    const text = flat(renderReadme(sampleExportModel({ tlp: level }), VERIFY))
    const label = `TLP:${level.toUpperCase()}`
    expect(text.split(' ').slice(0, 4).join(' ')).toContain(label)
    for (const paragraph of TLP_DEFINITIONS[level]) expect(text).toContain(paragraph)
    expect(TLP_DEFINITIONS[level][0]?.startsWith(`${label} = `)).toBe(true)
  })

  it('names the sender, case, created time, bundle id, contents and counts', () => {
    const text = flat(readme)
    expect(text).toContain('Sender: Example National CERT - Forensic Cell')
    expect(text).toContain('Examiner: Analyst A')
    expect(text).toContain('Created: 2025-03-14T10:02:00.000Z')
    expect(text).toContain('Bundle id: 9cbbf322-a386-59e8-89f0-df985ca3539f')
    for (const part of [
      'manifest.json',
      'SHA256SUMS.minisig',
      'keys/',
      'stix/bundle.json',
      'misp/',
      'rules/',
      'findings/findings.csv',
      'report/report.html',
      'audit/audit.jsonl',
    ]) {
      expect(text).toContain(part)
    }
    expect(text).toContain('Findings: 4')
    expect(text).toContain('Withheld: 1 finding(s) and 0 note(s) above TLP:AMBER')
    expect(text).toContain('THIS EXPORT IS PARTIAL')
  })

  it('gives the verification runbook with the zip name, key, key id and fingerprint', () => {
    expect(readme).toContain(`minisign -Vm ${VERIFY.zipName} -P ${VERIFY.publicKeyBase64}`)
    expect(readme).toContain('minisign -Vm SHA256SUMS -p keys/example-cert.pub')
    expect(readme).toContain('sha256sum -c SHA256SUMS')
    expect(readme).toContain('shasum -a 256 -c SHA256SUMS')
    expect(readme).toContain('Get-FileHash -Algorithm SHA256')
    expect(readme).toContain(`Key id:         ${VERIFY.keyId}`)
    expect(readme).toContain(VERIFY.fingerprint)
    expect(flat(readme)).toContain('Trust comes from an out-of-band copy of the key')
  })

  it('accepts the key file name with or without its keys/ folder', () => {
    const withFolder = renderReadme(model, { ...VERIFY, keyFileName: 'keys/example-cert.pub' })
    expect(withFolder).toContain('minisign -Vm SHA256SUMS -p keys/example-cert.pub')
    expect(withFolder).not.toContain('keys/keys/')
  })

  it('quotes an awkward zip name for the shell', () => {
    const odd = renderReadme(model, { ...VERIFY, zipName: "it's here.zip" })
    expect(odd).toContain(`minisign -Vm 'it'\\''s here.zip' -P`)
    expect(odd).toContain(`Expand-Archive -Path 'it''s here.zip'`)
  })

  it('leaves out a redacted examiner', () => {
    const redacted = sampleExportModel({ producer: { ...model.producer, examiner: null } })
    const text = renderReadme(redacted, VERIFY)
    expect(text).not.toContain('Analyst A')
    expect(text).not.toContain('Examiner:')
  })

  it('says when the bundle is not signed', () => {
    const text = flat(
      renderReadme(model, { ...VERIFY, publicKeyBase64: null, keyId: null, fingerprint: null }),
    )
    expect(text).toContain('NOT signed')
    expect(text).not.toContain('minisign -Vm')
    expect(text).toContain('sha256sum -c SHA256SUMS')
  })

  it('is deterministic', () => {
    expect(renderReadme(model, VERIFY)).toBe(readme)
  })
})
