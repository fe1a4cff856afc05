import type { SafeHtml } from './html-escape'
import { html } from './html-escape'

/**
 * The report's one stylesheet, inline: screen and print, no fonts, no URLs.
 *
 * Every element is styled by class (never a per-row `style` attribute) so 10,000 findings stay
 * small. TLP colours are FIRST's (RED #FF2B2B, AMBER #FFC000, GREEN #33FF00, CLEAR white) on
 * black, as FIRST recommends for the label. Print rules are in {@link reportPrintStyles}.
 */
export function reportStyles(): SafeHtml {
  return html`<style>
    :root {
      color-scheme: light;
    }
    * {
      box-sizing: border-box;
    }
    body {
      margin: 0;
      padding: 0 1.5rem 2rem;
      font:
        14px/1.45 system-ui,
        -apple-system,
        'Segoe UI',
        Roboto,
        Arial,
        sans-serif;
      color: #111;
      background: #fff;
    }
    main {
      max-width: 78rem;
      margin: 0 auto;
    }
    h1 {
      font-size: 1.6rem;
      margin: 1rem 0 0.25rem;
    }
    h2 {
      font-size: 1.25rem;
      margin: 2rem 0 0.5rem;
      border-bottom: 2px solid #333;
      padding-bottom: 0.2rem;
    }
    h3 {
      font-size: 1.1rem;
      margin: 1.5rem 0 0.4rem;
    }
    h4 {
      font-size: 1rem;
      margin: 0 0 0.3rem;
    }
    p {
      margin: 0.3rem 0;
    }
    code,
    pre,
    .hash,
    .mono {
      font-family: ui-monospace, 'SFMono-Regular', Consolas, 'Liberation Mono', monospace;
      font-size: 0.85rem;
    }
    .hash,
    .path {
      overflow-wrap: anywhere;
      word-break: break-all;
    }
    pre {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      background: #f4f4f4;
      border: 1px solid #ddd;
      padding: 0.5rem;
      margin: 0.3rem 0;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      margin: 0.4rem 0;
    }
    th,
    td {
      border: 1px solid #bbb;
      padding: 0.2rem 0.4rem;
      text-align: left;
      vertical-align: top;
    }
    th {
      background: #eee;
    }
    td.num,
    th.num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    caption {
      text-align: left;
      font-weight: 600;
      padding: 0.2rem 0;
    }
    dl.kv {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.1rem 0.8rem;
      margin: 0.3rem 0;
    }
    dl.kv dt {
      font-weight: 600;
      color: #333;
    }
    dl.kv dd {
      margin: 0;
    }
    .tlp-banner {
      background: #000;
      padding: 0.4rem 1rem;
      margin: 0 -1.5rem;
      font-weight: 700;
      display: flex;
      gap: 1rem;
      align-items: baseline;
    }
    .tlp-label {
      font-family: ui-monospace, Consolas, monospace;
      font-size: 1.15rem;
      letter-spacing: 0.03em;
    }
    .tlp-meaning {
      color: #fff;
      font-weight: 400;
    }
    .tlp-red {
      color: #ff2b2b;
    }
    .tlp-amber,
    .tlp-amber-strict {
      color: #ffc000;
    }
    .tlp-green {
      color: #33ff00;
    }
    .tlp-clear {
      color: #ffffff;
    }
    .tlp-tag {
      background: #000;
      padding: 0 0.35rem;
      font-family: ui-monospace, Consolas, monospace;
      font-size: 0.8rem;
      white-space: nowrap;
    }
    .tlp-print {
      display: none;
    }
    .tlp-banner,
    .tlp-tag,
    .tlp-print {
      -webkit-print-color-adjust: exact;
      print-color-adjust: exact;
    }
    .meta {
      color: #444;
    }
    .partial {
      border: 2px solid #b00;
      background: #fff4f4;
      padding: 0.5rem 0.8rem;
      margin: 0.6rem 0;
    }
    .rule {
      border-top: 3px solid #555;
      margin-top: 1.5rem;
      padding-top: 0.3rem;
    }
    .finding {
      border: 1px solid #ccc;
      border-left: 4px solid #777;
      padding: 0.5rem 0.8rem;
      margin: 0.6rem 0;
    }
    .flag {
      display: inline-block;
      border: 1px solid #900;
      color: #900;
      padding: 0 0.3rem;
      font-size: 0.8rem;
      margin-left: 0.3rem;
    }
    .triage {
      display: inline-block;
      border: 1px solid #555;
      padding: 0 0.3rem;
      font-size: 0.8rem;
      margin-left: 0.3rem;
    }
    .note {
      border-left: 3px solid #36c;
      background: #f3f6fc;
      padding: 0.3rem 0.6rem;
      margin: 0.4rem 0;
    }
    .note-text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      margin: 0.2rem 0 0;
    }
    .redacted {
      font-style: italic;
      color: #555;
    }
    .chart {
      width: 100%;
      max-width: 36rem;
      height: auto;
    }
    figure {
      margin: 0.5rem 0;
    }
    .chart .bar {
      fill: #3a5f8f;
    }
    .chart .band-critical {
      fill: #a00;
    }
    .chart .band-high {
      fill: #d46a00;
    }
    .chart .band-medium {
      fill: #b59a00;
    }
    .chart .band-low {
      fill: #4a7f4a;
    }
    .chart text {
      font:
        12px system-ui,
        Arial,
        sans-serif;
      fill: #111;
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr));
      gap: 1rem;
    }
    .cmd {
      background: #111;
      color: #eee;
      border-color: #111;
    }
    .caution {
      font-weight: 600;
    }
  </style>`
}
