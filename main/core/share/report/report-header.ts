import type { TlpLevel } from '../../model/tlp'
import { tlpLabel } from '../../model/tlp'
import type { ExportModel } from '../export-model'
import type { SafeHtml } from './html-escape'
import { html } from './html-escape'
import { formatBytes, formatCount, orDash, tlpClass } from './report-format'

/**
 * FIRST's one-line meaning of each TLP 2.0 level (https://www.first.org/tlp/).
 *
 * The banner shows it next to the label; README.txt carries the full definitions.
 */
export const TLP_SHORT_MEANING: Readonly<Record<TlpLevel, string>> = {
  clear: 'Recipients can spread this to the world, there is no limit on disclosure.',
  green: 'Limited disclosure, recipients can spread this within their community.',
  amber:
    'Limited disclosure, recipients can only spread this on a need-to-know basis within their organization and its clients.',
  'amber+strict':
    'Limited disclosure, recipients can only spread this on a need-to-know basis: TLP:AMBER+STRICT restricts sharing to the organization only.',
  red: 'For the eyes and ears of individual recipients only, no further disclosure.',
}

/**
 * The TLP banner: the label in FIRST's colour on black, and its one-line meaning.
 *
 * A second copy (`.tlp-print`) is shown only in print, fixed so it repeats on every page.
 */
export function tlpBanner(level: TlpLevel): SafeHtml {
  const label = tlpLabel(level)
  return html`<header class="tlp-banner" role="banner" aria-label="Traffic Light Protocol">
      <span class="tlp-label ${tlpClass(level)}" id="tlp-label">${label}</span
      ><span class="tlp-meaning">${TLP_SHORT_MEANING[level]}</span>
    </header>
    <div class="tlp-print ${tlpClass(level)}" aria-hidden="true">${label}</div>`
}

/**
 * Title block: case, producer, examiner (unless redacted), created time and bundle id.
 *
 * Values come from the export model only (never the clock), so the block is deterministic.
 */
export function headerSection(model: ExportModel): SafeHtml {
  const { producer, case: kase } = model
  return html`<section class="report-section first" id="summary" aria-labelledby="summary-h">
    <h1 id="summary-h">Triage report: ${kase.name}</h1>
    <dl class="kv">
      <dt>Case</dt>
      <dd>${kase.name}</dd>
      <dt>Case number</dt>
      <dd>${kase.caseNumber ?? 'not given (absent or redacted)'}</dd>
      ${
        kase.description === null
          ? null
          : html`<dt>Description</dt>
              <dd>${kase.description}</dd>`
      }
      <dt>Producer</dt>
      <dd>${producer.org}</dd>
      ${
        producer.examiner === null
          ? null
          : html`<dt>Examiner</dt>
              <dd>${producer.examiner}</dd>`
      }
      <dt>Created</dt>
      <dd>${model.created}</dd>
      <dt>Bundle id</dt>
      <dd class="mono">${model.bundleId}</dd>
      <dt>Tool</dt>
      <dd>${producer.tool} ${producer.toolVersion}</dd>
      <dt>Signing key id</dt>
      <dd class="mono">${producer.keyId ?? 'unsigned'}</dd>
      <dt>Contents</dt>
      <dd>
        ${formatCount(model.evidence.length)} evidence item(s), ${formatCount(model.rules.length)}
        rule(s), ${formatCount(model.findings.length)} finding(s),
        ${formatCount(model.notes.length)} note(s)
      </dd>
    </dl>
    ${withheldNotice(model)}
  </section>`
}

/**
 * A boxed notice when the TLP limit or the filter left findings or notes out.
 *
 * Repeated in the method section; the partner must not mistake a partial report for a full one.
 */
export function withheldNotice(model: ExportModel): SafeHtml | null {
  const { findingsAboveTlp, notesAboveTlp, findingsFiltered } = model.withheld
  if (findingsAboveTlp + notesAboveTlp + findingsFiltered === 0) return null
  const limit = tlpLabel(model.tlp)
  return html`<div class="partial" role="note">
    <strong>This report is partial.</strong> Withheld: ${formatCount(findingsAboveTlp)} finding(s)
    and ${formatCount(notesAboveTlp)} note(s) marked above ${limit};
    ${formatCount(findingsFiltered)} finding(s) left out by the export filter. Ask the sender if you
    need them.
  </div>`
}

/**
 * Evidence table: label, kind/format, file name, size and hashes of every item.
 *
 * Folders have no container hashes; those cells show a dash.
 */
export function evidenceSection(model: ExportModel): SafeHtml {
  const rows = model.evidence.map(
    (item) =>
      html`<tr>
        <td>${item.label}</td>
        <td>${item.kind}${item.format === null ? null : html` (${item.format})`}</td>
        <td class="path">${orDash(item.fileName)}</td>
        <td class="num">${formatBytes(item.sizeBytes)}</td>
        <td class="hash">${orDash(item.md5)}</td>
        <td class="hash">${orDash(item.sha1)}</td>
        <td class="hash">${orDash(item.sha256)}</td>
      </tr>`,
  )
  return html`<section class="report-section" id="evidence" aria-labelledby="evidence-h">
    <h2 id="evidence-h">Evidence</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Label</th>
          <th scope="col">Kind (format)</th>
          <th scope="col">File name</th>
          <th scope="col" class="num">Size</th>
          <th scope="col">MD5</th>
          <th scope="col">SHA-1</th>
          <th scope="col">SHA-256</th>
        </tr>
      </thead>
      <tbody>
        ${
          rows.length === 0
            ? html`<tr>
                <td colspan="7">No evidence items.</td>
              </tr>`
            : rows
        }
      </tbody>
    </table>
  </section>`
}
