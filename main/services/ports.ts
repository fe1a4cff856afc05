import type { EventChannel } from '../ipc/channels'
import type { EventPayload } from '../ipc/contract'
import type { SafeStorageLike } from '../core/share/keys/secret-box'

/**
 * What the host (Electron, or the loopback test transport) provides to the services: native
 * dialogs. Each returns an absolute path, or null when the analyst cancelled.
 */
export interface PlatformPorts {
  pickEvidence(kind: 'folder' | 'file'): Promise<string | null>
  pickCaseFile(): Promise<string | null>
  pickNewCaseFile(suggestedName: string): Promise<string | null>
  /** A partner's report bundle (`.zip`). */
  pickBundle(): Promise<string | null>
  /** A folder (where an export goes). */
  pickFolder(title: string): Promise<string | null>
  /** A rule pack to import: its folder, or a file (a pack `.zip`, a `.yar`/`.yara` rule file). */
  pickRulePack(kind: 'folder' | 'file'): Promise<string | null>
  /** The OS keychain (Electron's safeStorage) that seals signing keys; null where there is none. */
  readonly keychain: SafeStorageLike | null
}

/** Where services push events for the renderer. */
export interface EventSink {
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void
}
