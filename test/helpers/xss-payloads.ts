/**
 * HTML/script payloads planted in a generated case (big-case.ts `hostile: true`) and checked in
 * real Chromium (test/e2e/xss-payloads.test.ts). Each one, if it ever executed, would set
 * `window.__xssFired` to its own label — so a test can tell which one got through.
 *
 * No vitest import here: the bench and the e2e helpers load this file outside a test too.
 */

/** Payloads without `/`, so they can also be file and folder names on disk. */
export const NAME_PAYLOADS = [
  `<img src=x onerror="window.__xssFired='img'">`,
  `"><svg onload="window.__xssFired='svg'">`,
  `'><body onload=window.__xssFired='body'>`,
  `javascript:window.__xssFired='href'`,
] as const

/** Payloads for every other value (rule meta, excerpts, notes, tags). */
export const TEXT_PAYLOADS = [
  ...NAME_PAYLOADS,
  `<script>window.__xssFired='script'</script>`,
  `<iframe srcdoc="<script>parent.__xssFired='iframe'</script>"></iframe>`,
  `<a href="javascript:window.__xssFired='a'">click me</a>`,
  `[link](javascript:window.__xssFired='md')`,
  `<style>@import 'http://198.51.100.1/x.css';</style>`,
] as const

/** A tag (at most 64 characters in the schema) that is markup. */
export const TAG_PAYLOAD = `<b onmouseover=window.__xssFired='tag'>t</b>`

/** The payload planted as a rule's name (shown in the first rows of the findings table). */
export const RULE_NAME_PAYLOAD = `<img src=x onerror="window.__xssFired='rule'">`
