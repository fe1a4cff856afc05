import { sha256Hex } from '../../crypto/digest'
import type { ExportModel } from '../export-model'
import { renderFindingsCsv } from '../findings-csv'
import type { MispFeed } from '../misp/misp-feed'
import { renderReadme } from '../readme-text'
import { renderReportHtml } from '../report/report-html'
import type { StixBundle } from '../stix/stix-objects'
import type { BundleFileEntry, BundleRole } from './bundle-manifest'

/** One file of a bundle before it is listed and zipped. */
export interface BundleMember {
  readonly path: string
  readonly data: Buffer
  readonly mediaType: string
  readonly role: BundleRole
}

/** What the human-readable parts print about the signing key. */
export interface BundleKeyInfo {
  readonly keyId: string
  readonly publicKeyText: string
  readonly publicKeyBase64: string
  readonly fingerprint: string
}

/**
 * Every member of a bundle but the manifest, SHA256SUMS and its signature: README, the public
 * key, STIX, the MISP feed, the rules, the CSV, the HTML report and the audit entries.
 */
export function bundleMembers(
  model: ExportModel,
  formats: { readonly stix: StixBundle; readonly misp: MispFeed },
  key: BundleKeyInfo,
  zipName: string,
): BundleMember[] {
  const keyFileName = `keys/${slug(model.producer.org) || 'producer'}-${key.keyId}.pub`
  const verify = {
    zipName,
    publicKeyBase64: key.publicKeyBase64,
    keyId: key.keyId,
    fingerprint: key.fingerprint,
  }
  const members: BundleMember[] = [
    text('README.txt', renderReadme(model, { ...verify, keyFileName }), 'text/plain', 'readme'),
    text(keyFileName, key.publicKeyText, 'text/plain', 'key'),
    text(
      'stix/bundle.json',
      `${JSON.stringify(formats.stix, null, 2)}\n`,
      'application/stix+json',
      'stix',
    ),
    ...formats.misp.files.map((file) =>
      text(
        `misp/${file.path}`,
        file.content,
        file.path.endsWith('.csv') ? 'text/csv' : 'application/json',
        file.path === 'manifest.json' || file.path === 'hashes.csv'
          ? 'misp-feed-index'
          : 'misp-event',
      ),
    ),
    ...ruleFiles(model),
    text('findings/findings.csv', renderFindingsCsv(model), 'text/csv', 'table'),
    text(
      'report/report.html',
      renderReportHtml(model, { ...verify, keyFileName }),
      'text/html',
      'report',
    ),
    text('audit/audit.jsonl', auditJsonl(model), 'application/jsonl', 'audit'),
  ]
  return members.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** The manifest entry of a member. */
export function memberEntry(member: BundleMember): BundleFileEntry {
  return {
    path: member.path,
    sha256: sha256Hex(member.data),
    size: member.data.length,
    media_type: member.mediaType,
    role: member.role,
  }
}

/** `rules/<namespace>/<name>.yar`: one self-contained rule per file, as in the indicator. */
function ruleFiles(model: ExportModel): BundleMember[] {
  return model.rules.map((rule) =>
    text(
      `rules/${slug(rule.namespace) || 'rules'}/${slug(rule.name) || 'rule'}.yar`,
      rule.source.endsWith('\n') ? rule.source : `${rule.source}\n`,
      'text/x-yara',
      'rule',
    ),
  )
}

/** The audit entries as JSON lines, then one line with the head they end at. */
function auditJsonl(model: ExportModel): string {
  const lines = model.audit.entries.map((entry) => JSON.stringify(entry))
  lines.push(JSON.stringify({ head: model.audit.head, redacted: model.audit.redacted }))
  return `${lines.join('\n')}\n`
}

function text(path: string, content: string, mediaType: string, role: BundleRole): BundleMember {
  return { path, data: Buffer.from(content, 'utf8'), mediaType, role }
}

/** A file-name-safe slug: letters, digits, dot, dash and underscore. */
export function slug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 64)
}
