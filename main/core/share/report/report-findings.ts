import { tlpLabel } from '../../model/tlp'
import type {
  ExportEvidence,
  ExportFinding,
  ExportMatch,
  ExportModel,
  ExportNote,
  ExportRule,
} from '../export-model'
import type { SafeHtml } from './html-escape'
import { html, multilineText } from './html-escape'
import { formatBytes, formatCount, formatOffset, hexDump, orDash, tlpTag } from './report-format'

/** Lookups built once per report, so each finding renders in constant time. */
interface FindingContext {
  readonly evidence: ReadonlyMap<string, ExportEvidence>
  readonly notes: ReadonlyMap<string, readonly ExportNote[]>
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group === undefined) groups.set(k, [item])
    else group.push(item)
  }
  return groups
}

function noteHtml(note: ExportNote): SafeHtml {
  const edited = note.modified === note.created ? null : html`, edited ${note.modified}`
  return html`<div class="note">
    <p class="meta">
      Note by ${note.author ?? 'analyst (redacted)'}, ${note.created}${edited} ${tlpTag(note.tlp)}
    </p>
    <p class="note-text">${multilineText(note.text)}</p>
  </div>`
}

function excerptHtml(match: ExportMatch): SafeHtml {
  if (match.excerptHex === null) {
    return html`<span class="redacted"
      >redacted (SHA-256 <span class="hash">${match.excerptSha256}</span>)</span
    >`
  }
  const truncated = match.truncated
    ? html`<p class="meta">truncated: the excerpt is shorter than the match</p>`
    : null
  return html`<pre>${multilineText(hexDump(match.excerptHex))}</pre>
    ${truncated}`
}

function matchesHtml(finding: ExportFinding): SafeHtml {
  if (finding.matches.length === 0) {
    return html`<p class="meta">
      ${formatCount(finding.matchCount)} match(es); no matched strings recorded (the condition
      matched without string hits).
    </p>`
  }
  const shown =
    finding.matches.length < finding.matchCount
      ? html`<caption>
          Matched strings: ${formatCount(finding.matches.length)} of
          ${formatCount(finding.matchCount)} shown
        </caption>`
      : html`<caption>
          Matched strings
        </caption>`
  const rows = finding.matches.map(
    (m) =>
      html`<tr>
        <td class="mono">${m.identifier}</td>
        <td class="num mono">${formatOffset(m.offset)}</td>
        <td class="num">${formatCount(m.length)}</td>
        <td>${excerptHtml(m)}</td>
      </tr>`,
  )
  return html`<table class="matches">
    ${shown}
    <thead>
      <tr>
        <th scope="col">String</th>
        <th scope="col" class="num">Offset (hex, dec)</th>
        <th scope="col" class="num">Length</th>
        <th scope="col">Excerpt (hex | ASCII)</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`
}

function findingHtml(finding: ExportFinding, ctx: FindingContext): SafeHtml {
  const { file } = finding
  const evidence = ctx.evidence.get(finding.evidenceUuid)
  const flags = [
    file.deleted ? html`<span class="flag">deleted</span>` : null,
    file.unallocated ? html`<span class="flag">unallocated</span>` : null,
  ]
  const notes = ctx.notes.get(finding.uuid) ?? []
  return html`<article class="finding" id="finding-${finding.findingId}">
    <h4>
      Finding #${finding.findingId}:
      <span class="path">${file.name}</span> ${tlpTag(finding.tlp)}<span class="triage"
        >${finding.triageStatus}</span
      >${flags}
    </h4>
    <dl class="kv">
      <dt>Evidence</dt>
      <dd>${evidence?.label ?? finding.evidenceUuid}</dd>
      <dt>Location</dt>
      <dd>${orDash(file.location)}</dd>
      <dt>Path</dt>
      <dd class="path">${file.path}</dd>
      <dt>Size</dt>
      <dd>${formatBytes(file.sizeBytes)}</dd>
      <dt>MD5</dt>
      <dd class="hash">${orDash(file.md5)}</dd>
      <dt>SHA-1</dt>
      <dd class="hash">${orDash(file.sha1)}</dd>
      <dt>SHA-256</dt>
      <dd class="hash">${orDash(file.sha256)}</dd>
      <dt>MIME</dt>
      <dd>${orDash(file.mime)}</dd>
      <dt>Modified</dt>
      <dd>${orDash(file.modified)}</dd>
      <dt>Score</dt>
      <dd>${finding.score}</dd>
      <dt>Triage</dt>
      <dd>${finding.triageStatus}</dd>
      <dt>TLP</dt>
      <dd>${tlpLabel(finding.tlp)}</dd>
      <dt>Seen</dt>
      <dd>${finding.seenAt}</dd>
      <dt>Finding UUID</dt>
      <dd class="mono">${finding.uuid}</dd>
    </dl>
    ${matchesHtml(finding)}${notes.map(noteHtml)}
  </article>`
}

