import { tlpLabel } from '../../model/tlp'
import type { ExportModel } from '../export-model'
import type { SafeHtml } from './html-escape'
import { html } from './html-escape'
import { withheldNotice } from './report-header'
import { formatBytes, formatCount, orDash } from './report-format'

interface PackRow {
  readonly name: string
  readonly version: string
  readonly sha256: string
}

/**
 * Every rule pack the export mentions (from the scans and the rules), once each, sorted.
 *
 * A pack is identified by name, version and SHA-256 together.
 */
export function packsOf(model: ExportModel): readonly PackRow[] {
  const packs = new Map<string, PackRow>()
  const add = (pack: PackRow): void => {
    packs.set(`${pack.name}\u0000${pack.version}\u0000${pack.sha256}`, pack)
  }
  model.scans.forEach((scan) => {
    scan.packs.forEach(add)
  })
  model.rules.forEach((rule) => {
    add({ name: rule.packName, version: rule.packVersion, sha256: rule.packSha256 })
  })
  return [...packs.keys()].sort().map((key) => packs.get(key) as PackRow)
}

function scansTable(model: ExportModel): SafeHtml {
  if (model.scans.length === 0) return html`<p>No scan records in this export.</p>`
  const rows = model.scans.map(
    (scan) =>
      html`<tr>
        <td>${scan.startedAt}</td>
        <td>${orDash(scan.finishedAt)}</td>
        <td>${scan.status}</td>
        <td>${scan.appVersion}</td>
        <td>${scan.engine}</td>
        <td class="mono">${scan.binding}</td>
        <td class="num">${formatCount(scan.filesScanned)}</td>
        <td class="num">${formatBytes(scan.bytesScanned)}</td>
      </tr>`,
  )
  return html`<table>
    <caption>
      Scans
    </caption>
    <thead>
      <tr>
        <th scope="col">Started</th>
        <th scope="col">Finished</th>
        <th scope="col">Status</th>
        <th scope="col">App version</th>
        <th scope="col">Engine</th>
        <th scope="col">Binding</th>
        <th scope="col" class="num">Files</th>
        <th scope="col" class="num">Bytes</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`
}

function packsTable(model: ExportModel): SafeHtml {
  const rows = packsOf(model).map(
    (pack) =>
      html`<tr>
        <td>${pack.name}</td>
        <td>${pack.version}</td>
        <td class="hash">${pack.sha256}</td>
      </tr>`,
  )
  return html`<table>
    <caption>
      Rule packs
    </caption>
    <thead>
      <tr>
        <th scope="col">Pack</th>
        <th scope="col">Version</th>
        <th scope="col">SHA-256</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`
}

function redactionBlock(model: ExportModel): SafeHtml {
  const { profile, rules, replaced } = model.redaction
  const counts = Object.keys(replaced)
    .sort()
    .map(
      (rule) =>
        html`<li>
          <span class="mono">${rule}</span>: ${formatCount(replaced[rule] ?? 0)} value(s) replaced
        </li>`,
    )
  return html`<h3>Redaction</h3>
    <dl class="kv">
      <dt>Profile</dt>
      <dd class="mono">${profile}</dd>
      <dt>Rules applied</dt>
      <dd>${rules.length === 0 ? 'none' : rules.join(', ')}</dd>
    </dl>
    ${
      counts.length === 0
        ? null
        : html`<ul>
            ${counts}
          </ul>`
    }`
}

function withheldBlock(model: ExportModel): SafeHtml {
  const { findingsAboveTlp, notesAboveTlp, findingsFiltered } = model.withheld
  const limit = tlpLabel(model.tlp)
  return html`<h3>Withheld</h3>
    ${withheldNotice(model) ?? html`<p>Nothing was withheld: no finding or note was above ${limit} and no filter left findings out.</p>`}
    <table>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col" class="num">Count</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>Findings marked above ${limit}</td>
          <td class="num" id="withheld-findings-tlp">${formatCount(findingsAboveTlp)}</td>
        </tr>
        <tr>
          <td>Notes marked above ${limit}</td>
          <td class="num" id="withheld-notes-tlp">${formatCount(notesAboveTlp)}</td>
        </tr>
        <tr>
          <td>Findings left out by the export filter</td>
          <td class="num" id="withheld-filtered">${formatCount(findingsFiltered)}</td>
        </tr>
      </tbody>
    </table>`
}

/**
 * Method section: scans, rule packs, redaction applied and what was withheld.
 *
 * Says explicitly when the report is partial, with the counts (never the withheld items).
 */
export function methodSection(model: ExportModel): SafeHtml {
  return html`<section class="report-section" id="method" aria-labelledby="method-h">
    <h2 id="method-h">Method</h2>
    ${scansTable(model)} ${packsTable(model)} ${redactionBlock(model)} ${withheldBlock(model)}
  </section>`
}

/**
 * Audit section: how many audit entries the bundle carries and the chain head they end at.
 *
 * When redaction changed entries, says that their hashes cannot be recomputed (links can).
 */
export function auditSection(model: ExportModel): SafeHtml {
  const { entries, head, redacted } = model.audit
  return html`<section class="report-section" id="audit" aria-labelledby="audit-h">
    <h2 id="audit-h">Audit trail</h2>
    <dl class="kv">
      <dt>Entries</dt>
      <dd>${formatCount(entries.length)} (in audit/audit.jsonl)</dd>
      <dt>Chain head</dt>
      <dd>
        ${head === null ? 'none' : html`seq ${head.seq}, hash <span class="hash">${head.hash}</span>`}
      </dd>
      <dt>Redacted</dt>
      <dd>
        ${redacted ? 'yes: redaction changed entries, so their hashes cannot be recomputed; the links between them still can be checked' : 'no: every entry hash can be recomputed'}
      </dd>
    </dl>
  </section>`
}
