import { useInvoke } from '../../lib/use-invoke'
import { SafeText } from '../../components/SafeText'

/**
 * Versions of the app, the YARA engine and its binding, the platform and the transport
 * (`app:info`): what an analyst writes in the report's tool section.
 */
export function AppFooter() {
  const { result } = useInvoke('app:info', undefined)
  return (
    <footer className="app-footer">
      {result === undefined && 'Loading version information…'}
      {result?.ok === false && <span>Version information unavailable ({result.error.code})</span>}
      {result?.ok === true && (
        <span>
          Outpost <SafeText value={result.value.appVersion} /> · engine{' '}
          <SafeText value={result.value.engine} /> · binding{' '}
          <SafeText value={result.value.bindingVersion} /> ·{' '}
          <SafeText value={result.value.platform} /> ·{' '}
          {result.value.transport === 'electron' ? 'desktop app' : 'browser preview (loopback)'}
        </span>
      )}
    </footer>
  )
}