function ruleHeader(rule: ExportRule | undefined, key: string, count: number): SafeHtml {
  if (rule === undefined) {
    return html`<h3>Rule ${key}</h3>
      <p class="meta">${formatCount(count)} finding(s); rule details not in this export.</p>`
  }
  const tags =
    rule.tags.length === 0
      ? null
      : html`<dt>Tags</dt>
          <dd>${rule.tags.join(', ')}</dd>`
  return html`<h3 id="rule-${rule.indicatorUuid}">Rule ${rule.name}</h3>
    <dl class="kv">
      <dt>Namespace</dt>
      <dd>${rule.namespace}</dd>
      <dt>Pack</dt>
      <dd>${rule.packName} ${rule.packVersion}</dd>
      <dt>Score</dt>
      <dd>${rule.score}</dd>
      <dt>Description</dt>
      <dd>${orDash(rule.description)}</dd>
      <dt>Author</dt>
      <dd>${orDash(rule.author)}</dd>
      ${
        rule.ruleId === null
          ? null
          : html`<dt>Rule id</dt>
              <dd class="mono">${rule.ruleId}</dd>`
      }${tags}
      <dt>Findings</dt>
      <dd>${formatCount(count)}</dd>
    </dl>`
}

/**
 * The findings section: grouped by rule (in the model's rule order), each finding with its file
 * facts, matched strings and notes.
 *
 * Findings whose rule is missing from `model.rules` still appear, in a group of their own after
 * the known rules; notes on the whole case follow at the end.
 */
export function findingsSection(model: ExportModel): SafeHtml {
  const ctx: FindingContext = {
    evidence: new Map(model.evidence.map((item) => [item.uuid, item])),
    notes: groupBy(
      model.notes.filter((note) => note.findingUuid !== null),
      (note) => note.findingUuid ?? '',
    ),
  }
  const byRule = groupBy(model.findings, (finding) => finding.ruleKey)
  const rules = new Map(model.rules.map((rule) => [rule.key, rule]))
  const keys = [
    ...model.rules.map((rule) => rule.key).filter((key) => byRule.has(key)),
    ...[...byRule.keys()].filter((key) => !rules.has(key)).sort(),
  ]
  const groups = keys.map((key) => {
    const findings = byRule.get(key) ?? []
    return html`<section class="rule">
      ${ruleHeader(rules.get(key), key, findings.length)}${findings.map((f) => findingHtml(f, ctx))}
    </section>`
  })
  const caseNotes = model.notes.filter((note) => note.findingUuid === null)
  return html`<section class="report-section" id="findings" aria-labelledby="findings-h">
    <h2 id="findings-h">Findings (${formatCount(model.findings.length)})</h2>
    ${model.findings.length === 0 ? html`<p>No findings in this export.</p>` : groups}
    ${
      caseNotes.length === 0
        ? null
        : html`<h3>Notes on the case</h3>
            ${caseNotes.map(noteHtml)}`
    }
  </section>`
}
