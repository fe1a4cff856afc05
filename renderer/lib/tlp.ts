import type { TlpLevel } from '../../main/core/model/tlp'
import type { BadgeTone } from '../components/Badge'

/**
 * The TLP 2.0 levels, least to most restricted (the renderer's copy of `TLP_LEVELS`: it may only
 * import types from main; `satisfies` keeps the two lists in step).
 */
export const TLP_CHOICES = [
  'clear',
  'green',
  'amber',
  'amber+strict',
  'red',
] as const satisfies readonly TlpLevel[]

/** `TLP:AMBER+STRICT` — the label as FIRST writes it. */
export function tlpLabel(level: TlpLevel): string {
  return `TLP:${level.toUpperCase()}`
}

/** True when `value` names a TLP level (a select's value). */
export function isTlpChoice(value: string): value is TlpLevel {
  return (TLP_CHOICES as readonly string[]).includes(value)
}

/** How a TLP badge stands out: red is a danger, amber a warning, green and clear are fine. */
export function tlpTone(level: TlpLevel): BadgeTone {
  if (level === 'red') return 'danger'
  if (level === 'amber' || level === 'amber+strict') return 'warning'
  return level === 'green' ? 'ok' : 'neutral'
}
