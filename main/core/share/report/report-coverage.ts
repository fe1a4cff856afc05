import type { CoverageReason } from '../../model/coverage'
import type { ExportModel } from '../export-model'
import type { SafeHtml } from './html-escape'
import { html } from './html-escape'
import { formatCount } from './report-format'

/**
 * What each coverage reason means for the reader, one line each.
 *
 * Keyed by every reason in `COVERAGE_REASONS`, so adding a reason fails type-checking here.
 */
export const COVERAGE_EXPLANATIONS: Readonly<Record<CoverageReason, string>> = {
  'too-large': 'Larger than the whole-file scan limit (older scans): hashed, not scanned.',
  timeout:
    'The scan of the file hit the time limit and was stopped; later content was not scanned.',
  'process-crashed':
    'The scanner process died on this file; it was restarted and the scan went on without it.',
  unreadable: 'Could not be opened or read (permissions, I/O error, or the file vanished).',
  symlink: 'A symbolic link: recorded with its target, not followed.',
  'special-file': 'A device, socket or FIFO: recorded, never read.',
  'unlistable-folder': 'A folder that could not be listed: what it holds was not seen.',
  'externals-incomplete':
    'Some per-file variables could not be given to the rules; rules that use them may miss.',
  'changed-during-read':
    'The file changed while it was read; its hashes may not match its content.',
  'engine-error': 'The YARA engine reported an error on this file.',
  encrypted:
    'Encrypted content (e.g. NTFS EFS): listed with its metadata, never decrypted, not scanned.',
  'deleted-overwritten': 'A deleted file whose clusters were reused: its old content is gone.',
  'filesystem-damaged':
    'Part of a file system could not be read (bad cluster chain, directory loop, …).',
  'unknown-filesystem':
    'A volume whose file system could not be read: scanned as raw blocks instead.',
  'block-mode':
    'Scanned in blocks (unallocated space, unread volumes): rules saw one block at a time, so file-level conditions do not apply.',
  'known-good': 'In a known-good hash set (e.g. NSRL): hashed, not given to YARA.',
}

/**
 * The one-line explanation of a coverage reason, with a fallback for reasons this version
 * does not know (a newer sender).
 *
 * The unknown reason itself is still shown by the caller.
 */
export function explainCoverage(reason: string): string {
  return Object.hasOwn(COVERAGE_EXPLANATIONS, reason)
    ? COVERAGE_EXPLANATIONS[reason as CoverageReason]
    : 'Not fully scanned for a reason this report version does not describe; ask the sender.'
}

/**
 * Coverage section: per evidence item and reason, how many files were not fully scanned.
 *
 * An empty list is said out loud: "every file was scanned completely".
 */
export function coverageSection(model: ExportModel): SafeHtml {
  const labels = new Map(model.evidence.map((item) => [item.uuid, item.label]))
  const rows = model.coverage.map(
    (entry) =>
      html`<tr>
        <td>${labels.get(entry.evidenceUuid) ?? entry.evidenceUuid}</td>
        <td class="mono">${entry.reason}</td>
        <td class="num">${formatCount(entry.count)}</td>
        <td>${explainCoverage(entry.reason)}</td>
      </tr>`,
  )
  const body =
    rows.length === 0
      ? html`<p>Every file in the scanned evidence was scanned completely.</p>`
      : html`<p>
            Absence of a finding here does not mean absence of the content: these files were not
            (fully) scanned.
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Evidence</th>
                <th scope="col">Reason</th>
                <th scope="col" class="num">Files</th>
                <th scope="col">What it means</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
  return html`<section class="report-section" id="coverage" aria-labelledby="coverage-h">
    <h2 id="coverage-h">Coverage: what was not fully scanned</h2>
    ${body}
  </section>`
}
