/** Props of {@link HashValue}. */
export interface HashValueProps {
  readonly value: string | null
}

/**
 * A full hash in monospace (it wraps rather than being cut), or a dash when unknown.
 */
export function HashValue({ value }: HashValueProps) {
  return value === null ? <span className="muted">—</span> : <code className="hash">{value}</code>
}
