import { SafeText } from '../../components/SafeText'

/** Props of {@link Fingerprint}. */
export interface FingerprintProps {
  readonly value: string
}

/**
 * A key fingerprint in a monospace block, large enough to read out over the phone when the
 * analyst compares it with a partner (out of band).
 */
export function Fingerprint({ value }: FingerprintProps) {
  return (
    <code className="fingerprint">
      <SafeText value={value} max={200} />
    </code>
  )
}
