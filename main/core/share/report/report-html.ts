import { tlpLabel } from '../../model/tlp'
import type { ExportModel } from '../export-model'
import { findingsChartSection } from './findings-chart'
import { html } from './html-escape'
import { coverageSection } from './report-coverage'
import { findingsSection } from './report-findings'
import { evidenceSection, headerSection, tlpBanner } from './report-header'
import { auditSection, methodSection } from './report-method'
import { reportPrintStyles } from './report-print-styles'
import { reportStyles } from './report-styles'
import { verifySection } from './report-verify'
import type { VerifyInfo } from './verify-commands'

/**
 * The report's Content-Security-Policy: no script, no fetch, inline styles and data: images only.
 *
 * Set as a `<meta http-equiv>` so it holds when the file is opened from disk.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

/**
 * Render report/report.html: one self-contained, offline, printable HTML5 file.
 *
 * Sections: TLP banner, summary, evidence, findings chart, findings (grouped by rule, with
 * matched strings and notes), coverage, method, how to verify, audit. No script and no external
 * resource of any kind; every model value is escaped through the `html` template. Deterministic:
 * the same model and verify facts give the same string.
 */
export function renderReportHtml(model: ExportModel, verify: VerifyInfo): string {
  const title = `${tlpLabel(model.tlp)} ${model.case.name}: triage report`
  const page = html`<html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <meta name="generator" content="${model.producer.tool} ${model.producer.toolVersion}" />
      <title>${title}</title>
      ${reportStyles()} ${reportPrintStyles()}
    </head>
    <body>
      ${tlpBanner(model.tlp)}
      <main>
        ${headerSection(model)} ${evidenceSection(model)} ${findingsChartSection(model)}
        ${findingsSection(model)} ${coverageSection(model)} ${methodSection(model)}
        ${verifySection(verify)} ${auditSection(model)}
      </main>
    </body>
  </html> `
  return `<!DOCTYPE html>\n${page.markup}`
}
