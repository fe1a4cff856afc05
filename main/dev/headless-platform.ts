import type { PlatformPorts } from '../services/ports'

/**
 * Dialogs where there is no native UI (the browser preview, tests): each answer comes from the
 * queue a test scripted, or null (= cancelled) so the UI falls back to typed paths.
 */
export function headlessPlatform(
  script: { readonly picks?: (string | null)[] } = {},
): PlatformPorts {
  const next = (): Promise<string | null> => Promise.resolve(script.picks?.shift() ?? null)
  return {
    pickEvidence: next,
    pickCaseFile: next,
    pickNewCaseFile: next,
    pickBundle: next,
    pickFolder: next,
    pickRulePack: next,
    // No keychain here: keys are sealed by a passphrase.
    keychain: null,
  }
}
