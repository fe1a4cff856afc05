import { expect } from 'vitest'

/** The D7 payload set (security-checks.md): markup, script URLs, bidi and control characters. */
export const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(2)>',
  "'><script>alert(3)</script>",
  'javascript:alert(4)',
  'invoice\u202Efdp.exe',
  'nul\u0000bell\u0007esc\u001b[31mdel\u007f\u0085',
  'isolate\u2066x\u2069 zw\u200b',
]
/** Every payload in one string. */
export const HOSTILE = PAYLOADS.join(' | ')
/** Characters that must never reach the DOM raw (text or attributes). */
export const RAW_DANGEROUS = [
  '\u202E',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2066',
  '\u200b',
]

/** The UTF-8 bytes of `text` as hex (a match excerpt). */
export function utf8Hex(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** No element or attribute was created from a payload, and no dangerous character is raw. */
export function expectInert(container: HTMLElement) {
  expect(
    container.querySelector('img,svg,script,iframe,object,embed,[onerror],[onload]'),
  ).toBeNull()
  expect(container.querySelector('a[href],[src],[srcdoc]')).toBeNull()
  const text = container.textContent
  for (const raw of RAW_DANGEROUS) expect(text.includes(raw)).toBe(false)
  for (const element of container.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      for (const raw of RAW_DANGEROUS) expect(attribute.value.includes(raw)).toBe(false)
    }
  }
  expect(text).toContain('invoice\\u202Efdp.exe')
}
