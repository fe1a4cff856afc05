import type { SafeHtml } from './html-escape'
import { html, multilineText } from './html-escape'
import type { VerifyInfo } from './verify-commands'
import { posixVerifyCommands, powerShellVerifyCommands, TRUST_CAUTION } from './verify-commands'

/**
 * "How to verify this bundle": the exact commands, the key id and fingerprint, and the caution
 * that trust comes from an out-of-band copy of the key.
 *
 * For an unsigned bundle it says so: the checksums then show integrity, not origin.
 */
export function verifySection(verify: VerifyInfo): SafeHtml {
  const signed = verify.publicKeyBase64 !== null
  const keyFacts = signed
    ? html`<dl class="kv">
        <dt>Key id</dt>
        <dd class="mono">${verify.keyId ?? 'unknown'}</dd>
        <dt>Fingerprint</dt>
        <dd class="hash">${verify.fingerprint ?? 'unknown'}</dd>
        <dt>Public key</dt>
        <dd class="hash">${verify.publicKeyBase64}</dd>
        <dt>Bundle file</dt>
        <dd class="path">${verify.zipName}</dd>
      </dl>`
    : html`<p class="caution">
          This bundle is not signed. The checksums below show that the files are intact, not who
          made them.
        </p>
        <dl class="kv">
          <dt>Bundle file</dt>
          <dd class="path">${verify.zipName}</dd>
        </dl>`
  return html`<section class="report-section" id="verify" aria-labelledby="verify-h">
    <h2 id="verify-h">How to verify this bundle</h2>
    ${keyFacts} ${signed ? html`<p class="caution">${TRUST_CAUTION}</p>` : null}
    <h3>Linux and macOS</h3>
    <pre class="cmd"><code>${multilineText(posixVerifyCommands(verify).join('\n'))}</code></pre>
    <h3>Windows PowerShell</h3>
    <pre
      class="cmd"
    ><code>${multilineText(powerShellVerifyCommands(verify).join('\n'))}</code></pre>
    <p>
      A good signature makes minisign print <code>Signature and comment signature verified</code>; a
      changed file makes it print <code>Signature verification failed</code> and exit with status 1.
      <code>sha256sum -c</code> must print <code>OK</code> for every file.
    </p>
  </section>`
}
