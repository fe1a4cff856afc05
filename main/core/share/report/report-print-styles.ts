import type { SafeHtml } from './html-escape'
import { html } from './html-escape'

/**
 * The report's print stylesheet: dark text on white, a page per section, rows kept whole.
 *
 * The small TLP label (`.tlp-print`) is `position: fixed`, which the major browsers repeat at the
 * top of every printed page; the colours are kept with `print-color-adjust: exact`.
 */
export function reportPrintStyles(): SafeHtml {
  return html`<style>
    @media print {
      @page {
        margin: 16mm 12mm 14mm;
      }
      body {
        padding: 0;
        font-size: 10.5pt;
        color: #000;
        background: #fff;
      }
      .tlp-banner {
        margin: 0;
      }
      .tlp-print {
        display: block;
        position: fixed;
        top: 0;
        right: 0;
        background: #000;
        padding: 0.1rem 0.5rem;
        font-weight: 700;
      }
      section.report-section {
        break-before: page;
      }
      section.report-section.first {
        break-before: auto;
      }
      h2,
      h3,
      h4 {
        break-after: avoid;
      }
      tr,
      .finding,
      .note,
      dl.kv,
      pre,
      figure {
        break-inside: avoid;
      }
      thead {
        display: table-header-group;
      }
      pre,
      .cmd {
        background: #fff;
        color: #000;
        border-color: #000;
      }
      a {
        color: #000;
        text-decoration: none;
      }
    }
  </style>`
}
